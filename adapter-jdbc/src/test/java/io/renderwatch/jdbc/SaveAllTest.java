package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.port.SaveResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JdbcStores#saveAll}: the lifecycle per row, in order, in one transaction. */
class SaveAllTest {

  private static JobState completed(String name) {
    return new JobState.Completed(RenderOutput.builder()
        .videoUrl(URI.create("https://cdn.example.test/" + name + ".mp4")).build());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void decidesEverySnapshotInOrderAgainstTheStoreAndTheEarlierOnes(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId done = JobId.random();
      JobId fresh = JobId.random();
      JobId climbing = JobId.random();
      stores.jobStore().save(at(done, completed("done"), 0));
      stores.jobStore().save(at(climbing, running(10), 0));

      List<SaveResult> results = stores.saveAll(List.of(
          at(done, running(50), 1),
          at(fresh, JobState.QUEUED, 1),
          at(climbing, running(40), 1),
          at(fresh, running(5), 2),
          at(climbing, running(30), 2),
          at(fresh, completed("fresh"), 3),
          at(done, completed("other"), 3)));

      assertThat(results).extracting(SaveResult::outcome).containsExactly(
          Outcome.STALE, Outcome.ADVANCED, Outcome.PROGRESSED, Outcome.ADVANCED, Outcome.STALE,
          Outcome.ADVANCED, Outcome.ANOMALY);
      assertThat(results.get(4).current()).isEqualTo(at(climbing, running(40), 1));
      assertThat(stores.jobStore().find(fresh)).contains(at(fresh, completed("fresh"), 3));
      assertThat(stores.jobStore().find(climbing)).contains(at(climbing, running(40), 1));
      assertThat(stores.jobStore().find(done)).contains(at(done, completed("done"), 0));
      assertThat(stores.jdbcJobStore().transitions(fresh)).containsExactly(
          "1:null->queued", "2:queued->running@5", "3:running->completed");
      assertThat(stores.jdbcJobStore().transitions(climbing)).containsExactly(
          "1:null->running@10", "2:running->running@40");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void keepsTheHistoryBoundedWithinOneBatch(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      List<JobSnapshot> batch = new ArrayList<>();
      batch.add(at(id, JobState.QUEUED, 0));
      for (int p = 0; p <= 100; p++) {
        batch.add(at(id, running(p), 1 + p));
      }

      stores.saveAll(batch);

      List<String> history = stores.jdbcJobStore().transitions(id);
      assertThat(history).hasSize(JdbcStores.HISTORY_LIMIT);
      assertThat(history.get(history.size() - 1)).isEqualTo("102:running->running@100");
      assertThat(history.get(0)).isEqualTo("53:running->running@51");
      assertThat(stores.jobStore().find(id)).contains(at(id, running(100), 101));
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void concurrentBatchesNeverReplaceATerminalResult(Flavor flavor) throws Exception {
    try (JdbcStores stores = flavor.openFresh()) {
      List<JobSnapshot> finished = new ArrayList<>();
      List<JobSnapshot> progressing = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        JobId id = JobId.random();
        finished.add(at(id, completed("c" + i), 5));
        progressing.add(at(id, running(50), 1));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CompletableFuture<List<SaveResult>> a =
            CompletableFuture.supplyAsync(() -> stores.saveAll(finished), pool);
        CompletableFuture<List<SaveResult>> b =
            CompletableFuture.supplyAsync(() -> stores.saveAll(progressing), pool);
        CompletableFuture.allOf(a, b).get();
      } finally {
        pool.shutdown();
      }

      for (JobSnapshot snapshot : finished) {
        assertThat(stores.jobStore().find(snapshot.id())).contains(snapshot);
      }
    }
  }

  @Test
  void anEmptyBatchDoesNothingAndNullIsRefused() {
    try (JdbcStores stores = Flavor.H2_MEMORY.openFresh()) {
      assertThat(stores.saveAll(List.of())).isEmpty();
      assertThatThrownBy(() -> stores.saveAll(Arrays.asList(at(JobId.random(), running(1), 0),
          null))).isInstanceOf(NullPointerException.class);
      assertThat(stores.jobStore().page(java.util.Optional.empty(), 10).items()).isEmpty();
    }
  }
}
