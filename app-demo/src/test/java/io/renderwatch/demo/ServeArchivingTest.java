package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.renderwatch.core.archive.ArchiveListener;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.http.HttpFileFetcher;
import io.renderwatch.jdbc.JdbcStores;
import io.renderwatch.testkit.http.OutputFiles;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --archive}'s archiving in-process: two instances on one database, against the
 * simulator's files over real HTTP, sweep the same completed jobs at once and every file is
 * fetched once in all.
 */
class ServeArchivingTest {

  private static final int JOBS = 4;

  @TempDir
  Path dir;

  @Test
  void aZeroSizeCapIsRefusedBeforeAnythingIsOpened() {
    String db = dir.resolve("db").resolve("jobs").toString();
    Runs.Result run = Runs.run(Runs.env(), "serve", "--archive", dir.resolve("a").toString(),
        "--max-bytes", "0", "--db", db, "--api-key", Runs.KEY, "--port", "0");

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--max-bytes 0 would refuse every file");
    assertThat(dir.resolve("db")).doesNotExist();
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void twoInstancesOnOneDatabaseArchiveEveryFileAndNoFileIsFetchedTwice() throws Exception {
    OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, 256 << 10)
        .bytesPerSecond(2L << 20).build();
    SimulatedAccount account = Runs.account(Runs.quickJobs(JOBS));
    String db = dir.resolve("db").resolve("jobs").toString();
    Path archive = dir.resolve("archive");
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(Runs.KEY)
        .account(account).files(files).build()) {
      List<String> args = new ArrayList<>(List.of("watch", "--db", db, "--base-url",
          simulator.baseUrl().toString(), "--api-key", Runs.KEY));
      args.addAll(Runs.fast());
      account.jobs().forEach(id -> args.add(id.toString()));
      Runs.Result watched = Runs.run(Runs.env(), args.toArray(new String[0]));
      assertThat(watched.code()).as(watched.toString()).isZero();

      ByteArrayOutputStream said = new ByteArrayOutputStream();
      try (JdbcStores stores = JdbcStores.open(db);
          HttpFileFetcher fetcher = HttpFileFetcher.builder().build();
          PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);
          ServeArchiving a = new ServeArchiving(archive, Archiver.DEFAULT_MAX_BYTES, err);
          ServeArchiving b = new ServeArchiving(archive, Archiver.DEFAULT_MAX_BYTES, err)) {
        Archiver archiver = Archiver.builder().records(stores.outputArchive()).fetcher(fetcher)
            .directory(archive).listener(ArchiveListener.NONE).build();
        a.start(new ServeArchiving.Parts(stores.jobStore(), stores.outputArchive(),
            stores.archiveClaims(), archiver, "instance-a", Duration.ofSeconds(30),
            Clock.systemUTC()));
        b.start(new ServeArchiving.Parts(stores.jobStore(), stores.outputArchive(),
            stores.archiveClaims(), archiver, "instance-b", Duration.ofSeconds(30),
            Clock.systemUTC()));

        await().atMost(Duration.ofSeconds(60)).until(() -> account.jobs().stream()
            .allMatch(id -> stores.outputArchive().find(id).size() == OutputFile.values().length));
        for (JobId id : account.jobs()) {
          for (ArchivedFile file : stores.outputArchive().find(id)) {
            assertThat(file.gone()).isFalse();
            assertThat(Files.readAllBytes(archive.resolve(id.toString())
                .resolve(file.file().fileName()))).isEqualTo(files.content(id, file.file()));
          }
        }
      }
      assertThat(files.filesServed()).as(said.toString(StandardCharsets.UTF_8))
          .isEqualTo((long) JOBS * OutputFile.values().length);
    }
  }
}
