package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.jdbc.JdbcStores;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** The databases the store benchmarks run on, and the snapshots they write. */
final class Flavors {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Flavors() {}

  /** Opens a fresh, empty database of the flavour: h2-file, h2-mem or postgresql. */
  static Opened open(String flavor) {
    switch (flavor) {
      case "h2-file": {
        Path dir = temporaryDirectory();
        return new Opened(JdbcStores.h2File(dir.resolve("jobs")), dir, 0);
      }
      case "h2-mem":
        return new Opened(JdbcStores.h2InMemory("bench_" + System.nanoTime()), null, 0);
      case "postgresql": {
        EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
        return new Opened(JdbcStores.jdbcUrl(db.url(), db.user(), db.password()), null,
            EmbeddedPostgres.port());
      }
      default:
        throw new IllegalArgumentException("Unknown flavor " + flavor
            + " (h2-file, h2-mem or postgresql)");
    }
  }

  /** A completed snapshot of the {@code n}th job of the run {@code run}. */
  static JobSnapshot completed(long run, long n) {
    JobId id = new JobId(new UUID(run, n));
    return JobSnapshot.of(id, new JobState.Completed(JobScript.outputOf(id)), T0.plusMillis(n));
  }

  /**
   * An opened database, the directory to delete when it is closed (or null), and the port of
   * the database server it talks to (0 for H2, which runs in this process).
   */
  record Opened(JdbcStores stores, Path directory, int serverPort) implements AutoCloseable {
    @Override
    public void close() {
      stores.close();
      if (directory != null) {
        deleteTree(directory);
      }
    }
  }

  /** Saves {@code count} completed jobs of run {@code run} into the store; returns their ids. */
  static JobId[] fill(JobStore store, int count, long run) {
    JobId[] ids = new JobId[count];
    for (int i = 0; i < count; i++) {
      JobSnapshot snapshot = completed(run, i);
      store.save(snapshot);
      ids[i] = snapshot.id();
    }
    return ids;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("renderwatch-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
