package io.renderwatch.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link CachingJobStore}: a Caffeine memo of what the delegate holds, keyed by job.
 *
 * <p>The memo only moves forward: every update goes through the {@link Lifecycle}, so two saves
 * whose results arrive out of order cannot leave an older snapshot in memory than the store has.
 */
final class MemoizingJobStore implements CachingJobStore {

  private final JobStore delegate;
  private final boolean keepsNonTerminal;
  private final Cache<JobId, JobSnapshot> memo;

  MemoizingJobStore(JobStore delegate, Options options, Tuning tuning) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.keepsNonTerminal = options.nonTerminalTtl().isPresent();
    Caffeine<Object, Object> builder = tuning.builder(options.maximumSize());
    this.memo = options.nonTerminalTtl()
        .map(ttl -> builder
            .expireAfter(Tuning.<JobSnapshot>foreverIfElseFor(JobSnapshot::isTerminal, ttl))
            .<JobId, JobSnapshot>build())
        .orElseGet(builder::build);
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    Objects.requireNonNull(id, "id == null");
    // Caffeine runs the loader at most once per key at a time, so concurrent first reads of one
    // job make one delegate call; a null result is not kept, so unfinished jobs pass through.
    JobSnapshot[] passedThrough = new JobSnapshot[1];
    JobSnapshot memoized = memo.get(id, key -> {
      JobSnapshot found = delegate.find(key).orElse(null);
      if (found == null || memoizable(found)) {
        return found;
      }
      passedThrough[0] = found;
      return null;
    });
    return Optional.ofNullable(memoized != null ? memoized : passedThrough[0]);
  }

  @Override
  public SaveResult save(JobSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot == null");
    // The delegate decides first; if it throws, the memo is untouched.
    SaveResult result = delegate.save(snapshot);
    remember(result.current());
    return result;
  }

  @Override
  public List<SaveResult> saveAll(List<JobSnapshot> snapshots) {
    // The delegate decides first (in one transaction where it can); the memo learns after.
    List<SaveResult> results = delegate.saveAll(snapshots);
    results.forEach(result -> remember(result.current()));
    return results;
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    return delegate.page(cursor, limit);
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    return delegate.findByKind(kind, limit);
  }

  @Override
  public CacheStatistics stats() {
    return Tuning.statistics(memo.stats());
  }

  /** How many snapshots the memo holds now, after pending maintenance; for tests. */
  long memoSize() {
    memo.cleanUp();
    return memo.estimatedSize();
  }

  /** Whether the memo holds a snapshot for the job now; for tests. */
  Optional<JobSnapshot> memoized(JobId id) {
    return Optional.ofNullable(memo.asMap().get(id));
  }

  /** Takes what the delegate holds as current, unless the memo already holds something later. */
  private void remember(JobSnapshot current) {
    if (!memoizable(current)) {
      return;
    }
    memo.asMap().merge(current.id(), current,
        (held, stored) -> Lifecycle.decide(held.state(), stored.state()).replacesCurrent()
            ? stored : held);
  }

  private boolean memoizable(JobSnapshot snapshot) {
    return keepsNonTerminal || snapshot.isTerminal();
  }
}
