package io.renderwatch.cache;

import io.renderwatch.core.port.JobStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} that answers reads of ended jobs from memory and passes everything else to
 * the store it decorates; made by {@link Caching#store}.
 *
 * <p>Terminal snapshots never change (the lifecycle makes them absorbing), so once one is known
 * it is served from a bounded in-memory memo without touching the delegate. Saves go to the
 * delegate first; the memo only ever learns what the delegate reports as stored, so it cannot
 * hold anything the durable store refused. Paging and listing by kind always pass through.
 */
public interface CachingJobStore extends JobStore {

  /** The memo's counters so far. */
  CacheStatistics stats();

  /**
   * How a {@link CachingJobStore} memoizes.
   *
   * @param maximumSize how many snapshots the memo holds at most, at least 1
   * @param nonTerminalTtl how long a non-terminal snapshot may be served from memory; empty (the
   *     default) passes every read of an unfinished job through to the delegate
   */
  record Options(long maximumSize, Optional<Duration> nonTerminalTtl) {

    /** The default memo size. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    /** Validates the size and the time to live. */
    public Options {
      if (maximumSize < 1) {
        throw new IllegalArgumentException("maximumSize must be >= 1 but was " + maximumSize);
      }
      Objects.requireNonNull(nonTerminalTtl, "nonTerminalTtl == null");
      nonTerminalTtl.ifPresent(ttl -> {
        if (ttl.isNegative() || ttl.isZero()) {
          throw new IllegalArgumentException("nonTerminalTtl must be > 0 but was " + ttl);
        }
      });
    }

    /** 10,000 snapshots, unfinished jobs passed through. */
    public static Options defaults() {
      return new Options(DEFAULT_MAXIMUM_SIZE, Optional.empty());
    }

    /** A copy with another size bound. */
    public Options withMaximumSize(long maximumSize) {
      return new Options(maximumSize, nonTerminalTtl);
    }

    /** A copy that serves non-terminal snapshots from memory for {@code ttl}. */
    public Options withNonTerminalTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      return new Options(maximumSize, Optional.of(ttl));
    }
  }
}
