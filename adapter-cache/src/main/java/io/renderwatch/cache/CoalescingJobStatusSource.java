package io.renderwatch.cache;

import io.renderwatch.core.port.JobStatusSource;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStatusSource} that shares one request among concurrent fetches of the same job;
 * made by {@link Caching#source}.
 *
 * <p>A fetch that arrives while a request for the job is in flight gets that request's answer.
 * Failures are never kept: the next fetch after a failure asks again. A terminal answer is kept
 * (a bounded memo), since an ended job never changes; a non-terminal answer is dropped as soon
 * as it arrives unless a short time to live is configured.
 */
public interface CoalescingJobStatusSource extends JobStatusSource {

  /** The sharing's counters so far: a hit is a fetch that needed no request of its own. */
  CacheStatistics stats();

  /**
   * How a {@link CoalescingJobStatusSource} shares answers.
   *
   * @param maximumSize how many jobs (in flight or memoized terminal) it tracks at most, at least 1
   * @param nonTerminalTtl how long a non-terminal answer is reused, at most {@link #MAXIMUM_TTL};
   *     empty (the default) reuses it only while its request is in flight
   */
  record Options(long maximumSize, Optional<Duration> nonTerminalTtl) {

    /** The default number of tracked jobs. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    /** The longest allowed reuse of a non-terminal answer. */
    public static final Duration MAXIMUM_TTL = Duration.ofSeconds(1);

    /** Validates the size and the time to live. */
    public Options {
      if (maximumSize < 1) {
        throw new IllegalArgumentException("maximumSize must be >= 1 but was " + maximumSize);
      }
      Objects.requireNonNull(nonTerminalTtl, "nonTerminalTtl == null");
      nonTerminalTtl.ifPresent(ttl -> {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAXIMUM_TTL) > 0) {
          throw new IllegalArgumentException(
              "nonTerminalTtl must be > 0 and <= " + MAXIMUM_TTL + " but was " + ttl);
        }
      });
    }

    /** 10,000 tracked jobs, non-terminal answers shared only while in flight. */
    public static Options defaults() {
      return new Options(DEFAULT_MAXIMUM_SIZE, Optional.empty());
    }

    /** A copy with another size bound. */
    public Options withMaximumSize(long maximumSize) {
      return new Options(maximumSize, nonTerminalTtl);
    }

    /** A copy that reuses a non-terminal answer for {@code ttl} (at most one second). */
    public Options withNonTerminalTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      return new Options(maximumSize, Optional.of(ttl));
    }
  }
}
