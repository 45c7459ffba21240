package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /events} and {@code ?wait=}: held on a few threads, answered on every change. */
class EventsTest {

  private final Harness h = new Harness(Optional.empty(), Duration.ofSeconds(1));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theStreamSendsTheJobObjectOnEveryChangeUntilItCompletes() throws Exception {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofSeconds(3)));
    HttpResponse<InputStream> stream = h.http.send(HttpRequest.newBuilder(h.url("/events"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));

    h.put("/jobs/" + id, "");

    List<String> data = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String event = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && "job".equals(event)) {
          data.add(line.substring(6));
          if (line.contains("\"status\":\"completed\"")) {
            break;
          }
        }
      }
    }
    assertThat(data).allSatisfy(json -> assertThat(json).contains("\"job_id\":\"" + id + "\""));
    assertThat(data).anySatisfy(json -> assertThat(json).contains("\"progress\":"));
    assertThat(data.get(data.size() - 1)).contains("\"status\":\"completed\"");
  }

  @Test
  void aThousandHeldWaitsAreAllAnsweredWhenTheJobEndsWithoutAThreadEach() {
    JobId id = h.job(JobScript.completing(Duration.ZERO, Duration.ofSeconds(6)));
    h.put("/jobs/" + id, "");
    int threadsBefore = Thread.activeCount();

    List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waits.add(h.http.sendAsync(HttpRequest.newBuilder(h.url("/jobs/" + id + "?wait=60s"))
          .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    int threadsWhileWaiting = Thread.activeCount();
    CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0])).join();

    for (CompletableFuture<HttpResponse<String>> wait : waits) {
      assertThat(wait.join().statusCode()).isEqualTo(200);
      assertThat(wait.join().body()).contains("\"status\":\"completed\"");
    }
    // The server's pools are bounded (16 + 4 threads); the waits themselves hold none.
    assertThat(threadsWhileWaiting - threadsBefore).isLessThan(100);
  }
}
