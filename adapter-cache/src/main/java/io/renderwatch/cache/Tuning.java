package io.renderwatch.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.renderwatch.core.model.JobId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;

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

  /** Keeps values that {@code forever} accepts until evicted, and others for {@code ttl}. */
  static <V> Expiry<JobId, V> foreverIfElseFor(Predicate<? super V> forever, Duration ttl) {
    long ttlNanos = ttl.toNanos();
    return new Expiry<>() {
      @Override
      public long expireAfterCreate(JobId id, V value, long now) {
        return forever.test(value) ? Long.MAX_VALUE : ttlNanos;
      }

      @Override
      public long expireAfterUpdate(JobId id, V value, long now, long remaining) {
        return expireAfterCreate(id, value, now);
      }

      @Override
      public long expireAfterRead(JobId id, V value, long now, long remaining) {
        return remaining;
      }
    };
  }
}
