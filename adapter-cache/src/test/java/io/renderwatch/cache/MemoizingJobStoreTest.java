package io.renderwatch.cache;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static io.renderwatch.core.testing.Snapshots.failed;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoizingJobStoreTest {

  private final CountingJobStore delegate = new CountingJobStore();
  private final FakeTicker ticker = new FakeTicker();

  private MemoizingJobStore memo(CachingJobStore.Options options) {
    return (MemoizingJobStore) Caching.store(delegate, options, ticker.tuning());
  }

  @Test
  void oneDelegateCallForAThousandConcurrentGetsOfATerminalJob() throws Exception {
    JobId id = JobId.random();
    JobSnapshot done = at(id, completed(id), 10);
    delegate.inner.save(done);
    CachingJobStore store = Caching.store(delegate);
    int readers = 1_000;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch calling = new CountDownLatch(readers);
    // The first read holds the delegate until every reader has started, so they all pile up.
    delegate.beforeFind = () -> {
      try {
        calling.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<Optional<JobSnapshot>>> reads = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        reads.add(pool.submit(() -> {
          start.await();
          calling.countDown();
          return store.find(id);
        }));
      }
      start.countDown();
      for (Future<Optional<JobSnapshot>> read : reads) {
        assertThat(read.get(1, TimeUnit.MINUTES)).contains(done);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(delegate.finds).hasValue(1);
    assertThat(store.stats()).isEqualTo(new CacheStatistics(readers - 1, 1, 1, 0));
  }

  @Test
  void aSavedTerminalResultIsReadWithoutTheDelegate() {
    CachingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    JobSnapshot done = at(id, completed(id), 10);

    store.save(done);

    assertThat(store.find(id)).contains(done);
    assertThat(store.find(id)).contains(done);
    assertThat(delegate.finds).hasValue(0);
    assertThat(store.stats()).isEqualTo(new CacheStatistics(2, 0, 0, 0));
  }

  @Test
  void unfinishedJobsPassThroughByDefault() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    store.save(at(id, running(40), 1));
    delegate.inner.save(at(id, running(70), 2));

    assertThat(store.find(id).orElseThrow().state()).isEqualTo(running(70));
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(running(70));
    assertThat(store.find(JobId.random())).isEmpty();

    assertThat(delegate.finds).hasValue(3);
    assertThat(store.memoSize()).isZero();
    assertThat(store.stats()).isEqualTo(new CacheStatistics(0, 3, 3, 0));
  }

  @Test
  void unfinishedJobsAreHeldForTheirTimeToLiveOnly() {
    MemoizingJobStore store =
        memo(CachingJobStore.Options.defaults().withNonTerminalTtl(Duration.ofSeconds(5)));
    JobId id = JobId.random();
    store.save(at(id, running(40), 1));
    delegate.inner.save(at(id, running(70), 2));

    ticker.advance(Duration.ofSeconds(4));
    assertThat(store.find(id).orElseThrow().state()).as("within the TTL").isEqualTo(running(40));
    assertThat(delegate.finds).hasValue(0);

    ticker.advance(Duration.ofSeconds(2));
    assertThat(store.find(id).orElseThrow().state()).as("after the TTL").isEqualTo(running(70));
    assertThat(delegate.finds).hasValue(1);
  }

  @Test
  void terminalResultsOutliveTheTimeToLive() {
    MemoizingJobStore store =
        memo(CachingJobStore.Options.defaults().withNonTerminalTtl(Duration.ofSeconds(5)));
    JobId id = JobId.random();
    store.save(at(id, running(40), 1));
    store.save(at(id, completed(id), 2));

    ticker.advance(Duration.ofDays(365));

    assertThat(store.find(id).orElseThrow().isTerminal()).isTrue();
    assertThat(delegate.finds).hasValue(0);
  }

  @Test
  void aSaveTheDelegateThrowsOnLeavesTheMemoUnchanged() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    delegate.failSaves = true;

    assertThatThrownBy(() -> store.save(at(id, completed(id), 1)))
        .isInstanceOf(StoreException.class);

    assertThat(store.memoized(id)).isEmpty();
    assertThat(store.find(id)).as("the durable store has nothing").isEmpty();
    assertThat(delegate.finds).hasValue(1);
  }

  @Test
  void aRefusedSaveNeverReachesTheMemo() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    JobSnapshot done = at(id, completed(id), 1);
    store.save(done);

    SaveResult contradiction = store.save(at(id, failed(), 2));

    assertThat(contradiction.outcome()).isEqualTo(Outcome.ANOMALY);
    assertThat(store.memoized(id)).contains(done);
    assertThat(store.find(id)).contains(done);
  }

  @Test
  void aRefusedSaveOfAnUnfinishedJobLeavesTheMemoEmpty() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    delegate.inner.save(at(id, running(60), 1));

    SaveResult stale = store.save(at(id, running(30), 2));

    assertThat(stale.outcome()).isEqualTo(Outcome.STALE);
    assertThat(store.memoized(id)).isEmpty();
  }

  @Test
  void aRefusedSaveTeachesTheMemoOnlyWhatTheStoreHolds() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    JobSnapshot failedFirst = at(id, failed(), 1);
    delegate.inner.save(failedFirst);

    SaveResult refused = store.save(at(id, completed(id), 2));

    assertThat(refused.stored()).isFalse();
    assertThat(store.memoized(id)).as("the store's current, never the refused one")
        .contains(failedFirst);
    assertThat(store.find(id)).contains(failedFirst);
    assertThat(delegate.finds).hasValue(0);
  }

  @Test
  void saveResultsArrivingOutOfOrderCannotMoveTheMemoBack() {
    MemoizingJobStore store =
        memo(CachingJobStore.Options.defaults().withNonTerminalTtl(Duration.ofMinutes(1)));
    JobId id = JobId.random();
    JobSnapshot later = at(id, running(60), 2);
    JobSnapshot earlier = at(id, running(40), 1);
    store.save(later);
    // A slow writer's result, reporting what the store held before the later save.
    delegate.rewriteResult = result -> new SaveResult(Outcome.ADVANCED, earlier);

    store.save(earlier);

    assertThat(store.memoized(id)).contains(later);
  }

  @Test
  void aFailingReadIsPassedOnAndNotRemembered() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    delegate.inner.save(at(id, completed(id), 1));
    delegate.beforeFind = () -> {
      throw new StoreException("connection lost (test)");
    };

    assertThatThrownBy(() -> store.find(id)).isInstanceOf(StoreException.class)
        .hasMessage("connection lost (test)");
    delegate.beforeFind = () -> {};

    assertThat(store.find(id)).contains(at(id, completed(id), 1));
    assertThat(delegate.finds).hasValue(2);
  }

  @Test
  void theMemoStaysWithinItsSizeBound() {
    MemoizingJobStore store = memo(CachingJobStore.Options.defaults().withMaximumSize(3));
    List<JobSnapshot> saved = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      JobId id = JobId.random();
      JobSnapshot done = at(id, completed(id), i);
      store.save(done);
      saved.add(done);
    }

    assertThat(store.memoSize()).isEqualTo(3);
    assertThat(store.stats().evictions()).isEqualTo(7);
    JobSnapshot kept = saved.stream().filter(s -> store.memoized(s.id()).isPresent())
        .findFirst().orElseThrow();
    assertThat(store.find(kept.id())).contains(kept);
    assertThat(delegate.finds).as("a memoized job needs no delegate").hasValue(0);
    for (JobSnapshot snapshot : saved) {
      assertThat(store.find(snapshot.id())).as("evicted or not, still found").contains(snapshot);
    }
    assertThat(store.memoSize()).isEqualTo(3);
  }

  @Test
  void pagingAndListingPassThrough() {
    CachingJobStore store = memo(CachingJobStore.Options.defaults());
    JobId id = JobId.random();
    delegate.inner.save(at(id, completed(id), 1));

    assertThat(store.page(Optional.empty(), 10).items()).extracting(JobSnapshot::id)
        .containsExactly(id);
    assertThat(store.findByKind(JobState.Kind.COMPLETED, 10)).extracting(JobSnapshot::id)
        .containsExactly(id);
    assertThat(store.stats()).isEqualTo(new CacheStatistics(0, 0, 0, 0));
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> CachingJobStore.Options.defaults().withMaximumSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximumSize");
    assertThatThrownBy(() -> CachingJobStore.Options.defaults().withNonTerminalTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonTerminalTtl");
    assertThatThrownBy(() -> Caching.store(null))
        .isInstanceOf(NullPointerException.class).hasMessage("delegate == null");
    assertThat(CachingJobStore.Options.defaults())
        .isEqualTo(new CachingJobStore.Options(10_000, Optional.empty()));
  }
}
