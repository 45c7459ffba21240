package io.renderwatch.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Where Caffeine runs its maintenance and reads the time: the common pool and the system clock,
 * replaced in tests by {@code Runnable::run} and a hand-moved ticker so that eviction and expiry
 * are deterministic.
 */
record Tuning(Executor executor, Ticker ticker) {

  static final Tuning DEFAULT = new Tuning(ForkJoinPool.commonPool(), Ticker.systemTicker());

  Tuning {
    Objects.requireNonNull(executor, "executor == null");
    Objects.requireNonNull(ticker, "ticker == null");
  }

  /** A builder with the size bound, statistics, this executor and this ticker. */
  Caffeine<Object, Object> builder(long maximumSize) {
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .executor(executor)
        .ticker(ticker)
        .recordStats();
  }

  /** Caffeine's counters as our public view. */
  static CacheStatistics statistics(CacheStats stats) {
    return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.loadCount(),
        stats.evictionCount());
  }

  /** Keeps terminal snapshots until evicted and non-terminal ones for {@code ttl}. */
  static Expiry<JobId, JobSnapshot> terminalForeverOthersFor(Duration ttl) {
    long ttlNanos = ttl.toNanos();
    return new Expiry<>() {
      @Override
      public long expireAfterCreate(JobId id, JobSnapshot snapshot, long now) {
        return snapshot.isTerminal() ? Long.MAX_VALUE : ttlNanos;
      }

      @Override
      public long expireAfterUpdate(JobId id, JobSnapshot snapshot, long now, long remaining) {
        return expireAfterCreate(id, snapshot, now);
      }

      @Override
      public long expireAfterRead(JobId id, JobSnapshot snapshot, long now, long remaining) {
        return remaining;
      }
    };
  }
}
