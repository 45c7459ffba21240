package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.testing.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 9: the store under random interleavings of concurrent saves, on H2 and on PostgreSQL.
 * Writers (threads) each offer their own random sequence of observations of the same job at
 * once; whatever the interleaving, exactly one terminal observation is taken (the first the
 * store saw), the final state is it, the stored progress never goes down, and the kept history
 * is one unbroken chain that records exactly the saves that were taken.
 */
class ConcurrentSavePropertiesTest {

  private static final Map<Flavor, JdbcStores> OPEN = new ConcurrentHashMap<>();
  private static final ExecutorService WRITERS = Executors.newFixedThreadPool(4);

  @AfterContainer
  static void close() {
    OPEN.values().forEach(JdbcStores::close);
    OPEN.clear();
    WRITERS.shutdownNow();
  }

  @Property(tries = 40)
  void onH2(@ForAll @Size(min = 2, max = 4) List<@Size(min = 1, max = 8)
      List<@net.jqwik.api.From("states") JobState>> writers) throws Exception {
    check(Flavor.H2_FILE, writers);
  }

  @Property(tries = 25)
  void onPostgresql(@ForAll @Size(min = 2, max = 4) List<@Size(min = 1, max = 8)
      List<@net.jqwik.api.From("states") JobState>> writers) throws Exception {
    check(Flavor.POSTGRESQL, writers);
  }

  private static void check(Flavor flavor, List<List<JobState>> writers) throws Exception {
    JdbcStores stores = OPEN.computeIfAbsent(flavor, Flavor::openFresh);
    JdbcJobStore store = stores.jdbcJobStore();
    JobId id = JobId.random();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Tuple.Tuple2<JobState, SaveResult>>>> done = new ArrayList<>();
    long[] clock = {0};
    for (List<JobState> observations : writers) {
      long base = clock[0];
      clock[0] += observations.size();
      done.add(WRITERS.submit(() -> {
        start.await();
        List<Tuple.Tuple2<JobState, SaveResult>> results = new ArrayList<>();
        long t = base;
        for (JobState state : observations) {
          results.add(Tuple.of(state, store.save(Snapshots.at(id, state, t++))));
        }
        return results;
      }));
    }
    start.countDown();
    List<Tuple.Tuple2<JobState, SaveResult>> all = new ArrayList<>();
    for (Future<List<Tuple.Tuple2<JobState, SaveResult>>> f : done) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }

    JobSnapshot last = store.find(id).orElseThrow();
    List<JobState> takenTerminals = all.stream()
        .filter(r -> r.get1().isTerminal() && r.get2().outcome().replacesCurrent())
        .map(Tuple.Tuple2::get1).toList();
    boolean anyTerminal = all.stream().anyMatch(r -> r.get1().isTerminal());
    if (anyTerminal) {
      // Final state = the first terminal the store took; no other terminal ever replaced it.
      assertThat(takenTerminals).hasSize(1);
      assertThat(last.state()).isEqualTo(takenTerminals.get(0));
      for (Tuple.Tuple2<JobState, SaveResult> r : all) {
        if (r.get1().isTerminal() && !r.get1().equals(takenTerminals.get(0))) {
          assertThat(r.get2().outcome()).isEqualTo(Outcome.ANOMALY);
        }
      }
    } else {
      assertThat(last.state().isTerminal()).isFalse();
    }

    // The history is one chain, version by version, of exactly the saves that were taken, and
    // progress in it never goes down.
    long taken = all.stream().filter(r -> r.get2().outcome().replacesCurrent()).count();
    List<String> history = store.transitions(id);
    assertThat(history).hasSize((int) Math.min(taken, JdbcStores.HISTORY_LIMIT));
    String previousTo = null;
    int progress = -1;
    long version = taken - history.size();
    for (String step : history) {
      // "version:from->to[@progress]"
      String[] parts = step.split(":", 2);
      assertThat(Long.parseLong(parts[0])).isEqualTo(++version);
      String[] fromTo = parts[1].split("->|@");
      if (previousTo != null) {
        assertThat(fromTo[0]).isEqualTo(previousTo);
      } else if (version == 1) {
        assertThat(fromTo[0]).isEqualTo("null");
      }
      previousTo = fromTo[1];
      if (fromTo.length > 2) {
        int p = Integer.parseInt(fromTo[2]);
        assertThat(p).isGreaterThanOrEqualTo(progress);
        progress = p;
      }
      if (fromTo[1].equals("completed") || fromTo[1].equals("failed")) {
        assertThat(step).isEqualTo(history.get(history.size() - 1));
      }
    }
    // Every answer a writer got is what the store held right after, never a regression.
    for (Tuple.Tuple2<JobState, SaveResult> r : all) {
      assertThat(r.get2().current().id()).isEqualTo(id);
    }
  }

  @Provide
  Arbitrary<JobState> states() {
    JobId fixed = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(JobState.QUEUED)),
        Tuple.of(8, Arbitraries.integers().between(0, 100).map(p -> (JobState) Snapshots.running(p))),
        Tuple.of(1, Arbitraries.just((JobState) Snapshots.completed(fixed))),
        Tuple.of(1, Arbitraries.just((JobState) Snapshots.failed())),
        Tuple.of(1, Arbitraries.of("paused", "archived")
            .map(s -> (JobState) new JobState.Unrecognized(s))));
  }
}
