package io.renderwatch.core.engine;

import java.util.Arrays;

/**
 * The account-wide request budget as the server sees it: at most {@code limit} requests in any
 * window of {@code windowNanos}, wherever each request lands between the moment it is handed to
 * the source and the moment its answer comes back. Each of the {@code limit} slots carries one
 * request at a time and stays busy until one window after that request's answer, so two requests
 * of one slot reach the server at least a window apart, however long the network, the HTTP
 * client's queue or the server held the first. The limit can change while requests are out
 * ({@link #limit(int)}): a request leaves only while fewer than the limit in force are busy, so
 * every window on the wire holds at most the limit in force when its last request left. Not
 * thread-safe; the engine guards it.
 */
final class RateWindow {

  /** A slot whose request has not come back yet. */
  static final long IN_FLIGHT = Long.MAX_VALUE;

  private long[] busyUntil;
  private final long windowNanos;
  private int limit;

  RateWindow(int limit, long windowNanos) {
    this.busyUntil = new long[limit];
    Arrays.fill(busyUntil, Long.MIN_VALUE);
    this.windowNanos = windowNanos;
    this.limit = limit;
  }

  /**
   * Sets how many requests may be busy at once from now on; 0 stops every request until the
   * limit grows. Slots busy beyond a smaller limit keep counting until they are free.
   */
  void limit(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("limit must be >= 0 but was " + value);
    }
    if (value > busyUntil.length) {
      int before = busyUntil.length;
      busyUntil = Arrays.copyOf(busyUntil, value);
      Arrays.fill(busyUntil, before, value, Long.MIN_VALUE);
    }
    limit = value;
  }

  /** The limit in force. */
  int limit() {
    return limit;
  }

  /**
   * The earliest time at or after {@code now} when one more request fits, or {@link #IN_FLIGHT}
   * when every slot waits for an answer.
   */
  long nextSlot(long now) {
    long earliest = freeAt();
    return earliest == IN_FLIGHT ? IN_FLIGHT : Math.max(now, earliest);
  }

  /** Takes a slot for a request leaving at {@code now}, which must fit; returns the slot. */
  int record(long now) {
    int slot = freest();
    if (freeAt() > now) {
      throw new IllegalStateException("no slot is free at " + now);
    }
    busyUntil[slot] = IN_FLIGHT;
    return slot;
  }

  /** The request of {@code slot} came back (answer or failure) at {@code now}. */
  void answered(int slot, long now) {
    busyUntil[slot] = now + windowNanos;
  }

  /**
   * When fewer than {@link #limit} slots are busy: the earliest time at which at most
   * {@code limit - 1} slots stay busy, or {@link #IN_FLIGHT} when that waits for an answer.
   */
  private long freeAt() {
    if (limit == 0) {
      return IN_FLIGHT;
    }
    if (limit == busyUntil.length) {
      return busyUntil[freest()];
    }
    long[] sorted = busyUntil.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - limit];
  }

  private int freest() {
    int at = 0;
    for (int i = 1; i < busyUntil.length; i++) {
      if (busyUntil[i] < busyUntil[at]) {
        at = i;
      }
    }
    return at;
  }
}
