package io.renderwatch.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How politely and how cleverly the engine polls; {@link #defaults()} follows the provider's
 * guidance (every 10–30 s, at most 5 requests per second per account). Build another with
 * {@link #builder()} or change one with {@link #toBuilder()}.
 *
 * @param minInterval shortest time between two polls of one job (default 10 s); also where the
 *     retry delay after a transient error starts
 * @param maxInterval longest time between two polls of one running job (default 30 s)
 * @param queuedInterval time between polls of a job that has not started rendering, or that
 *     reports a status this version does not know (default: {@code maxInterval}, as a wait in
 *     the queue says nothing about when the render ends)
 * @param jitter fraction by which interval-based polls are spread either way (0.1)
 * @param etaMargin how long after the predicted completion the engine polls (0: the prediction
 *     is already the latest completion that the progress readings allow)
 * @param requestsPerWindow the account-wide budget: requests per {@code window} (5), counted
 *     when each request is handed to the source
 * @param window the budget's sliding window (1 s)
 * @param maxInFlight the most requests outstanding at once, account-wide (5); keep it no larger
 *     than the number of calls the HTTP client sends at once, so that none waits in its queue
 * @param rateLimitPause how long every poll pauses after a 429 without Retry-After (10 s)
 * @param backoffCeiling the largest retry delay after transient errors (default 4 ×
 *     {@code maxInterval}: 2 min); the delay is full-jitter, uniform between zero and
 *     {@code min(backoffCeiling, minInterval × 2^(failures-1))}; a Retry-After wins over it
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
    Duration backoffCeiling,
    int maxConsecutiveFailures,
    Duration notFoundGrace,
    Duration defaultTimeout,
    Duration lease) {

  private static final int CEILING_FACTOR = 4;
  private static final PollPolicy DEFAULTS = new Builder().build();

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
    positive(backoffCeiling, "backoffCeiling");
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

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy; the queued interval and the backoff ceiling stay derived from
   * the interval bounds unless this policy set them to something else.
   */
  public Builder toBuilder() {
    Builder builder = new Builder()
        .intervals(minInterval, maxInterval)
        .jitter(jitter)
        .etaMargin(etaMargin)
        .budget(requestsPerWindow, window)
        .maxInFlight(maxInFlight)
        .rateLimitPause(rateLimitPause)
        .maxConsecutiveFailures(maxConsecutiveFailures)
        .notFoundGrace(notFoundGrace)
        .defaultTimeout(defaultTimeout)
        .lease(lease);
    if (!queuedInterval.equals(maxInterval)) {
      builder.queuedInterval(queuedInterval);
    }
    if (!backoffCeiling.equals(maxInterval.multipliedBy(CEILING_FACTOR))) {
      builder.backoffCeiling(backoffCeiling);
    }
    return builder;
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

  /** Builds a {@link PollPolicy}; every setting starts at its default. */
  public static final class Builder {
    private Duration minInterval = Duration.ofSeconds(10);
    private Duration maxInterval = Duration.ofSeconds(30);
    private Duration queuedInterval;
    private double jitter = 0.1;
    private Duration etaMargin = Duration.ZERO;
    private int requestsPerWindow = 5;
    private Duration window = Duration.ofSeconds(1);
    private int maxInFlight = 5;
    private Duration rateLimitPause = Duration.ofSeconds(10);
    private Duration backoffCeiling;
    private int maxConsecutiveFailures = 10;
    private Duration notFoundGrace = Duration.ZERO;
    private Duration defaultTimeout = Duration.ofHours(1);
    private Duration lease = Duration.ofSeconds(60);

    private Builder() {}

    /** The shortest and longest time between two polls of one job. */
    public Builder intervals(Duration min, Duration max) {
      this.minInterval = min;
      this.maxInterval = max;
      return this;
    }

    /** The time between polls of a queued job (default 15 s, within the interval bounds). */
    public Builder queuedInterval(Duration value) {
      this.queuedInterval = value;
      return this;
    }

    /** The fraction by which polls are spread either way, in [0, 1). */
    public Builder jitter(double value) {
      this.jitter = value;
      return this;
    }

    /** How long after the predicted completion to poll. */
    public Builder etaMargin(Duration value) {
      this.etaMargin = value;
      return this;
    }

    /** The account-wide budget: at most {@code requests} in any window of {@code per}. */
    public Builder budget(int requests, Duration per) {
      this.requestsPerWindow = requests;
      this.window = per;
      return this;
    }

    /** The most requests outstanding at once. */
    public Builder maxInFlight(int value) {
      this.maxInFlight = value;
      return this;
    }

    /** The pause of every poll after a 429 that gave no Retry-After. */
    public Builder rateLimitPause(Duration value) {
      this.rateLimitPause = value;
      return this;
    }

    /** The largest retry delay after transient errors (default 4 × the maximum interval). */
    public Builder backoffCeiling(Duration value) {
      this.backoffCeiling = value;
      return this;
    }

    /** Transient errors in a row after which a watch gives up. */
    public Builder maxConsecutiveFailures(int value) {
      this.maxConsecutiveFailures = value;
      return this;
    }

    /** How long after a watch starts "not found" is retried rather than final. */
    public Builder notFoundGrace(Duration value) {
      this.notFoundGrace = value;
      return this;
    }

    /** The deadline of a watch given neither a timeout nor an expected length. */
    public Builder defaultTimeout(Duration value) {
      this.defaultTimeout = value;
      return this;
    }

    /** How long a registration is held before it must be renewed. */
    public Builder lease(Duration value) {
      this.lease = value;
      return this;
    }

    /** The policy; throws {@link IllegalArgumentException} naming a bad setting. */
    public PollPolicy build() {
      positive(minInterval, "minInterval");
      positive(maxInterval, "maxInterval");
      Duration queued = queuedInterval != null ? queuedInterval : maxInterval;
      Duration ceiling = backoffCeiling != null ? backoffCeiling
          : maxInterval.multipliedBy(CEILING_FACTOR);
      return new PollPolicy(minInterval, maxInterval, queued, jitter, etaMargin,
          requestsPerWindow, window, maxInFlight, rateLimitPause, ceiling,
          maxConsecutiveFailures, notFoundGrace, defaultTimeout, lease);
    }
  }
}
