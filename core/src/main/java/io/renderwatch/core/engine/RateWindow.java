package io.renderwatch.core.engine;

/**
 * The account-wide request budget: at most {@code limit} requests in any sliding window of
 * {@code windowNanos}. Stricter than a token bucket of the same rate, which lets up to twice the
 * limit through in one window. A request is reserved when it is taken from the due queue and
 * re-dated when it has actually been handed to the source, so the window counts what left when
 * it left. Not thread-safe; the engine guards it.
 */
final class RateWindow {

  private final long[] sent;
  private final long windowNanos;
  private int count;

  RateWindow(int limit, long windowNanos) {
    this.sent = new long[limit];
    this.windowNanos = windowNanos;
  }

  /** The earliest time at or after {@code now} when one more request fits. */
  long nextSlot(long now) {
    if (count < sent.length) {
      return now;
    }
    return Math.max(now, sent[oldest()] + windowNanos);
  }

  /** Records a request sent at {@code now}, which must fit. */
  void record(long now) {
    if (count < sent.length) {
      sent[count++] = now;
    } else {
      sent[oldest()] = now;
    }
  }

  /** Moves a request recorded at {@code reserved} to when it really left, if later. */
  void redate(long reserved, long actual) {
    if (actual <= reserved) {
      return;
    }
    for (int i = 0; i < count; i++) {
      if (sent[i] == reserved) {
        sent[i] = actual;
        return;
      }
    }
  }

  private int oldest() {
    int at = 0;
    for (int i = 1; i < count; i++) {
      if (sent[i] < sent[at]) {
        at = i;
      }
    }
    return at;
  }
}
