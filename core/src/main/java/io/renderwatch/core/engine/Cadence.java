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
   * got it; updates the poller's ETA aim. Queued jobs and unknown statuses are polled at the
   * queued interval, never tighter than the minimum.
   */
  long nextPoll(Poller poller, JobState state) {
    long base = poller.lastPollAt;
    if (!(state instanceof JobState.Running)) {
      poller.aimedAtEta = false;
      return base + jittered(queuedNanos);
    }
    if (poller.aimedAtEta) {
      // We polled at the predicted completion and the job is still running.
      poller.aimedAtEta = false;
      return base + minNanos;
    }
    long eta = poller.estimator.eta();
    if (eta == ProgressEstimator.NONE) {
      return base + jittered(poller.estimator.stalled() ? maxNanos : minNanos);
    }
    long target = eta + etaMarginNanos;
    if (target <= base + minNanos) {
      poller.aimedAtEta = true;
      return base + minNanos;
    }
    if (target >= base + maxNanos) {
      return base + maxNanos;
    }
    poller.aimedAtEta = true;
    return target;
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
