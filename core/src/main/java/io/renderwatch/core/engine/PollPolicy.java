package io.renderwatch.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How politely and how cleverly the engine polls; {@link #defaults()} follows the provider's
 * guidance (every 10–30 s, at most 5 requests per second per account).
 *
 * @param minInterval shortest time between two polls of one job (default 10 s)
 * @param maxInterval longest time between two polls of one running job (default 30 s)
 * @param queuedInterval time between polls of a job that has not started rendering (15 s)
 * @param jitter fraction by which interval-based polls are spread either way (0.1)
 * @param etaMargin how long after the predicted completion the engine polls (1 s)
 * @param requestsPerWindow the account-wide budget: requests per {@code window} (5)
 * @param window the budget's sliding window (1 s)
 * @param maxInFlight the most requests outstanding at once, account-wide (32)
 * @param rateLimitPause how long every poll pauses after a 429 without Retry-After (10 s)
 * @param backoffBase first upper bound of the retry delay after a transient error (10 s)
 * @param backoffCap largest upper bound of the retry delay (5 min)
 * @param backoffFloor shortest retry delay (1 s)
 * @param maxConsecutiveFailures transient errors in a row after which a watch gives up (10)
 * @param notFoundGrace time after a watch starts during which "not found" is retried (0)
 * @param defaultTimeout watch deadline when neither a timeout nor an expected length is given
 *     (1 h)
 * @param lease how long a registration is held before it must be renewed (60 s)
 */
public record PollPolicy(
    Duration minInterval,
    Duration maxInterval,
    Duration queuedInterval,
    double jitter,
    Duration etaMargin,
    int requestsPerWindow,
    Duration window,
    int maxInFlight,
    Duration rateLimitPause,
    Duration backoffBase,
    Duration backoffCap,
    Duration backoffFloor,
    int maxConsecutiveFailures,
    Duration notFoundGrace,
    Duration defaultTimeout,
    Duration lease) {

  private static final PollPolicy DEFAULTS = new PollPolicy(
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), 0.1,
      Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 32, Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(1), 10, Duration.ZERO,
      Duration.ofHours(1), Duration.ofSeconds(60));

  /** Validates every bound. */
  public PollPolicy {
    positive(minInterval, "minInterval");
    positive(maxInterval, "maxInterval");
    positive(queuedInterval, "queuedInterval");
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval " + maxInterval + " is shorter than minInterval " + minInterval);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1) but was " + jitter);
    }
    notNegative(etaMargin, "etaMargin");
    if (requestsPerWindow < 1) {
      throw new IllegalArgumentException("requestsPerWindow must be >= 1 but was "
          + requestsPerWindow);
    }
    positive(window, "window");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1 but was " + maxInFlight);
    }
    positive(rateLimitPause, "rateLimitPause");
    positive(backoffBase, "backoffBase");
    positive(backoffCap, "backoffCap");
    notNegative(backoffFloor, "backoffFloor");
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailures must be >= 1 but was "
          + maxConsecutiveFailures);
    }
    notNegative(notFoundGrace, "notFoundGrace");
    positive(defaultTimeout, "defaultTimeout");
    positive(lease, "lease");
  }

  /** The documented defaults. */
  public static PollPolicy defaults() {
    return DEFAULTS;
  }

  /** A copy with other interval bounds. */
  public PollPolicy withIntervals(Duration min, Duration max) {
    return new PollPolicy(min, max, clampQueued(min, max), jitter, etaMargin, requestsPerWindow,
        window, maxInFlight, rateLimitPause, backoffBase, backoffCap, backoffFloor,
        maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with another queued-job interval. */
  public PollPolicy withQueuedInterval(Duration value) {
    return new PollPolicy(minInterval, maxInterval, value, jitter, etaMargin, requestsPerWindow,
        window, maxInFlight, rateLimitPause, backoffBase, backoffCap, backoffFloor,
        maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with another account-wide budget. */
  public PollPolicy withBudget(int requests, Duration per, int inFlight) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin, requests,
        per, inFlight, rateLimitPause, backoffBase, backoffCap, backoffFloor,
        maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with other retry settings. */
  public PollPolicy withBackoff(Duration base, Duration cap, Duration floor, int maxFailures) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin,
        requestsPerWindow, window, maxInFlight, rateLimitPause, base, cap, floor, maxFailures,
        notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with another pause after a 429 that gave no Retry-After. */
  public PollPolicy withRateLimitPause(Duration value) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin,
        requestsPerWindow, window, maxInFlight, value, backoffBase, backoffCap, backoffFloor,
        maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with another grace period for "not found" right after a watch starts. */
  public PollPolicy withNotFoundGrace(Duration value) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin,
        requestsPerWindow, window, maxInFlight, rateLimitPause, backoffBase, backoffCap,
        backoffFloor, maxConsecutiveFailures, value, defaultTimeout, lease);
  }

  /** A copy with another default timeout. */
  public PollPolicy withDefaultTimeout(Duration value) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin,
        requestsPerWindow, window, maxInFlight, rateLimitPause, backoffBase, backoffCap,
        backoffFloor, maxConsecutiveFailures, notFoundGrace, value, lease);
  }

  /** A copy with another jitter fraction. */
  public PollPolicy withJitter(double value) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, value, etaMargin,
        requestsPerWindow, window, maxInFlight, rateLimitPause, backoffBase, backoffCap,
        backoffFloor, maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
  }

  /** A copy with another lease length. */
  public PollPolicy withLease(Duration value) {
    return new PollPolicy(minInterval, maxInterval, queuedInterval, jitter, etaMargin,
        requestsPerWindow, window, maxInFlight, rateLimitPause, backoffBase, backoffCap,
        backoffFloor, maxConsecutiveFailures, notFoundGrace, defaultTimeout, value);
  }

  /**
   * The deadline for a watch: the explicit timeout, else 10 minutes plus ten times the expected
   * video length, else {@link #defaultTimeout()}.
   */
  public Duration timeoutFor(WatchOptions options) {
    if (options.timeout().isPresent()) {
      return options.timeout().get();
    }
    return options.expectedLength()
        .map(length -> Duration.ofMinutes(10).plus(length.multipliedBy(10)))
        .orElse(defaultTimeout);
  }

  private Duration clampQueued(Duration min, Duration max) {
    if (queuedInterval.compareTo(min) < 0) {
      return min;
    }
    return queuedInterval.compareTo(max) > 0 ? max : queuedInterval;
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
  }

  private static void notNegative(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
  }
}
