package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.T0;
import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static io.renderwatch.core.testing.Snapshots.failed;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Renderwatch processes (two stores, two pools) on one PostgreSQL database. */
class SharedPostgresTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private JdbcStores a;
  private JdbcStores b;

  @BeforeEach
  void openTwoInstances() {
    EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
    a = JdbcStores.jdbcUrl(db.url(), db.user(), db.password());
    b = JdbcStores.jdbcUrl(db.url(), db.user(), db.password());
  }

  @AfterEach
  void closeThem() {
    a.close();
    b.close();
  }

  @Test
  void aStoppedInstancesWatchesPassToAnotherOnlyAfterItsLeaseEnds() {
    List<JobId> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JobId id = JobId.random();
      jobs.add(id);
      a.watchRegistry().register(new WatchRegistration(id, T0, T0.plusSeconds(3600)), "A",
          T0, LEASE);
    }
    assertThat(a.watchRegistry().claim("A", T0.plusSeconds(1), LEASE, 10)).hasSize(5);
    // A renews once, at 20 s, to 50 s; then it stops (crashed).
    assertThat(a.watchRegistry().renew("A", jobs, T0.plusSeconds(20), LEASE)).hasSize(5);

    assertThat(b.watchRegistry().claim("B", T0.plusSeconds(40), LEASE, 10))
        .as("A's lease runs until 50 s").isEmpty();
    assertThat(b.watchRegistry().claim("B", T0.plusSeconds(50), LEASE, 10))
        .as("a lease ending exactly now is not yet over").isEmpty();
    List<WatchRegistration> taken = b.watchRegistry().claim("B", T0.plusSeconds(51), LEASE, 10);

    assertThat(taken).extracting(WatchRegistration::jobId).containsExactlyInAnyOrderElementsOf(jobs);
    assertThat(a.watchRegistry().renew("A", jobs, T0.plusSeconds(52), LEASE))
        .as("A, come back, holds nothing any more").isEmpty();
    assertThat(a.watchRegistry().claim("A", T0.plusSeconds(60), LEASE, 10)).isEmpty();
    assertThat(b.watchRegistry().renew("B", jobs, T0.plusSeconds(60), LEASE)).hasSize(5);
  }

  @Test
  void concurrentClaimsFromTwoInstancesNeverOverlap() throws Exception {
    int registrations = 60;
    for (int i = 0; i < registrations; i++) {
      a.watchRegistry().register(
          new WatchRegistration(JobId.random(), T0, T0.plusSeconds(100 + i)), "nobody",
          Instant.EPOCH, java.time.Duration.ZERO);
    }
    int claimers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Set<JobId>>> results = new ArrayList<>();
      for (int c = 0; c < claimers; c++) {
        JdbcStores instance = c % 2 == 0 ? a : b;
        String owner = "owner-" + c;
        results.add(pool.submit(() -> {
          start.await();
          // A claim takes the soonest deadlines among free rows and the owner's own, so an
          // owner's set may grow past max over rounds; it must never get another owner's.
          Set<JobId> mine = new HashSet<>();
          for (int round = 0; round < 10; round++) {
            instance.watchRegistry().claim(owner, T0.plusSeconds(round), LEASE, 3)
                .forEach(r -> mine.add(r.jobId()));
          }
          return mine;
        }));
      }
      start.countDown();
      Map<JobId, Integer> holders = new HashMap<>();
      for (Future<Set<JobId>> result : results) {
        for (JobId id : result.get(2, TimeUnit.MINUTES)) {
          holders.merge(id, 1, Integer::sum);
        }
      }
      assertThat(holders.values()).as("each registration was handed out once").containsOnly(1);
      assertThat(holders).hasSizeGreaterThanOrEqualTo(claimers);
      assertThat(b.watchRegistry().claim("late", T0, LEASE, registrations))
          .as("what nobody claimed is still free, and only that")
          .hasSize(registrations - holders.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyWritersOnTwoInstancesNeverRegressAndOneTerminalWins() throws Exception {
    int jobs = 30;
    int writersPerInstance = 4;
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(JobId.random());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2 * writersPerInstance);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<SaveResult>>> futures = new ArrayList<>();
      for (int w = 0; w < 2 * writersPerInstance; w++) {
        JdbcStores instance = w % 2 == 0 ? a : b;
        int writer = w;
        Callable<List<SaveResult>> work = () -> {
          start.await();
          List<SaveResult> results = new ArrayList<>();
          for (int step = 0; step <= 20; step++) {
            for (JobId id : ids) {
              JobState state = step == 20
                  ? (writer % 2 == 0 ? completed(id) : failed())
                  : (step == 0 ? JobState.QUEUED : running(step * 5 - writer % 4));
              SaveResult result = instance.jobStore().save(at(id, state, step * 10L + writer));
              results.add(result);
            }
          }
          return results;
        };
        futures.add(pool.submit(work));
      }
      start.countDown();
      Map<JobId, List<SaveResult>> terminalTaken = new HashMap<>();
      Map<JobId, Integer> lastSeenProgress = new HashMap<>();
      for (Future<List<SaveResult>> future : futures) {
        lastSeenProgress.clear();
        for (SaveResult result : future.get(2, TimeUnit.MINUTES)) {
          JobSnapshot current = result.current();
          if (result.stored() && current.isTerminal()) {
            terminalTaken.computeIfAbsent(current.id(), k -> new ArrayList<>()).add(result);
          }
          if (current.state() instanceof JobState.Running r) {
            Integer before = lastSeenProgress.put(current.id(), r.progress());
            assertThat(before == null || before <= r.progress())
                .as("what one writer sees stored never goes back").isTrue();
          }
        }
      }
      for (JobId id : ids) {
        JobSnapshot fromA = a.jobStore().find(id).orElseThrow();
        assertThat(b.jobStore().find(id)).contains(fromA);
        assertThat(fromA.isTerminal()).isTrue();
        assertThat(terminalTaken.get(id)).as("exactly one terminal save of %s taken", id)
            .hasSize(1);
        assertThat(terminalTaken.get(id).get(0).current()).isEqualTo(fromA);
        List<String> history = a.jdbcJobStore().transitions(id);
        assertThat(history.get(history.size() - 1)).contains("running->" + Rows.kind(
            fromA.state().kind()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
