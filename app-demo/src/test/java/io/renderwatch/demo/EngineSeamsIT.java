package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's seams as a person meets them through the packaged jar over real HTTP, across
 * runs over one H2 file: the status {@code cleaned}, a re-watch's own timeout, and resuming a
 * watch that ended for a reason a person can fix.
 */
class EngineSeamsIT {

  /** Hang guard for one run; no run here should come near it. */
  private static final Duration GUARD = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  @Test
  void aJobReportedCleanedEndsItsWatchAtOnceWithErrorCodeCleanedAndExit3() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.cleaned(Duration.ZERO, Duration.ofMillis(800)),
        Instant.now());
    try (PictorySimulator simulator = Runs.simulator(account)) {
      // The default timeout is an hour: only ending at "cleaned" lets this run end.
      Runs.Result run = JarProcess.run(dir, key(), GUARD, "watch", "--json", "--db", db(),
          "--base-url", simulator.baseUrl().toString(), "--min-interval", "200ms",
          "--max-interval", "400ms", id.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(3);
      assertThat(run.json()).singleElement().satisfies(job -> assertThat(job)
          .containsEntry("job_id", id.toString()).containsEntry("status", "error")
          .containsEntry("error_code", "cleaned"));
      int requests = account.requestsFor(id);
      // Nothing is left to resume, and asking again costs no request.
      Runs.Result resume = JarProcess.run(dir, key(), GUARD, "watch", "--resume", "--json",
          "--db", db(), "--base-url", simulator.baseUrl().toString());
      assertThat(resume.code()).as(resume.toString()).isZero();
      assertThat(resume.out()).isEmpty();
      assertThat(account.requestsFor(id)).isEqualTo(requests);
    }
  }

  @Test
  void aReWatchKeepsItsOwnTimeoutNotTheOneTheKilledRunRegistered() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.never(Duration.ZERO, Duration.ofSeconds(5)),
        Instant.now());
    try (PictorySimulator simulator = Runs.simulator(account)) {
      Path err = dir.resolve("first.err");
      Process first = JarProcess.builder(dir, key(), "watch", "--timeout", "1h", "--db", db(),
              "--base-url", simulator.baseUrl().toString(), "--min-interval", "200ms",
              "--max-interval", "400ms", id.toString())
          .redirectOutput(dir.resolve("first.out").toFile()).redirectError(err.toFile())
          .start();
      await().atMost(GUARD).until(() -> JarProcess.read(err).contains("running"));
      first.destroyForcibly(); // SIGKILL: the registration with its one-hour deadline stays
      assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();

      Runs.Result again = JarProcess.run(dir, key(), GUARD, "watch", "--timeout", "3s",
          "--json", "--db", db(), "--base-url", simulator.baseUrl().toString(),
          "--min-interval", "200ms", "--max-interval", "400ms", id.toString());

      assertThat(again.code()).as(again.toString()).isEqualTo(3);
      assertThat(again.json()).singleElement().satisfies(job -> assertThat(job)
          .containsEntry("job_id", id.toString()).containsEntry("status", "error")
          .containsEntry("error_code", "timeout"));
    }
  }

  @Test
  void aWatchEndedByAWrongKeyIsResumedOnceWithTheRightOneAndThenIsDone() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ofMillis(500)),
        Instant.now());
    try (PictorySimulator simulator = Runs.simulator(account)) {
      String url = simulator.baseUrl().toString();
      Runs.Result refused = JarProcess.run(dir, Map.of("PICTORY_API_KEY",
          "pictai_not_the_right_key_0000"), GUARD, "watch", "--json", "--db", db(),
          "--base-url", url, id.toString());
      assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
      assertThat(refused.json()).singleElement().satisfies(job -> assertThat(job)
          .containsEntry("status", "error").containsEntry("error_code", "unauthorized"));

      Runs.Result resumed = JarProcess.run(dir, key(), GUARD, "watch", "--resume", "--json",
          "--db", db(), "--base-url", url, "--min-interval", "200ms", "--max-interval", "400ms");
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      assertThat(resumed.json()).singleElement().satisfies(job -> assertThat(job)
          .containsEntry("job_id", id.toString()).containsEntry("status", "completed"));

      int requests = account.requestsFor(id);
      Runs.Result nothing = JarProcess.run(dir, key(), GUARD, "watch", "--resume", "--json",
          "--db", db(), "--base-url", url);
      assertThat(nothing.code()).as(nothing.toString()).isZero();
      assertThat(nothing.out()).isEmpty();
      assertThat(account.requestsFor(id)).isEqualTo(requests);
      assertThat(refused.out() + refused.err() + resumed.out() + resumed.err())
          .doesNotContain(Runs.KEY).doesNotContain("pictai_not_the_right_key_0000");
    }
  }

  private String db() {
    return dir.resolve("db").resolve("jobs").toString();
  }

  private static Map<String, String> key() {
    return Map.of("PICTORY_API_KEY", Runs.KEY);
  }
}
