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
 * <p>Caffeine starts at most one request per job at a time and drops a request that fails. This
 * class drops a non-terminal answer when it arrives (unless a time to live keeps it briefly) and
 * gives every caller its own future, so that one caller cancelling or completing its future
 * cannot disturb the others.
 */
final class CoalescingSource implements CoalescingJobStatusSource {

  private final JobStatusSource delegate;
  private final boolean dropsNonTerminal;
  private final AsyncCache<JobId, JobSnapshot> requests;

  CoalescingSource(JobStatusSource delegate, Options options, Tuning tuning) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.dropsNonTerminal = options.nonTerminalTtl().isEmpty();
    Caffeine<Object, Object> builder = tuning.builder(options.maximumSize());
    this.requests = options.nonTerminalTtl()
        .map(ttl -> builder.expireAfter(Tuning.terminalForeverOthersFor(ttl))
            .<JobId, JobSnapshot>buildAsync())
        .orElseGet(builder::buildAsync);
  }

  @Override
  public CompletableFuture<JobSnapshot> fetch(JobId id) {
    Objects.requireNonNull(id, "id == null");
    boolean[] started = new boolean[1];
    CompletableFuture<JobSnapshot> shared = requests.get(id, (key, executor) -> {
      started[0] = true;
      return delegate.fetch(key);
    });
    if (started[0] && dropsNonTerminal) {
      // Attached after the entry is in the cache, so it also works for an answer that was
      // already there when the delegate returned. Removes only this request, not a later one.
      shared.thenAccept(snapshot -> {
        if (snapshot != null && !snapshot.isTerminal()) {
          requests.asMap().remove(id, shared);
        }
      });
    }
    CompletableFuture<JobSnapshot> own = new CompletableFuture<>();
    shared.whenComplete((snapshot, failure) -> {
      if (failure == null) {
        own.complete(snapshot);
      } else {
        own.completeExceptionally(unwrap(failure));
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
