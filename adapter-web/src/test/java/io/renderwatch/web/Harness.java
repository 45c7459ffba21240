package io.renderwatch.web;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.core.time.SystemScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A real {@code serve} stack in one JVM: the engine on the system clock over a simulated Pictory
 * account (which counts every request per job), an in-memory store, and the web server on a free
 * loopback port.
 */
final class Harness implements AutoCloseable {

  static final String SECRET = "hook-secret-0123456789abcdef";
  static final String TOKEN = "token-abcdef-0123456789";

  final SystemScheduler scheduler = new SystemScheduler();
  final SimulatedAccount account = SimulatedAccount.builder().build();
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobFeed feed = new JobFeed();
  final ServeMetrics metrics = new ServeMetrics();
  final RenderWatch engine;
  final Optional<String> token;
  final WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Harness(Optional<String> token, Duration minInterval) {
    this.token = token;
    engine = RenderWatch.builder()
        .source(metrics.counting(new ScriptedStatusSource(account, scheduler,
            Duration.ofMillis(5), Duration.ofSeconds(5))))
        .store(store)
        .scheduler(scheduler)
        .listener(feed)
        .policy(PollPolicy.builder().intervals(minInterval, minInterval.multipliedBy(2))
            .queuedInterval(minInterval).build())
        .build();
    server = WebServer.builder().engine(engine).store(store).feed(feed).metrics(metrics)
        .webhookSecret(SECRET).token(token).host("127.0.0.1").port(0).build();
    server.start();
  }

  Harness() {
    this(Optional.empty(), Duration.ofSeconds(10));
  }

  /** Adds a job to the simulated account, started now. */
  JobId job(JobScript script) {
    return account.submit(script, scheduler.now());
  }

  URI url(String path) {
    return URI.create(server.url() + path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(90)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(url(path)).GET());
  }

  /** PUTs with the token, when the server has one. */
  HttpResponse<String> put(String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
        .PUT(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return send(request);
  }

  HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(url(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> webhook(String body) {
    return post("/webhooks/pictory/" + SECRET, body);
  }

  /** The value of one Prometheus sample line, 0 when absent. */
  double metric(String sample) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url("/metrics"));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    for (String line : send(request).body().split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).strip());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    server.close();
    engine.close();
    scheduler.close();
  }
}
