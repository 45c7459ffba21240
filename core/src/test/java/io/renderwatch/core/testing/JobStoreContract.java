package io.renderwatch.core.testing;

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
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

/**
 * What every {@link JobStore} must do. Extend it, return a fresh empty store from
 * {@link #newStore()}, and close it in {@link #closeStore(JobStore)} if it needs closing.
 */
public abstract class JobStoreContract {

  /** The store under test, new for each test. */
  protected JobStore store;

  /** A fresh, empty store. */
  protected abstract JobStore newStore() throws Exception;

  /** Releases the store; by default nothing. */
  protected void closeStore(JobStore store) throws Exception {}

  /** How many threads the concurrency tests use. */
  protected int writerThreads() {
    return 8;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void releaseStore() throws Exception {
    closeStore(store);
  }

  @Test
  void findsNothingForAnUnknownJob() {
    assertThat(store.find(JobId.random())).isEmpty();
  }

  @Test
  void findsWhatWasSavedWithEveryField() {
    JobId id = JobId.random();
    JobSnapshot snapshot = Snapshots.withPayload(at(id, completed(id), 5),
        "{\"job_id\":\"" + id + "\",\"aiCreditsUsed\":3}");

    SaveResult result = store.save(snapshot);

    assertThat(result.outcome()).isEqualTo(Outcome.ADVANCED);
    assertThat(result.stored()).isTrue();
    assertThat(store.find(id)).contains(snapshot);
  }

  @Test
  void keepsEveryKindOfState() {
    List<JobState> states = List.of(JobState.QUEUED, new JobState.Running(7, "", ""), running(50),
        failed(), new JobState.Failed("", ""), new JobState.Unrecognized("paused"),
        JobState.CLEANED);
    for (JobState state : states) {
      JobId id = JobId.random();
      JobSnapshot snapshot = at(id, state, 1);
      store.save(snapshot);
      assertThat(store.find(id)).contains(snapshot);
    }
  }

  @Test
  void progressAdvancesAndNeverGoesBack() {
    JobId id = JobId.random();
    store.save(at(id, JobState.QUEUED, 0));
    assertThat(store.save(at(id, running(40), 10)).outcome()).isEqualTo(Outcome.ADVANCED);
    assertThat(store.save(at(id, running(60), 20)).outcome()).isEqualTo(Outcome.PROGRESSED);

    SaveResult backwards = store.save(at(id, running(30), 30));
    SaveResult requeued = store.save(at(id, JobState.QUEUED, 40));

    assertThat(backwards.outcome()).isEqualTo(Outcome.STALE);
    assertThat(requeued.outcome()).isEqualTo(Outcome.STALE);
    assertThat(backwards.current()).isEqualTo(at(id, running(60), 20));
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(running(60));
  }

  @Test
  void aTerminalResultIsNeverReplaced() {
    JobId id = JobId.random();
    JobSnapshot done = at(id, completed(id), 100);
    store.save(done);

    assertThat(store.save(at(id, running(99), 110)).outcome()).isEqualTo(Outcome.STALE);
    assertThat(store.save(at(id, failed(), 120)).outcome()).isEqualTo(Outcome.ANOMALY);
    assertThat(store.save(at(id, completed(id), 130)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(store.find(id)).contains(done);
  }

  @Test
  void aCleanedJobIsStoredButNeverReplacesAStoredResult() {
    JobId running = JobId.random();
    store.save(at(running, running(40), 0));
    assertThat(store.save(at(running, JobState.CLEANED, 10)).outcome())
        .isEqualTo(Outcome.ADVANCED);
    assertThat(store.find(running).orElseThrow().state()).isEqualTo(JobState.CLEANED);

    JobId done = JobId.random();
    JobSnapshot result = at(done, completed(done), 100);
    store.save(result);
    SaveResult cleaned = store.save(at(done, JobState.CLEANED, 200));
    assertThat(cleaned.outcome()).isEqualTo(Outcome.STALE);
    assertThat(cleaned.current()).isEqualTo(result);
    assertThat(store.find(done)).contains(result);
  }

  @Test
  void aFailureIsNeverReplacedEither() {
    JobId id = JobId.random();
    JobSnapshot failedAt = at(id, failed(), 10);
    store.save(failedAt);

    assertThat(store.save(at(id, completed(id), 20)).outcome()).isEqualTo(Outcome.ANOMALY);
    assertThat(store.find(id)).contains(failedAt);
  }

  @Test
  void competingWritersNeverRegressAndTheFirstTerminalWins() throws Exception {
    int jobs = 20;
    int threads = writerThreads();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(JobId.random());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<SaveResult>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        Callable<List<SaveResult>> work = () -> {
          start.await();
          List<SaveResult> results = new ArrayList<>();
          for (int step = 0; step <= 10; step++) {
            for (JobId id : ids) {
              JobState state;
              if (step == 10) {
                state = writer % 2 == 0 ? completed(id) : failed();
              } else {
                state = running(step * 10 + writer % 3);
              }
              results.add(store.save(at(id, state, step * 10L + writer)));
            }
          }
          return results;
        };
        futures.add(pool.submit(work));
      }
      start.countDown();
      List<SaveResult> all = new ArrayList<>();
      for (Future<List<SaveResult>> future : futures) {
        all.addAll(future.get(2, TimeUnit.MINUTES));
      }

      for (JobId id : ids) {
        JobSnapshot finalSnapshot = store.find(id).orElseThrow();
        assertThat(finalSnapshot.isTerminal()).as("job %s ends terminal", id).isTrue();
        List<SaveResult> terminalAccepted = all.stream()
            .filter(r -> r.current().id().equals(id) && r.stored() && r.current().isTerminal())
            .toList();
        assertThat(terminalAccepted).as("exactly one terminal save of %s was taken", id)
            .hasSize(1);
        assertThat(terminalAccepted.get(0).current()).isEqualTo(finalSnapshot);
      }
      for (SaveResult result : all) {
        assertThat(result.current().state().kind()).isNotEqualTo(JobState.Kind.QUEUED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentProgressOnOneJobOnlyMovesForward() throws Exception {
    JobId id = JobId.random();
    int threads = writerThreads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<Integer>>> seen = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        seen.add(pool.submit(() -> {
          start.await();
          List<Integer> progresses = new ArrayList<>();
          for (int p = offset; p <= 100; p += threads) {
            SaveResult result = store.save(at(id, running(p), p));
            progresses.add(((JobState.Running) result.current().state()).progress());
          }
          return progresses;
        }));
      }
      start.countDown();
      for (Future<List<Integer>> future : seen) {
        List<Integer> progresses = future.get(2, TimeUnit.MINUTES);
        assertThat(progresses).as("what one writer saw stored never decreases").isSorted();
      }
      assertThat(store.find(id).orElseThrow().state()).isEqualTo(running(100));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pagesThroughEveryJobNewestFirstWithoutDuplicates() {
    List<JobId> saved = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      JobId id = JobId.random();
      store.save(at(id, JobState.QUEUED, i));
      saved.add(id);
    }

    List<JobId> listed = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<JobSnapshot> page = store.page(cursor, 5);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
      page.items().forEach(s -> listed.add(s.id()));
      // Updates while paging must not move jobs between pages.
      page.items().forEach(s -> store.save(at(s.id(), running(10), 100)));
      cursor = page.next();
      pages++;
    } while (cursor.isPresent() && pages < 100);

    List<JobId> newestFirst = new ArrayList<>(saved);
    java.util.Collections.reverse(newestFirst);
    assertThat(listed).containsExactlyElementsOf(newestFirst);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void anEmptyStoreHasOneEmptyPage() {
    Page<JobSnapshot> page = store.page(Optional.empty(), 10);
    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEmpty();
  }

  @Test
  void refusesANonPositivePageSize() {
    assertThatThrownBy(() -> store.page(Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsJobsByKindOfCurrentState() {
    JobId done = JobId.random();
    JobId busy = JobId.random();
    JobId waiting = JobId.random();
    store.save(at(done, running(10), 1));
    store.save(at(done, completed(done), 2));
    store.save(at(busy, running(10), 3));
    store.save(at(waiting, JobState.QUEUED, 4));

    Set<JobId> running = new HashSet<>();
    store.findByKind(JobState.Kind.RUNNING, 10).forEach(s -> running.add(s.id()));
    assertThat(running).containsExactly(busy);
    assertThat(store.findByKind(JobState.Kind.COMPLETED, 10))
        .extracting(JobSnapshot::id).containsExactly(done);
    assertThat(store.findByKind(JobState.Kind.FAILED, 10)).isEmpty();
  }
}
