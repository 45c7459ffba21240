package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar in child processes: the demo, SIGKILL then resume, Ctrl-C, simulate. */
class JarIT {

  @TempDir
  Path dir;

  private Path db;

  private ProcessBuilder jar(String... args) {
    return JarProcess.builder(dir, Map.of(), args);
  }

  @BeforeEach
  void setUp() {
    db = dir.resolve("db").resolve("jobs");
  }

  @Test
  void theDemoRunsToTheEndFromAnyDirectoryAndExitsZero() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = jar().redirectOutput(out.toFile()).redirectError(err.toFile()).start();

    // A guard against a hang, not a timing check: the demo's scripts end on their own.
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(JarProcess.read(err)).isTrue();
    assertThat(process.exitValue()).as(JarProcess.read(out) + JarProcess.read(err)).isZero();
    String stdout = JarProcess.read(out);
    assertThat(stdout).contains("JOB ID", "completed", "failed", "4001: Invalid voice name");
    assertThat(JarProcess.read(err)).contains("poll failed (rate limited)", "from the store only",
        "Demo done");
  }

  @Test
  void planPrintsTheFiguresOfTheSameSimulationInProcess() throws Exception {
    Process process = jar("plan", "--jobs-per-hour", "300", "--jobs", "500", "--burst", "100",
        "--json").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(text).isTrue();
    assertThat(process.exitValue()).as(text).isZero();

    java.util.Map<String, Object> figures = MiniJson.parseObject(text.strip());
    io.renderwatch.demo.plan.Plan plan = new io.renderwatch.demo.plan.Planner(
        new io.renderwatch.demo.plan.Workload(300, 500, 100, Duration.ofMinutes(4), 1), 5, 5,
        java.util.OptionalDouble.empty()).run();
    assertThat((Double) figures.get("requestsPerJob"))
        .isCloseTo(plan.requestsPerJob(), org.assertj.core.api.Assertions.within(0.001));
    assertThat((Double) figures.get("delayP95Seconds"))
        .isCloseTo(plan.p95(), org.assertj.core.api.Assertions.within(0.001));
    assertThat(figures).containsEntry("seen", 500.0).containsEntry("tooManyRequests", 0.0);
  }

  @Test
  void versionFromTheJar() throws Exception {
    Process process = jar("--version").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(text.strip()).matches("renderwatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit "
        + "([0-9a-f]{7,40}(-dirty)?|unknown)\\)");
  }

  @Test
  void aWatchKilledWithSigkillIsResumedFromTheStore() throws Exception {
    // The job renders until the test lets it end, on the second simulator: no race with a clock.
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.never(Duration.ZERO, Duration.ofSeconds(6)),
        Instant.now());
    try (PictorySimulator simulator = Runs.simulator(account);
        PictorySimulator finished = Runs.simulator(completedAccount(id))) {
      Path err = dir.resolve("err.txt");
      Path out = dir.resolve("out.txt");
      ProcessBuilder builder = jar("watch", "--verbose", "--json", "--db", db.toString(),
          "--base-url", simulator.baseUrl().toString(), "--min-interval", "300ms",
          "--max-interval", "500ms", id.toString());
      builder.environment().put("PICTORY_API_KEY", Runs.KEY);
      Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      await().atMost(Duration.ofSeconds(60)).until(() -> JarProcess.read(err).contains("running"));

      child.destroyForcibly();
      assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(JarProcess.read(out)).isEmpty();

      Map<String, String> env = Runs.env("PICTORY_API_KEY", Runs.KEY, "HOME", dir.toString());
      Runs.Result resumed = Runs.run(env, "watch", "--resume", "--json", "--db", db.toString(),
          "--base-url", finished.baseUrl().toString(), "--min-interval", "300ms",
          "--max-interval", "500ms");
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      assertThat(resumed.json()).singleElement().satisfies(l -> assertThat(l)
          .containsEntry("job_id", id.toString()).containsEntry("status", "completed"));
      await().atMost(Duration.ofSeconds(60)).until(() ->
          Runs.run(env, "show", "--db", db.toString(), id.toString()).code() == 0);

      assertKeyNowhere(JarProcess.read(out) + JarProcess.read(err) + resumed.out() + resumed.err());
    }
  }

  @Test
  void ctrlCStopsPollingKeepsTheRegistrationAndExits130() throws Exception {
    // The job renders until the test lets it end, on the second simulator: no race with a clock.
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.never(Duration.ZERO, Duration.ofSeconds(5)),
        Instant.now());
    try (PictorySimulator simulator = Runs.simulator(account);
        PictorySimulator finished = Runs.simulator(completedAccount(id))) {
      Path err = dir.resolve("err.txt");
      Path out = dir.resolve("out.txt");
      ProcessBuilder builder = jar("watch", "--db", db.toString(), "--base-url",
          simulator.baseUrl().toString(), "--min-interval", "300ms", "--max-interval", "500ms",
          id.toString());
      builder.environment().put("PICTORY_API_KEY", Runs.KEY);
      Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      await().atMost(Duration.ofSeconds(60)).until(() -> JarProcess.read(err).contains("running"));

      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
      assertThat(kill.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();

      assertThat(child.exitValue()).as(JarProcess.read(err)).isEqualTo(130);
      assertThat(JarProcess.read(err)).contains("Interrupted", "--resume");
      assertThat(JarProcess.read(out)).contains(id.toString(), "in-progress");

      Map<String, String> env = Runs.env("PICTORY_API_KEY", Runs.KEY, "HOME", dir.toString());
      Runs.Result resumed = Runs.run(env, "watch", "--resume", "--json", "--db", db.toString(),
          "--base-url", finished.baseUrl().toString(), "--min-interval", "300ms",
          "--max-interval", "500ms");
      assertThat(resumed.code()).as(resumed.toString()).isZero();
      assertThat(resumed.json()).singleElement().satisfies(l -> assertThat(l)
          .containsEntry("job_id", id.toString()).containsEntry("status", "completed"));
    }
  }

  @Test
  void simulatePrintsItsUrlAndJobIdsAndServesThem() throws Exception {
    ProcessBuilder builder = jar("simulate", "--api-key", Runs.KEY, "--jobs", "2",
        "--min-render", "500ms", "--max-render", "800ms", "--min-queue", "0s", "--max-queue",
        "100ms");
    Process child = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8));
      String url = lines.readLine();
      String first = lines.readLine();
      String second = lines.readLine();
      assertThat(url).startsWith("http://127.0.0.1:");
      Map<String, String> env = Runs.env("PICTORY_API_KEY", Runs.KEY, "HOME", dir.toString());
      Runs.Result result = Runs.run(env, "watch", "--json", "--db", db.toString(), "--base-url",
          url, "--min-interval", "200ms", "--max-interval", "400ms", first, second);
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.json()).hasSize(2);
    } finally {
      child.destroy();
      child.waitFor(90, TimeUnit.SECONDS);
    }
  }

  /** An account on which job {@code id} has already completed. */
  private static SimulatedAccount completedAccount(JobId id) {
    SimulatedAccount account = SimulatedAccount.builder().build();
    account.add(id, JobScript.completing(Duration.ZERO, Duration.ZERO), Instant.now());
    return account;
  }

  private void assertKeyNowhere(String output) throws IOException {
    assertThat(output).doesNotContain(Runs.KEY);
    byte[] key = Runs.KEY.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.toString().endsWith(".mv.db"));
    for (Path file : files) {
      assertThat(WatchCommandTest.indexOf(Files.readAllBytes(file), key)).as(file.toString())
          .isEqualTo(-1);
    }
  }
}
