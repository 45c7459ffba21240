package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.demo.simulator.DemoJobs;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch, show and list commands end to end against the real simulator, in process. */
class WatchCommandTest {

  private static final List<String> OUTPUT_FIELDS = List.of("videoURL", "videoShareURL",
      "videoEmbedURL", "audioURL", "thumbnail", "srtFile", "txtFile", "vttFile", "videoDuration",
      "encodingDuration");

  @TempDir
  Path dir;

  private SimulatedAccount account;
  private PictorySimulator simulator;
  private String db;
  private Map<String, String> env;

  @BeforeEach
  void start() {
    account = Runs.account(Runs.quickJobs(3).failing(1));
    simulator = Runs.simulator(account);
    db = dir.resolve("data").resolve("jobs").toString();
    env = Runs.env("PICTORY_API_KEY", Runs.KEY, "PICTORY_BASE_URL",
        simulator.baseUrl().toString(), "RENDERWATCH_DB", db, "HOME", dir.toString());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Runs.Result watch(String... more) {
    List<String> args = new ArrayList<>(List.of("watch", "--json"));
    args.addAll(Runs.fast());
    args.addAll(List.of(more));
    return Runs.run(env, args.toArray(String[]::new));
  }

  private List<String> ids() {
    return account.jobs().stream().map(JobId::toString).toList();
  }

  @Test
  void watchPrintsEveryFieldAsNdjsonAndExitsOneForAFailedRender() throws IOException {
    Runs.Result result = watch(ids().toArray(String[]::new));

    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    List<Map<String, Object>> lines = result.json();
    assertThat(lines).extracting(l -> l.get("job_id")).containsExactlyInAnyOrderElementsOf(ids());
    for (Map<String, Object> line : lines) {
      JobId id = JobId.parse((String) line.get("job_id"));
      JobScript script = account.script(id).orElseThrow();
      if (script.ending() == JobScript.Ending.FAILED) {
        assertThat(line).containsEntry("status", "failed")
            .containsEntry("error_code", DemoJobs.FAILURE_CODE)
            .containsEntry("error_message", DemoJobs.FAILURE_MESSAGE);
      } else {
        assertThat(line).containsEntry("status", "completed").containsKeys(
            OUTPUT_FIELDS.toArray(String[]::new));
        var expected = JobScript.outputOf(id);
        assertThat(line).containsEntry("videoURL", expected.videoUrl().orElseThrow().toString())
            .containsEntry("videoShareURL", expected.videoShareUrl().orElseThrow().toString())
            .containsEntry("videoEmbedURL", expected.videoEmbedUrl().orElseThrow().toString())
            .containsEntry("audioURL", expected.audioUrl().orElseThrow().toString())
            .containsEntry("thumbnail", expected.thumbnail().orElseThrow().toString())
            .containsEntry("srtFile", expected.srtFile().orElseThrow().toString())
            .containsEntry("txtFile", expected.txtFile().orElseThrow().toString())
            .containsEntry("vttFile", expected.vttFile().orElseThrow().toString())
            .containsEntry("videoDuration", 63.5)
            .containsEntry("encodingDuration", 41.25);
      }
    }
    assertThat(result.err()).contains("completed").contains("failed");
    assertKeyAbsent(result);
  }

  @Test
  void everyJobCompletedExitsZeroAndTheTableIsAligned() {
    SimulatedAccount ok = Runs.account(Runs.quickJobs(2));
    try (PictorySimulator sim = Runs.simulator(ok)) {
      List<String> args = new ArrayList<>(List.of("watch", "--base-url", sim.baseUrl().toString()));
      args.addAll(Runs.fast());
      ok.jobs().forEach(id -> args.add(id.toString()));
      Runs.Result result = Runs.run(env, args.toArray(String[]::new));

      assertThat(result.code()).as(result.toString()).isZero();
      List<String> rows = result.out().lines().toList();
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0)).startsWith("JOB ID").contains("STATUS").contains("DETAIL");
      int statusColumn = rows.get(0).indexOf("STATUS");
      for (String row : rows.subList(1, 3)) {
        assertThat(row.substring(statusColumn)).startsWith("completed");
        assertThat(row).contains("https://cdn.renderwatch.invalid/renders/");
      }
    }
  }

  @Test
  void aStoredJobIsAnsweredWithoutARequestAndShownOfflineAfterTheSimulatorStops() {
    String first = ids().get(0);
    assertThat(watch(ids().toArray(String[]::new)).code()).isEqualTo(1);
    long before = simulator.requestCount();

    Runs.Result again = watch(ids().toArray(String[]::new));

    assertThat(again.code()).isEqualTo(1);
    assertThat(simulator.requestCount()).isEqualTo(before);
    assertThat(again.json()).hasSize(3);

    simulator.close();
    Runs.Result shown = Runs.run(env, "show", "--json", first);
    assertThat(shown.code()).as(shown.toString()).isZero();
    assertThat(shown.json()).singleElement().satisfies(line ->
        assertThat(line).containsEntry("job_id", first));
    Runs.Result table = Runs.run(env, "show", first);
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains(first);

    Runs.Result listed = Runs.run(env, "list", "--json");
    assertThat(listed.code()).isZero();
    assertThat(listed.json()).extracting(l -> l.get("job_id"))
        .containsExactlyInAnyOrderElementsOf(ids());
    assertThat(Runs.run(env, "list").out().lines()).hasSize(4);

    Runs.Result missing = Runs.run(env, "show", JobId.random().toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.errLines()).singleElement().asString().contains("not stored");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void anUnknownJobEndsInErrorNotFoundWithExitThree() {
    String unknown = JobId.random().toString();
    Runs.Result result = watch(ids().get(0), unknown);

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(result.json()).filteredOn(l -> unknown.equals(l.get("job_id"))).singleElement()
        .satisfies(l -> assertThat(l).containsEntry("status", "error")
            .containsEntry("error_code", "not_found").containsKey("error_message"));
  }

  @Test
  void aRefusedKeyEndsInErrorUnauthorized() {
    Runs.Result result = Runs.run(env, "watch", "--json", "--api-key", "pictai_wrong_key",
        "--min-interval", "200ms", "--max-interval", "500ms", ids().get(0));

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(result.json()).singleElement().satisfies(l -> assertThat(l)
        .containsEntry("status", "error").containsEntry("error_code", "unauthorized"));
    assertThat(result.out() + result.err()).doesNotContain("pictai_wrong_key");
  }

  @Test
  void idsComeFromAFileAndFromStandardInput() throws IOException {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "# two jobs\n" + ids().get(0) + "\n\n" + ids().get(1) + "\n");
    List<String> args = new ArrayList<>(List.of("watch", "--json"));
    args.addAll(Runs.fast());
    args.addAll(List.of("@" + file, "-"));

    Runs.Result result = Runs.runWithStdin(env, ids().get(2) + "\n", args.toArray(String[]::new));

    assertThat(result.json()).extracting(l -> l.get("job_id"))
        .containsExactlyInAnyOrderElementsOf(ids());
  }

  @Test
  void timeoutEndsTheWatchInErrorAndResumeFinishesIt() {
    SimulatedAccount slow = SimulatedAccount.builder().build();
    JobId id = slow.submit(JobScript.completing(Duration.ZERO, Duration.ofSeconds(3)),
        Instant.now());
    try (PictorySimulator sim = Runs.simulator(slow)) {
      Runs.Result result = Runs.run(env, "watch", "--json", "--base-url",
          sim.baseUrl().toString(), "--min-interval", "200ms", "--max-interval", "300ms",
          "--timeout", "500ms", id.toString());
      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.json()).singleElement().satisfies(l -> assertThat(l)
          .containsEntry("status", "error").containsEntry("error_code", "timeout"));

      Runs.Result nothing = Runs.run(env, "watch", "--resume", "--base-url",
          sim.baseUrl().toString());
      assertThat(nothing.code()).as(nothing.toString()).isZero();
      assertThat(nothing.err()).contains("No unfinished watch");
    }
  }

  @Test
  void versionAndHelp() {
    Runs.Result version = Runs.run(env, "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).matches("renderwatch \\d+\\.\\d+\\.\\d+.*\\s*");
    Runs.Result help = Runs.run(env, "watch", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--base-url", "--api-key", "--db", "--min-interval",
        "--max-interval", "--timeout", "--expected-length", "--rate", "--json", "--resume");
  }

  private void assertKeyAbsent(Runs.Result result) throws IOException {
    assertThat(result.out()).doesNotContain(Runs.KEY);
    assertThat(result.err()).doesNotContain(Runs.KEY);
    byte[] key = Runs.KEY.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(indexOf(Files.readAllBytes(file), key)).as(file.toString()).isEqualTo(-1);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
