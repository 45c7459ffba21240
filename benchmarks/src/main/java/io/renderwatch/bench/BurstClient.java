package io.renderwatch.bench;

import io.renderwatch.core.model.JobId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Sends webhook callbacks at a steady pace through a pooled client — the JDK's HttpClient on
 * HTTP/1.1 with keep-alive, a small fixed thread pool, and at most {@link #CONNECTIONS}
 * requests (so connections) at once — and times each from the moment it is handed to the client
 * to its answer, so that what is measured is the service, not the client's connection setup.
 */
final class BurstClient implements AutoCloseable {

  /** The most callbacks in flight at once, so the most connections the pool opens. */
  static final int CONNECTIONS = 32;

  private final URI url;
  private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "burst-client");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(threads).connectTimeout(Duration.ofSeconds(10)).build();
  private final Semaphore inFlight = new Semaphore(CONNECTIONS);

  BurstClient(URI url) {
    this.url = url;
  }

  /** What one burst measured. */
  record Result(List<Long> micros, int refused, double seconds) {}

  /** Sends {@code count} callbacks (for {@code ids}, in turn) evenly over {@code over}. */
  Result burst(List<JobId> ids, int count, Duration over) throws InterruptedException {
    List<CompletableFuture<Long>> answers = new ArrayList<>(count);
    long begin = System.nanoTime();
    long step = over.toNanos() / count;
    for (int i = 0; i < count; i++) {
      long due = begin + i * step;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      inFlight.acquire();
      HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"job_id\":\"" + ids.get(i % ids.size()) + "\"}")).build();
      long sent = System.nanoTime();
      answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle((response, error) -> {
            inFlight.release();
            return error == null && response.statusCode() == 202
                ? (System.nanoTime() - sent) / 1_000 : -1L;
          }));
    }
    List<Long> micros = new ArrayList<>(count);
    int refused = 0;
    for (CompletableFuture<Long> answer : answers) {
      long value = answer.join();
      if (value < 0) {
        refused++;
      } else {
        micros.add(value);
      }
    }
    micros.sort(Long::compare);
    return new Result(micros, refused, (System.nanoTime() - begin) / 1e9);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
