package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes from the packaged jar on one embedded PostgreSQL: a callback at the
 * instance that does not poll the job is honoured with one confirming request, and SIGTERM hands
 * the stopped instance's watches to the other long before the lease would run out.
 */
class ServePostgresIT {

  private static final String TOKEN = "pg-it-token-41c2";
  private static final String SECRET = "pg-it-secret-9f0e1d2c";

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
  }

  private String start(String name, String db, PictorySimulator simulator) throws Exception {
    ServeProcess serve = ServeProcess.start(dir, name, List.of("--port", "0", "--db", db,
        "--api-key", Runs.KEY, "--base-url", simulator.baseUrl().toString(), "--token", TOKEN,
        "--webhook-secret", SECRET, "--min-interval", "2s", "--max-interval", "2s",
        "--lease", "60s"));
    processes.add(serve.process);
    return serve.base;
  }

  private static String read(Path file) {
    return ServeProcess.read(file);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return ServeProcess.send(request.header("Authorization", "Bearer " + TOKEN));
  }

  @Test
  void aCallbackAtEitherInstanceIsHonouredAndSigtermHandsTheWatchesOverAtOnce() throws Exception {
    EmbeddedPostgres.Database database = EmbeddedPostgres.freshDatabase();
    SimulatedAccount account = SimulatedAccount.builder().build();
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
        .account(account).build()) {
      String a = start("a", database.url(), simulator);
      String b = start("b", database.url(), simulator);
      JobId rendering = account.submit(JobScript.completing(Duration.ZERO, Duration.ofHours(1)),
          Instant.now());
      JobId quick = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(4)),
          Instant.now());

      assertThat(send(HttpRequest.newBuilder(URI.create(a + "/jobs/" + rendering))
          .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
      assertThat(send(HttpRequest.newBuilder(URI.create(a + "/jobs/" + quick))
          .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> account.requestsFor(quick) >= 1);

      // The callback reaches B, which does not poll the job: B confirms it and stores the result.
      await().atMost(Duration.ofSeconds(30)).until(() -> !account.endsAt(quick).orElseThrow()
          .isAfter(Instant.now()));
      assertThat(http.send(HttpRequest.newBuilder(URI.create(b + "/webhooks/pictory/" + SECRET))
          .POST(HttpRequest.BodyPublishers.ofString("{\"job_id\":\"" + quick + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
      assertThat(send(HttpRequest.newBuilder(URI.create(b + "/jobs/" + quick + "?wait=60s"))
          .GET()).body()).as(() -> "B's answer; A's log:\n" + read(dir.resolve("a.err"))
              + "\nB's log:\n" + read(dir.resolve("b.err")))
          .contains("\"status\":\"completed\"");

      // SIGTERM on A: B takes the rendering job over long before A's 60 s lease would end.
      int before = account.requestsFor(rendering);
      processes.get(0).destroy();
      assertThat(processes.get(0).waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(processes.get(0).exitValue()).as(read(dir.resolve("a.err"))).isZero();
      int atStop = account.requestsFor(rendering);
      await().atMost(Duration.ofSeconds(40)).until(() -> account.requestsFor(rendering) > atStop);
      assertThat(atStop).isGreaterThanOrEqualTo(before);
      assertThat(send(HttpRequest.newBuilder(URI.create(b + "/metrics")).GET()).body())
          .contains("renderwatch_watches_active 1.0");
      String logs = read(dir.resolve("a.err")) + read(dir.resolve("b.err"));
      assertThat(logs).doesNotContain(Runs.KEY).doesNotContain(TOKEN).doesNotContain(SECRET);
    }
  }
}
