package io.renderwatch.core.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one watch.
 *
 * @param timeout give up after this long, when set
 * @param expectedLength the expected video length, from which a timeout is derived when no
 *     explicit one is set (see {@link PollPolicy#timeoutFor})
 */
public record WatchOptions(Optional<Duration> timeout, Optional<Duration> expectedLength) {

  private static final WatchOptions DEFAULTS = new WatchOptions(Optional.empty(), Optional.empty());

  /** Validates the durations. */
  public WatchOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(expectedLength, "expectedLength == null");
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0 but was " + t);
      }
    });
    expectedLength.ifPresent(l -> {
      if (l.isNegative()) {
        throw new IllegalArgumentException("expectedLength must be >= 0 but was " + l);
      }
    });
  }

  /** No timeout and no expected length: the policy's default timeout applies. */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with an explicit timeout. */
  public WatchOptions withTimeout(Duration value) {
    return new WatchOptions(Optional.of(value), expectedLength);
  }

  /** A copy with an expected video length. */
  public WatchOptions withExpectedLength(Duration value) {
    return new WatchOptions(timeout, Optional.of(value));
  }
}
