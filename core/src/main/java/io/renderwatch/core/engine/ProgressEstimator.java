package io.renderwatch.core.engine;

/**
 * Predicts when a running job completes from its recent progress readings: the average rate
 * between the oldest and the newest of the last few readings, so a stall slows the estimate down
 * as time passes without progress. Not thread-safe; the engine guards it.
 */
final class ProgressEstimator {

  static final long NONE = Long.MIN_VALUE;
  /** How many readings the shown ETA and the stall check look back over. */
  private static final int RECENT = 6;
  /** How many readings are kept for the latest-completion bound. */
  private static final int KEPT = 16;

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
    return count >= 2 && progress[newest()] <= progress[recent()];
  }

  /** The predicted completion time, or {@link #NONE} with fewer than two moving readings. */
  long eta() {
    if (count < 2) {
      return NONE;
    }
    int last = newest();
    int first = recent();
    long span = times[last] - times[first];
    int gained = progress[last] - progress[first];
    if (span <= 0 || gained <= 0) {
      return NONE;
    }
    double nanosPerPercent = (double) span / gained;
    return times[last] + (long) ((100 - progress[last]) * nanosPerPercent);
  }

  /**
   * The latest completion that the readings allow if progress is linear, or {@link #NONE}: a
   * reading of {@code p} % means somewhere in [p, p + 1), so between two readings the slowest
   * fitting rate is one point less than they show. Of the bounds from each kept reading to the
   * newest, the earliest is taken: every one holds for linear progress, and after a stall or a
   * jump the recent readings' bound is the one that follows the render's present pace.
   */
  long latestEnd() {
    if (count < 2) {
      return NONE;
    }
    int last = newest();
    long best = NONE;
    for (int k = 0; k < count - 1; k++) {
      int i = (head + k) % KEPT;
      long span = times[last] - times[i];
      int gained = progress[last] - progress[i] - 1;
      if (span > 0 && gained > 0) {
        long end = times[last] + (long) ((100 - progress[last]) * ((double) span / gained));
        best = best == NONE ? end : Math.min(best, end);
      }
    }
    return best;
  }

  /** The oldest of the last {@value #RECENT} readings, from which the shown ETA is taken. */
  private int recent() {
    return (head + Math.max(0, count - RECENT)) % KEPT;
  }

  private int newest() {
    return (head + count - 1) % KEPT;
  }
}
