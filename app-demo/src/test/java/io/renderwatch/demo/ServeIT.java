package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} from the packaged jar against the HTTP simulator, as SERVE.md describes it. */
class ServeIT {

  private static final String TOKEN = "serve-it-token-5d1e9a";
  private static final String SECRET = "serve-it-secret-77b3c0ffee";

  @TempDir
  Path dir;

  private ServeProcess serve;
  private Process process;
  private PictorySimulator simulator;

  @AfterEach
  void stop() {
    if (serve != null) {
      serve.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  private ProcessBuilder java(String... args) {
    return ServeProcess.java(dir, args);
  }

  /** Starts serve and returns its base URL, read from the first line of stderr. */
  private String startServe() throws IOException {
    return startServe(0, "1s", "2s");
  }

  private String startServe(int port, String minInterval, String maxInterval) throws IOException {
    serve = ServeProcess.start(dir, "serve", List.of("--port", String.valueOf(port), "--db",
        dir.resolve("jobs").toString(), "--api-key", Runs.KEY, "--base-url",
        simulator.baseUrl().toString(), "--token", TOKEN, "--webhook-secret", SECRET,
        "--min-interval", minInterval, "--max-interval", maxInterval, "--verbose"));
    process = serve.process;
    return serve.base;
  }

  private static String read(Path file) {
    return ServeProcess.read(file);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return ServeProcess.send(request);
  }

  private HttpRequest.Builder authorized(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN);
  }

  private long servedFor(JobId id) {
    return simulator.served().stream().filter(r -> id.toString().equals(r.jobId())).count();
  }

  @Test
  void servesWebhooksJobsTheDashboardAndMetricsThenStopsOnSigtermWithExitZero() throws Exception {
    Instant now = Instant.now();
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId quick = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(3)), now);
    JobId slow = account.submit(JobScript.completing(Duration.ZERO, Duration.ofHours(1)), now);
    simulator = PictorySimulator.builder().apiKey(Runs.KEY).account(account).build();
    String base = startServe();

    assertThat(send(authorized(base + "/jobs/" + quick)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"timeout\": \"5m\"}"))).statusCode())
        .isEqualTo(201);
    HttpResponse<String> waited = send(authorized(base + "/jobs/" + quick + "?wait=60s").GET());
    assertThat(waited.body()).contains("\"status\":\"completed\"", "\"videoURL\":\"https://");

    // A forged "completed" callback for a job still rendering: one confirming GET, still running.
    HttpResponse<String> forged = send(HttpRequest.newBuilder(
        URI.create(base + "/webhooks/pictory/" + SECRET)).POST(HttpRequest.BodyPublishers
        .ofString("{\"job_id\":\"" + slow + "\",\"data\":{\"status\":\"completed\"}}")));
    assertThat(forged.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> servedFor(slow) >= 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> send(authorized(base + "/jobs/" + slow)
        .GET()).statusCode() == 200);
    assertThat(send(authorized(base + "/jobs/" + slow).GET()).body())
        .contains("\"status\":\"in-progress\"");

    // A duplicate callback for the ended job costs nothing.
    long before = servedFor(quick);
    send(HttpRequest.newBuilder(URI.create(base + "/webhooks/pictory/" + SECRET))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\":\"" + quick + "\"}")));
    await().atMost(Duration.ofSeconds(30)).until(() -> send(authorized(base + "/metrics").GET())
        .body().contains("renderwatch_webhooks_total{result=\"duplicate\"} 1.0"));
    assertThat(servedFor(quick)).isEqualTo(before);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/webhooks/pictory/wrong"))
        .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(404);

    // The dashboard through the cookie; no key anywhere a user can see.
    HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/?token="
        + TOKEN)).GET());
    assertThat(login.statusCode()).isEqualTo(303);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String page = send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie)
        .GET()).body();
    assertThat(page).contains("job-" + quick, "job-" + slow).doesNotContain(Runs.KEY);
    String metrics = send(authorized(base + "/metrics").GET()).body();
    assertThat(metrics).contains("renderwatch_api_requests_total{outcome=\"ok\"}",
        "renderwatch_watches_active 1.0").doesNotContain(Runs.KEY);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET()).statusCode())
        .isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/readyz")).GET()).statusCode())
        .isEqualTo(200);

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(read(serve.err)).isZero();
    String log = read(serve.err) + read(serve.out);
    Files.writeString(Path.of("target", "serve-it-stderr.log"), log);
    assertThat(log).as("see target/serve-it-stderr.log").contains("renderwatch serve: stopped");
    assertThat(log).contains("/webhooks/pictory/****" + SECRET.substring(SECRET.length() - 4))
        .doesNotContain(Runs.KEY).doesNotContain(TOKEN).doesNotContain(SECRET);
  }

  @Test
  void theSimulatorsCallbackMakesTheResultKnownWithOneRequestInsteadOfTheNextPoll()
      throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    // The callback goes to a port known only once serve runs: a fixed free port is taken first.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    simulator = PictorySimulator.builder().apiKey(Runs.KEY).account(account)
        .webhook(io.renderwatch.testkit.http.WebhookPlan.to(
            URI.create("http://127.0.0.1:" + port + "/webhooks/pictory/" + SECRET))
            .duplicating(1.0))
        .build();
    String base = startServe(port, "10m", "10m");
    // Submitted once serve listens, so that its callback cannot come before serve does.
    JobId job = account.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(6)),
        Instant.now());
    assertThat(send(authorized(base + "/jobs/" + job).PUT(HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> servedFor(job) == 1);

    HttpResponse<String> waited = send(authorized(base + "/jobs/" + job + "?wait=60s").GET());

    assertThat(waited.body()).contains("\"status\":\"completed\"");
    // One poll at the start, one confirming GET for the (duplicated) callback; no 10-minute wait.
    await().atMost(Duration.ofSeconds(30)).until(() -> simulator.callbacksSent() == 2);
    assertThat(servedFor(job)).isEqualTo(2);
  }

  @Test
  void aNonLoopbackBindWithoutATokenIsRefusedWithExitTwoAndNothingOpened() throws Exception {
    Process refused = java("serve", "--bind", "0.0.0.0", "--port", "0", "--api-key", Runs.KEY,
        "--db", dir.resolve("jobs").toString()).start();

    assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(refused.exitValue()).as(err).isEqualTo(2);
    assertThat(err).contains("--token").doesNotContain(Runs.KEY);
    assertThat(dir.resolve("jobs.mv.db")).doesNotExist();
  }

  @Test
  void printWebhookUrlPrintsTheWholeUrlWithTheSecretKeptInTheDatabase() throws Exception {
    String[] args = {"serve", "--print-webhook-url", "--public-url", "https://rw.example.com/",
        "--db", dir.resolve("jobs").toString()};
    Process first = java(args).start();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String url = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    Process second = java(args).start();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(first.exitValue()).isZero();
    assertThat(url).matches("https://rw\\.example\\.com/webhooks/pictory/[0-9a-f]{48}");
    assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo(url);
  }
}
