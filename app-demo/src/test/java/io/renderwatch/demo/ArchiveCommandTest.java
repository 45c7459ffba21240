package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import io.renderwatch.testkit.http.OutputFiles;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code archive} in-process against the simulator's files over real HTTP, per CLI.md. */
class ArchiveCommandTest {

  @TempDir
  Path dir;

  private final MutableClock cdnClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private OutputFiles files;
  private PictorySimulator simulator;
  private SimulatedAccount account;

  @BeforeEach
  void start() {
    files = OutputFiles.builder().retention(Duration.ofDays(30)).clock(cdnClock).build();
    account = Runs.account(Runs.quickJobs(2));
    simulator = PictorySimulator.builder().apiKey(Runs.KEY).account(account).files(files).build();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void archivesEveryFileVerifiedAndASecondRunFetchesNothing(String kind) throws Exception {
    String db = kind.equals("h2") ? dir.resolve("db").resolve("jobs").toString()
        : EmbeddedPostgres.freshDatabase().url();
    watchAll(db);
    Path archive = dir.resolve("archive");

    Runs.Result first = archive(db, "--dir", archive.toString(), "--json", "--all");

    assertThat(first.code()).as(first.toString()).isZero();
    List<Map<String, Object>> jobs = first.json();
    assertThat(jobs).hasSize(2);
    for (Map<String, Object> job : jobs) {
      JobId id = JobId.parse((String) job.get("job_id"));
      List<?> fileList = (List<?>) job.get("files");
      assertThat(fileList).hasSize(6);
      for (Object item : fileList) {
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) item;
        OutputFile output = OutputFile.ofField((String) file.get("field")).orElseThrow();
        Path path = archive.resolve(id.toString()).resolve(output.fileName());
        assertThat(file).containsEntry("status", "archived")
            .containsEntry("path", path.toString());
        byte[] expected = files.content(id, output);
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
        assertThat(((Number) file.get("bytes")).longValue()).isEqualTo(expected.length);
        assertThat(file.get("sha256")).isEqualTo(sha256(expected));
      }
    }
    long served = files.filesServed();

    Runs.Result second = archive(db, "--dir", archive.toString(), "--json", "--all");

    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(files.filesServed()).isEqualTo(served);
    assertThat(second.out()).doesNotContain("\"archived\"").contains("\"already\"");

    String id = (String) jobs.get(0).get("job_id");
    Runs.Result show = Runs.run(Runs.env(), "show", "--db", db, id);
    assertThat(show.out()).contains(archive.resolve(id).resolve("video.mp4").toString())
        .contains(archive.resolve(id).resolve("transcript.txt").toString());
    Runs.Result list = Runs.run(Runs.env(), "list", "--json", "--db", db);
    assertThat(list.out()).contains("\"path\":\"" + archive.resolve(id).resolve("audio.mp3"));
  }

  @Test
  void aFileChangedOnDiskIsFetchedAgainAndSaysSo() throws Exception {
    String db = dir.resolve("jobs").toString();
    List<String> ids = watchAll(db);
    Path archive = dir.resolve("archive");
    assertThat(archive(db, "--dir", archive.toString(), ids.get(0)).code()).isZero();
    Path video = archive.resolve(ids.get(0)).resolve("video.mp4");
    Files.write(video, new byte[] {42});

    Runs.Result again = archive(db, "--dir", archive.toString(), ids.get(0));

    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.err()).contains("video.mp4").contains("changed on disk");
    assertThat(Files.readAllBytes(video))
        .isEqualTo(files.content(JobId.parse(ids.get(0)), OutputFile.VIDEO));
  }

  @Test
  void filesPurgedAfterTheirRetentionAreGoneAndTheRunSaysSo() throws Exception {
    String db = dir.resolve("jobs").toString();
    List<String> ids = watchAll(db);
    cdnClock.advance(Duration.ofDays(31));

    Runs.Result run = archive(db, "--dir", dir.resolve("archive").toString(), "--json",
        ids.get(0));

    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("\"status\":\"gone\"").doesNotContain("\"archived\"");
    assertThat(run.err()).contains("HTTP 404");
  }

  @Test
  void anIdThatIsNotStoredIsExit3AndTheOthersAreStillArchived() throws Exception {
    String db = dir.resolve("jobs").toString();
    List<String> ids = watchAll(db);
    String unknown = JobId.random().toString();

    Runs.Result run = archive(db, "--dir", dir.resolve("archive").toString(), "--json",
        unknown, ids.get(0));

    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("job " + unknown + " is not stored in " + db);
    assertThat(run.json()).hasSize(2);
    assertThat(run.out()).contains("\"status\":\"archived\"");
    assertThat(dir.resolve("archive").resolve(ids.get(0)).resolve("video.mp4")).exists();
    assertThat(dir.resolve("archive").resolve(unknown)).doesNotExist();
  }

  @Test
  void watchWithArchiveArchivesEachJobAsItCompletes() throws Exception {
    String db = dir.resolve("jobs").toString();
    Path archive = dir.resolve("archive");
    List<String> args = new ArrayList<>(List.of("watch", "--archive", "--dir", archive.toString(),
        "--db", db, "--base-url", simulator.baseUrl().toString(), "--api-key", Runs.KEY));
    args.addAll(Runs.fast());
    account.jobs().forEach(id -> args.add(id.toString()));

    Runs.Result run = Runs.run(Runs.env(), args.toArray(new String[0]));

    assertThat(run.code()).as(run.toString()).isZero();
    for (JobId id : account.jobs()) {
      for (OutputFile output : OutputFile.values()) {
        assertThat(Files.readAllBytes(archive.resolve(id.toString()).resolve(output.fileName())))
            .isEqualTo(files.content(id, output));
      }
    }
    Runs.Result show = Runs.run(Runs.env(), "show", "--db", db, account.jobs().get(0).toString());
    assertThat(show.out()).contains(archive.resolve(account.jobs().get(0).toString())
        .resolve("video.mp4").toString());
  }

  @Test
  void badUsageIsExit2AndTouchesNothing() {
    String db = dir.resolve("jobs").toString();
    assertThat(archive(db).code()).isEqualTo(2);
    assertThat(archive(db, "--all", JobId.random().toString()).code()).isEqualTo(2);
    Runs.Result notAnId = archive(db, "not-a-uuid");
    assertThat(notAnId.code()).isEqualTo(2);
    assertThat(notAnId.err()).contains("Not a job id");
    assertThat(archive(db, "--max-bytes", "0", "--all").code()).isEqualTo(2);
    Runs.Result badSize = archive(db, "--max-bytes", "lots", "--all");
    assertThat(badSize.code()).isEqualTo(2);
    assertThat(badSize.err()).contains("not a size");
    assertThat(dir.resolve("jobs.mv.db")).doesNotExist();
  }

  private Runs.Result archive(String db, String... args) {
    List<String> all = new ArrayList<>(List.of("archive", "--db", db));
    all.addAll(List.of(args));
    return Runs.run(Runs.env("HOME", dir.toString()), all.toArray(new String[0]));
  }

  /** Watches the simulator's jobs to completion into {@code db}; returns their ids. */
  private List<String> watchAll(String db) {
    List<String> ids = account.jobs().stream().map(JobId::toString).toList();
    List<String> args = new ArrayList<>(List.of("watch", "--db", db, "--base-url",
        simulator.baseUrl().toString(), "--api-key", Runs.KEY));
    args.addAll(Runs.fast());
    args.addAll(ids);
    Runs.Result watched = Runs.run(Runs.env(), args.toArray(new String[0]));
    assertThat(watched.code()).as(watched.toString()).isZero();
    return ids;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
