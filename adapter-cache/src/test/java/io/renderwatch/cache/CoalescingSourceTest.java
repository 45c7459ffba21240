package io.renderwatch.cache;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingSourceTest {

  private final ManualSource delegate = new ManualSource();
  private final FakeTicker ticker = new FakeTicker();
  private final JobId id = JobId.random();

  private CoalescingSource source(CoalescingJobStatusSource.Options options) {
    return (CoalescingSource) Caching.source(delegate, options, ticker.tuning());
  }

  private CoalescingSource source() {
    return source(CoalescingJobStatusSource.Options.defaults());
  }

  @Test
  void oneRequestForAHundredConcurrentFetchesOfOneJob() throws Exception {
    CoalescingJobStatusSource source = Caching.source(delegate);
    int callers = 100;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<CompletableFuture<JobSnapshot>> answers = new ArrayList<>();
    try {
      List<Future<CompletableFuture<JobSnapshot>>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return source.fetch(id);
        }));
      }
      start.countDown();
      for (Future<CompletableFuture<JobSnapshot>> call : calls) {
        answers.add(call.get(1, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answers).noneMatch(CompletableFuture::isDone);

    JobSnapshot answer = at(id, running(50), 1);
    delegate.only().answer().complete(answer);

    assertThat(answers).allSatisfy(f -> assertThat(f).isCompletedWithValue(answer));
    assertThat(delegate.requests).hasSize(1);
    assertThat(source.stats()).isEqualTo(new CacheStatistics(callers - 1, 1, 1, 0));
  }

  @Test
  void aNonTerminalAnswerIsNotReusedOnceItArrived() {
    CoalescingSource source = source();
    CompletableFuture<JobSnapshot> first = source.fetch(id);
    delegate.only().answer().complete(at(id, running(10), 1));

    CompletableFuture<JobSnapshot> second = source.fetch(id);

    assertThat(first).isCompletedWithValue(at(id, running(10), 1));
    assertThat(second).isNotDone();
    assertThat(delegate.requests).hasSize(2);
    delegate.last().answer().complete(at(id, running(20), 2));
    assertThat(second).isCompletedWithValue(at(id, running(20), 2));
    assertThat(source.trackedJobs()).isZero();
  }

  @Test
  void anAnswerAlreadyThereWhenTheDelegateReturnsIsNotReusedEither() {
    AtomicInteger calls = new AtomicInteger();
    JobStatusSource immediate = jobId -> CompletableFuture.completedFuture(
        at(jobId, running(calls.incrementAndGet()), calls.get()));
    CoalescingJobStatusSource source =
        Caching.source(immediate, CoalescingJobStatusSource.Options.defaults(), ticker.tuning());

    assertThat(source.fetch(id).join().state()).isEqualTo(running(1));
    assertThat(source.fetch(id).join().state()).isEqualTo(running(2));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aTerminalAnswerIsMemoized() {
    CoalescingSource source = source();
    JobSnapshot done = at(id, completed(id), 5);
    source.fetch(id);
    delegate.only().answer().complete(done);

    assertThat(source.fetch(id)).isCompletedWithValue(done);
    assertThat(source.fetch(id)).isCompletedWithValue(done);

    assertThat(delegate.requests).hasSize(1);
    assertThat(source.stats()).isEqualTo(new CacheStatistics(2, 1, 1, 0));
  }

  @Test
  void failuresAreNeverCached() {
    CoalescingSource source = source();
    SourceException unavailable = new SourceException(SourceException.Kind.UNAVAILABLE, "503");
    CompletableFuture<JobSnapshot> failing = source.fetch(id);
    CompletableFuture<JobSnapshot> joined = source.fetch(id);
    delegate.only().answer().completeExceptionally(unavailable);

    CompletableFuture<JobSnapshot> retry = source.fetch(id);
    delegate.last().answer().complete(at(id, completed(id), 9));

    assertThat(delegate.requests).hasSize(2);
    assertThat(failing.handle((value, failure) -> failure).join())
        .as("callers see the source's own exception, not a wrapper").isSameAs(unavailable);
    assertThat(joined.handle((value, failure) -> failure).join()).isSameAs(unavailable);
    assertThat(retry).isCompletedWithValue(at(id, completed(id), 9));
    CacheStatistics stats = source.stats();
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(2);
    assertThat(stats.loads()).isEqualTo(2);
  }

  @Test
  void aFailureIsNotReusedEvenWithATimeToLive() {
    CoalescingSource source = source(
        CoalescingJobStatusSource.Options.defaults().withNonTerminalTtl(Duration.ofSeconds(1)));
    source.fetch(id);
    delegate.only().answer().completeExceptionally(
        new SourceException(SourceException.Kind.RATE_LIMITED, "429"));

    CompletableFuture<JobSnapshot> retry = source.fetch(id);

    assertThat(retry).isNotDone();
    assertThat(delegate.requests).hasSize(2);
  }

  @Test
  void anImmediateFailureIsNotCachedEither() {
    AtomicInteger calls = new AtomicInteger();
    JobStatusSource failing = jobId -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(
          new SourceException(SourceException.Kind.NOT_FOUND, "no such job"));
    };
    CoalescingJobStatusSource source =
        Caching.source(failing, CoalescingJobStatusSource.Options.defaults(), ticker.tuning());

    assertThatThrownBy(() -> source.fetch(id).join()).hasCauseInstanceOf(SourceException.class);
    assertThatThrownBy(() -> source.fetch(id).join()).hasCauseInstanceOf(SourceException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aCallerCancellingItsFutureDoesNotDisturbTheOthers() {
    CoalescingSource source = source();
    CompletableFuture<JobSnapshot> impatient = source.fetch(id);
    CompletableFuture<JobSnapshot> patient = source.fetch(id);

    impatient.cancel(true);
    delegate.only().answer().complete(at(id, running(30), 3));

    assertThat(delegate.only().answer()).isCompletedWithValue(at(id, running(30), 3));
    assertThat(patient).isCompletedWithValue(at(id, running(30), 3));
  }

  @Test
  void aNonTerminalAnswerIsReusedForItsTimeToLive() {
    CoalescingSource source = source(
        CoalescingJobStatusSource.Options.defaults().withNonTerminalTtl(Duration.ofMillis(500)));
    source.fetch(id);
    delegate.only().answer().complete(at(id, running(10), 1));

    ticker.advance(Duration.ofMillis(400));
    assertThat(source.fetch(id)).isCompletedWithValue(at(id, running(10), 1));
    assertThat(delegate.requests).hasSize(1);

    ticker.advance(Duration.ofMillis(200));
    assertThat(source.fetch(id)).isNotDone();
    assertThat(delegate.requests).hasSize(2);
  }

  @Test
  void theTerminalMemoStaysWithinItsSizeBound() {
    CoalescingSource source = source(CoalescingJobStatusSource.Options.defaults().withMaximumSize(2));
    for (int i = 0; i < 5; i++) {
      JobId job = JobId.random();
      source.fetch(job);
      delegate.last().answer().complete(at(job, completed(job), i));
    }

    assertThat(source.trackedJobs()).isEqualTo(2);
    assertThat(source.stats().evictions()).isEqualTo(3);
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> CoalescingJobStatusSource.Options.defaults()
        .withNonTerminalTtl(Duration.ofMillis(1001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
    assertThatThrownBy(() -> CoalescingJobStatusSource.Options.defaults().withMaximumSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Caching.source(null))
        .isInstanceOf(NullPointerException.class).hasMessage("delegate == null");
    assertThat(CoalescingJobStatusSource.Options.defaults())
        .isEqualTo(new CoalescingJobStatusSource.Options(10_000, Optional.empty()));
    assertThat(CoalescingJobStatusSource.Options.defaults().withNonTerminalTtl(Duration.ofSeconds(1))
        .nonTerminalTtl()).contains(Duration.ofSeconds(1));
  }
}
