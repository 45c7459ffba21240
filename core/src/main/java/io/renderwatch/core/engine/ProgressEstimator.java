package io.renderwatch.core.engine;

/**
 * Predicts when a running job completes from its recent progress readings: the average rate
 * between the oldest and the newest of the last few readings, so a stall slows the estimate down
 * as time passes without progress. Not thread-safe; the engine guards it.
 */
final class ProgressEstimator {

  static final long NONE = Long.MIN_VALUE;
  private static final int KEPT = 6;

  private final long[] times = new long[KEPT];
  private final int[] progress = new int[KEPT];
  private int head;
  private int count;

  /** Adds a reading of {@code percent} at {@code time}. */
  void add(long time, int percent) {
    int slot = (head + count) % KEPT;
    if (count == KEPT) {
      slot = head;
      head = (head + 1) % KEPT;
    } else {
      count++;
    }
    times[slot] = time;
    progress[slot] = percent;
  }

  /** Whether the readings show no progress over their span (a stall), given two or more. */
  boolean stalled() {
    return count >= 2 && progress[newest()] <= progress[head];
  }

  /** The predicted completion time, or {@link #NONE} with fewer than two moving readings. */
  long eta() {
    if (count < 2) {
      return NONE;
    }
    int last = newest();
    long span = times[last] - times[head];
    int gained = progress[last] - progress[head];
    if (span <= 0 || gained <= 0) {
      return NONE;
    }
    double nanosPerPercent = (double) span / gained;
    return times[last] + (long) ((100 - progress[last]) * nanosPerPercent);
  }

  private int newest() {
    return (head + count - 1) % KEPT;
  }
}
