package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No terminal result whose save returned is lost when the process or its pool dies midway. */
class CrashTest {

  private static final int SAVES_BEFORE_CRASH = 60;

  @TempDir
  Path dir;

  @Test
  void aKilledProcessLosesNoReturnedTerminalSaveOnH2File() throws Exception {
    Path db = dir.resolve("jobs");
    List<JobId> returned = killWriterAfter(ChildProcess.start("write", db.toString()));

    try (JdbcStores reopened = JdbcStores.h2File(db)) {
      assertAllCompleted(reopened, returned);
    }
  }

  @Test
  void aKilledProcessLosesNoReturnedTerminalSaveOnPostgres() throws Exception {
    EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
    List<JobId> returned = killWriterAfter(ChildProcess.start("write", db.url(), db.user()));

    try (JdbcStores reopened = JdbcStores.jdbcUrl(db.url(), db.user(), db.password())) {
      assertAllCompleted(reopened, returned);
    }
  }

  @Test
  void aPoolClosedMidBatchLosesNoReturnedTerminalSave() throws Exception {
    EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
    JdbcStores stores = JdbcStores.jdbcUrl(db.url(), db.user(), db.password());
    Queue<JobId> returned = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(SAVES_BEFORE_CRASH);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      running.add(writers.submit(() -> {
        for (long i = 0; ; i++) {
          JobId id = JobId.random();
          try {
            stores.jobStore().save(at(id, running(10), i));
            stores.jobStore().save(at(id, completed(id), i + 1));
          } catch (StoreException e) {
            failures.incrementAndGet();
            return;
          }
          returned.add(id);
          enough.countDown();
        }
      }));
    }
    assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
    stores.close();
    for (Future<?> writer : running) {
      writer.get(60, TimeUnit.SECONDS);
    }
    writers.shutdown();

    assertThat(failures.get()).as("every writer saw the pool go").isEqualTo(4);
    try (JdbcStores reopened = JdbcStores.jdbcUrl(db.url(), db.user(), db.password())) {
      assertAllCompleted(reopened, new ArrayList<>(returned));
    }
  }

  private static List<JobId> killWriterAfter(Process child) throws Exception {
    List<JobId> returned = new ArrayList<>();
    try (BufferedReader out = ChildProcess.output(child)) {
      String line;
      while (returned.size() < SAVES_BEFORE_CRASH && (line = out.readLine()) != null) {
        returned.add(JobId.parse(line));
      }
      // Killed mid-batch: the child is saving the next job right now. Ids it printed after this
      // are not checked; every id read above had its save return.
      child.destroyForcibly();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(returned).hasSizeGreaterThanOrEqualTo(SAVES_BEFORE_CRASH);
    return returned;
  }

  private static void assertAllCompleted(JdbcStores stores, List<JobId> returned) {
    for (JobId id : returned) {
      Optional<JobSnapshot> found = stores.jobStore().find(id);
      assertThat(found).as("job %s, whose terminal save returned", id).isPresent();
      assertThat(found.get().state().kind()).isEqualTo(JobState.Kind.COMPLETED);
    }
    // The database opens cleanly and takes new results.
    JobId fresh = JobId.random();
    assertThat(stores.jobStore().save(at(fresh, completed(fresh), 1)).stored()).isTrue();
  }
}
