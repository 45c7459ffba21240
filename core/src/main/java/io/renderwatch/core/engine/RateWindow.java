package io.renderwatch.core.engine;

/**
 * The account-wide request budget: at most {@code limit} requests in any sliding window of
 * {@code windowNanos}. Stricter than a token bucket of the same rate, which lets up to twice the
 * limit through in one window. Not thread-safe; the engine guards it.
 */
final class RateWindow {

  private final long[] sent;
  private final long windowNanos;
  private int head;
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
    return Math.max(now, sent[head] + windowNanos);
  }

  /** Records a request sent at {@code now}, which must fit. */
  void record(long now) {
    if (count < sent.length) {
      sent[(head + count) % sent.length] = now;
      count++;
    } else {
      sent[head] = now;
      head = (head + 1) % sent.length;
    }
  }
}
