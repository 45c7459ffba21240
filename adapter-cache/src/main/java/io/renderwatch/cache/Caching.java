package io.renderwatch.cache;

import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import java.util.Objects;

/** Puts Caffeine-backed caches in front of core's ports. */
public final class Caching {

  private Caching() {}

  /** A memo of terminal snapshots in front of {@code delegate}, with default options. */
  public static CachingJobStore store(JobStore delegate) {
    return store(delegate, CachingJobStore.Options.defaults());
  }

  /** A memo of terminal snapshots in front of {@code delegate}. */
  public static CachingJobStore store(JobStore delegate, CachingJobStore.Options options) {
    return store(delegate, options, Tuning.DEFAULT);
  }

  static CachingJobStore store(JobStore delegate, CachingJobStore.Options options, Tuning tuning) {
    Objects.requireNonNull(delegate, "delegate == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(tuning, "tuning == null");
    return new MemoizingJobStore(delegate, options, tuning);
  }

  /** Shares one request among concurrent fetches of a job, with default options. */
  public static CoalescingJobStatusSource source(JobStatusSource delegate) {
    return source(delegate, CoalescingJobStatusSource.Options.defaults());
  }

  /** Shares one request among concurrent fetches of a job. */
  public static CoalescingJobStatusSource source(JobStatusSource delegate,
      CoalescingJobStatusSource.Options options) {
    return source(delegate, options, Tuning.DEFAULT);
  }

  static CoalescingJobStatusSource source(JobStatusSource delegate,
      CoalescingJobStatusSource.Options options, Tuning tuning) {
    Objects.requireNonNull(delegate, "delegate == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(tuning, "tuning == null");
    return new CoalescingSource(delegate, options, tuning);
  }
}
