package io.renderwatch.core.engine;

import java.util.Arrays;

/**
 * The account-wide request budget as the server sees it: at most {@code limit} requests in any
 * window of {@code windowNanos}, wherever each request lands between the moment it is handed to
 * the source and the moment its answer comes back. Each of the {@code limit} slots carries one
 * request at a time and stays busy until one window after that request's answer, so two requests
 * of one slot reach the server at least a window apart, however long the network, the HTTP
 * client's queue or the server held the first. Not thread-safe; the engine guards it.
 */
final class RateWindow {

  /** A slot whose request has not come back yet. */
  static final long IN_FLIGHT = Long.MAX_VALUE;

  private final long[] busyUntil;
  private final long windowNanos;

  RateWindow(int limit, long windowNanos) {
    this.busyUntil = new long[limit];
    Arrays.fill(busyUntil, Long.MIN_VALUE);
    this.windowNanos = windowNanos;
  }

  /**
   * The earliest time at or after {@code now} when one more request fits, or {@link #IN_FLIGHT}
   * when every slot waits for an answer.
   */
  long nextSlot(long now) {
    long earliest = busyUntil[freest()];
    return earliest == IN_FLIGHT ? IN_FLIGHT : Math.max(now, earliest);
  }

  /** Takes a slot for a request leaving at {@code now}, which must fit; returns the slot. */
  int record(long now) {
    int slot = freest();
    if (busyUntil[slot] > now) {
      throw new IllegalStateException("no slot is free at " + now);
    }
    busyUntil[slot] = IN_FLIGHT;
    return slot;
  }

  /** The request of {@code slot} came back (answer or failure) at {@code now}. */
  void answered(int slot, long now) {
    busyUntil[slot] = now + windowNanos;
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
