package io.renderwatch.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@link CoalescingJobStatusSource}: a Caffeine {@link AsyncCache} of requests, keyed by job.
 *
 * <p>Caffeine starts at most one request per job at a time. The cache holds each request's
 * {@link Answer} — the snapshot or the failure — rather than a future that fails, because
 * Caffeine logs a warning for every failed load and a source's failures (rate limits, outages)
 * are expected and already reach the caller. When a request ends, its entry is removed unless
 * the answer may be reused: a terminal snapshot always, a non-terminal one only while a time to
 * live keeps it, a failure never. Every caller gets its own future, so one caller cancelling or
 * completing its future cannot disturb the others.
 */
final class CoalescingSource implements CoalescingJobStatusSource {

  /** How one request ended: exactly one of the two is present (or neither, from a bad source). */
  private record Answer(JobSnapshot snapshot, Throwable failure) {

    boolean isTerminal() {
      return failure == null && snapshot != null && snapshot.isTerminal();
    }

    boolean reusable(boolean keepsNonTerminal) {
      return failure == null && snapshot != null && (keepsNonTerminal || snapshot.isTerminal());
    }
  }

  private final JobStatusSource delegate;
  private final boolean keepsNonTerminal;
  private final AsyncCache<JobId, Answer> requests;

  CoalescingSource(JobStatusSource delegate, Options options, Tuning tuning) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.keepsNonTerminal = options.nonTerminalTtl().isPresent();
    Caffeine<Object, Object> builder = tuning.builder(options.maximumSize());
    this.requests = options.nonTerminalTtl()
        .map(ttl -> builder
            .expireAfter(Tuning.<Answer>foreverIfElseFor(Answer::isTerminal, ttl))
            .<JobId, Answer>buildAsync())
        .orElseGet(builder::buildAsync);
  }

  @Override
  public CompletableFuture<JobSnapshot> fetch(JobId id) {
    Objects.requireNonNull(id, "id == null");
    boolean[] started = new boolean[1];
    CompletableFuture<Answer> shared = requests.get(id, (key, executor) -> {
      started[0] = true;
      return delegate.fetch(key).handle(Answer::new);
    });
    if (started[0]) {
      // Attached after the entry is in the cache, so it also works for an answer that was
      // already there when the delegate returned. Removes only this request, not a later one.
      shared.thenAccept(answer -> {
        if (!answer.reusable(keepsNonTerminal)) {
          requests.asMap().remove(id, shared);
        }
      });
    }
    CompletableFuture<JobSnapshot> own = new CompletableFuture<>();
    shared.thenAccept(answer -> {
      if (answer.failure() == null) {
        own.complete(answer.snapshot());
      } else {
        own.completeExceptionally(unwrap(answer.failure()));
      }
    });
    return own;
  }

  @Override
  public CacheStatistics stats() {
    return Tuning.statistics(requests.synchronous().stats());
  }

  /** How many jobs are in flight or memoized now, after pending maintenance; for tests. */
  long trackedJobs() {
    requests.synchronous().cleanUp();
    return requests.synchronous().estimatedSize();
  }

  /** The delegate's own failure, not the wrapper a dependent stage may add. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }
}
