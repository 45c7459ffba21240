package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobState;
import java.util.SplittableRandom;

/**
 * When to poll a job next: within the policy's interval bounds, jittered, aimed at the predicted
 * completion of a running job; and how long to wait after a transient error (full jitter,
 * starting at the minimum interval, capped at the policy's backoff ceiling). Pure but for its
 * random source; the engine calls it under its lock. Times are nanoseconds on the engine clock.
 */
final class Cadence {

  private final double jitter;
  private final long minNanos;
  private final long maxNanos;
  private final long queuedNanos;
  private final long etaMarginNanos;
  private final long ceilingNanos;
  private final SplittableRandom random;

  /** The most room left under the max interval for a poll kept waiting by the budget. */
  private static final long ROOM_NANOS = 1_000_000_000L;

  Cadence(PollPolicy policy, SplittableRandom random) {
    this.jitter = policy.jitter();
    this.minNanos = policy.minInterval().toNanos();
    this.maxNanos = policy.maxInterval().toNanos();
    this.queuedNanos = policy.queuedInterval().toNanos();
    this.etaMarginNanos = policy.etaMargin().toNanos();
    this.ceilingNanos = policy.backoffCeiling().toNanos();
    this.random = random;
  }

  /** The shortest interval, for a retry that must not come sooner. */
  long minInterval() {
    return minNanos;
  }

  /**
   * The next poll of a job after an answer showing {@code state}, counted from the poll that
   * got it. Queued jobs and unknown statuses wait the queued interval. A running job is polled
   * as rarely as the max interval allows until the latest completion its progress readings
   * admit, with those polls evenly spaced so that the last lands on it: the same number of
   * requests as a fixed poller at the max interval, but the last one right after the end.
   * Every interval stays under the max interval by a little room (a second at most), so that a
   * poll kept waiting by the shared budget is still never later than the max interval.
   */
  long nextPoll(Poller poller, JobState state) {
    long base = poller.lastPollAt;
    poller.aimedAtEta = false;
    if (!(state instanceof JobState.Running)) {
      return base + jitteredDown(Math.min(queuedNanos, ceiling()));
    }
    long end = poller.estimator.latestEnd();
    if (end == ProgressEstimator.NONE) {
      return base + jitteredDown(ceiling());
    }
    long ahead = end + etaMarginNanos - base;
    if (ahead <= minNanos) {
      poller.aimedAtEta = true;
      return base + minNanos;
    }
    long polls = (ahead + ceiling() - 1) / ceiling();
    poller.aimedAtEta = polls == 1;
    return base + Math.max(minNanos, Math.min(ceiling(), ahead / polls));
  }

  /**
   * The next poll of a job while callbacks are trusted to tell of its end: the safety net, as
   * late as the max interval allows (less the room for the budget's queue), counted from
   * {@code from} (its last poll, or its registration for a first poll).
   */
  long safetyNet(Poller poller, long from) {
    poller.aimedAtEta = false;
    return from + ceiling();
  }

  /** The longest interval planned: the max interval less room for the budget's queue. */
  private long ceiling() {
    return maxNanos - Math.min(ROOM_NANOS, (maxNanos - minNanos) / 10);
  }

  /** An interval shortened by up to the jitter fraction, never below the minimum. */
  private long jitteredDown(long interval) {
    return Math.max(minNanos, (long) (interval * (1 - jitter * random.nextDouble())));
  }

  /**
   * The delay before retrying after the {@code failures}-th transient error in a row: uniform in
   * [0, min(ceiling, minInterval × 2^(failures-1))].
   */
  long backoff(int failures) {
    long bound = minNanos;
    for (int i = 1; i < failures && bound < ceilingNanos; i++) {
      bound = bound > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : bound * 2;
    }
    bound = Math.min(bound, ceilingNanos);
    return (long) (random.nextDouble() * bound);
  }

  /** The predicted completion, or {@link ProgressEstimator#NONE}. */
  long eta(Poller poller) {
    return poller.estimator.eta();
  }

  private long jittered(long interval) {
    long value = (long) (interval * (1 - jitter + 2 * jitter * random.nextDouble()));
    return Math.max(minNanos, Math.min(Math.max(maxNanos, queuedNanos), value));
  }
}
