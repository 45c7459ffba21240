package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.http.OutputFiles;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive} through the packaged jar in child processes, against the simulator's CDN. */
class ArchiveIT {

  private static final long VIDEO = 8L << 20;

  @TempDir
  Path dir;

  @Test
  void anArchiveKilledWithSigkillMidDownloadResumesWithRange() throws Exception {
    OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, VIDEO)
        .bytesPerSecond(2L << 20).build();
    SimulatedAccount account = Runs.account(Runs.quickJobs(1));
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
        .account(account).files(files).build()) {
      String db = watch(simulator, account);
      JobId id = account.jobs().get(0);
      Path folder = dir.resolve("archive").resolve(id.toString());
      Path part = folder.resolve(".video.mp4.part");

      Process child = java("archive", "--db", db, "--dir", dir.resolve("archive").toString(),
          id.toString()).start();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(part) && Files.size(part) > (1L << 20));
      child.destroyForcibly();
      assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(folder.resolve("video.mp4")).doesNotExist();
      long before = files.bytesServed();

      Process again = java("archive", "--db", db, "--dir", dir.resolve("archive").toString(),
          "--json", id.toString()).start();
      String out = new String(again.getInputStream().readAllBytes());
      assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(again.exitValue()).as(out).isZero();
      long fetchedAgain = files.bytesServed() - before;
      assertThat(fetchedAgain).isPositive().isLessThan(VIDEO);
      assertThat(Files.readAllBytes(folder.resolve("video.mp4")))
          .isEqualTo(files.content(id, OutputFile.VIDEO));
      assertThat(out).contains("\"field\":\"videoURL\"").contains("\"status\":\"archived\"")
          .doesNotContain("\"error\"");
      assertThat(part).doesNotExist();
    }
  }

  @Test
  void aFullDiskIsOneClearErrorExit3AndNoFileUnderAFinalName() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("tiny"));
    Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
        mount.toString()).redirectErrorStream(true).start();
    String why = new String(mounting.getInputStream().readAllBytes());
    Assumptions.assumeTrue(mounting.waitFor() == 0,
        "ABORTED, not passed: cannot mount a 1 MiB tmpfs (needs root): " + why.strip());
    try {
      OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, 2L << 20).build();
      SimulatedAccount account = Runs.account(Runs.quickJobs(1));
      try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
          .account(account).files(files).build()) {
        String db = watch(simulator, account);
        Process child = java("archive", "--db", db, "--dir", mount.toString(), "--all")
            .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(child.getInputStream().readAllBytes());
        String err = new String(child.getErrorStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(out + err).isEqualTo(3);
        assertThat(err.lines().filter(l -> l.startsWith("renderwatch: ")).toList())
            .singleElement().asString().contains("Not enough space")
            .contains("free some space or choose another --dir");
        try (Stream<Path> all = Files.walk(mount)) {
          assertThat(all.map(p -> p.getFileName().toString()))
              .noneMatch(name -> name.contains("video.mp4"));
        }
      }
    } finally {
      new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
  }

  /** Watches the account's jobs to completion in-process; returns the --db used. */
  private String watch(PictorySimulator simulator, SimulatedAccount account) {
    String db = dir.resolve("db").resolve("jobs").toString();
    List<String> args = new ArrayList<>(List.of("watch", "--db", db, "--base-url",
        simulator.baseUrl().toString(), "--api-key", Runs.KEY));
    args.addAll(Runs.fast());
    account.jobs().forEach(id -> args.add(id.toString()));
    Runs.Result watched = Runs.run(Runs.env(), args.toArray(new String[0]));
    assertThat(watched.code()).as(watched.toString()).isZero();
    return db;
  }

  private ProcessBuilder java(String... args) {
    ProcessBuilder builder = JarProcess.builder(dir, java.util.Map.of(), args);
    builder.redirectError(dir.resolve("err-" + System.nanoTime() + ".txt").toFile());
    return builder;
  }
}
