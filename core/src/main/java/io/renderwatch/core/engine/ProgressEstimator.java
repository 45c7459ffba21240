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
  /** Whether a poll aimed at the bound found the render still going. */
  private boolean missed;

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

  /**
   * A poll aimed at {@link #latestEnd()} found the render still going: its readings are not the
   * whole-percent steps of one straight line (noise, or a change of pace), so from now on only
   * the looser bound of {@link #latestEndOfPairs()} is used.
   */
  void missed() {
    missed = true;
  }

  /** Whether a poll aimed at the bound has found the render still going. */
  boolean hasMissed() {
    return missed;
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
   * The latest completion that the readings allow if progress is linear, or {@link #NONE}. A
   * reading of {@code p} % at {@code t} means the progress was in [p, p + 1) then. While every
   * kept reading fits one straight line (and no poll aimed at the bound has missed), the bound
   * comes from all of them together: the slowest rate such a line can have, from the pair that
   * constrains it most, and of the completions each reading then admits the earliest. Together
   * the readings pin the render far tighter than any one pair, whose whole-percent steps leave a
   * point of slack: on a 20-minute render the last poll lands a second or two after the end
   * rather than up to twelve. Otherwise (a stall, a jump, a step back, noise) the looser
   * {@linkplain #latestEndOfPairs() bound of pairs} is used.
   */
  long latestEnd() {
    if (count < 2) {
      return NONE;
    }
    double slowest = missed ? Double.NaN : slowestLineThroughAll();
    if (Double.isNaN(slowest)) {
      return latestEndOfPairs();
    }
    if (!(slowest > 0)) {
      return NONE;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      int i = at(k);
      best = Math.min(best, times[i] + (100 - progress[i]) / slowest);
    }
    return (long) best;
  }

  /**
   * The bound from pairs: over a span a reading of p % is somewhere in [p, p + 1), so between
   * two readings the slowest fitting rate is one point less than they show. Of the bounds from
   * each kept reading to the newest, the earliest is taken: every one holds for linear progress,
   * and after a stall or a jump the recent readings' bound follows the render's present pace.
   */
  long latestEndOfPairs() {
    int last = newest();
    long best = NONE;
    for (int k = 0; k < count - 1; k++) {
      int i = at(k);
      long span = times[last] - times[i];
      int gained = progress[last] - progress[i] - 1;
      if (span > 0 && gained > 0) {
        long end = times[last] + (long) ((100 - progress[last]) * ((double) span / gained));
        best = best == NONE ? end : Math.min(best, end);
      }
    }
    return best;
  }

  /**
   * The slowest rate (points per nanosecond) of a straight line through every kept reading, each
   * a whole-percent floor, or NaN when no line passes through them all.
   */
  private double slowestLineThroughAll() {
    double slowest = Double.NEGATIVE_INFINITY;
    double fastest = Double.POSITIVE_INFINITY;
    for (int a = count - 2; a >= 0; a--) {
      for (int b = a + 1; b < count; b++) {
        long span = times[at(b)] - times[at(a)];
        if (span <= 0) {
          continue;
        }
        int gained = progress[at(b)] - progress[at(a)];
        slowest = Math.max(slowest, (gained - 1) / (double) span);
        fastest = Math.min(fastest, (gained + 1) / (double) span);
      }
      if (slowest >= fastest) {
        return Double.NaN;
      }
    }
    return slowest;
  }

  /** The slot of the {@code k}-th kept reading, oldest first. */
  private int at(int k) {
    return (head + k) % KEPT;
  }

  /** The oldest of the last {@value #RECENT} readings, from which the shown ETA is taken. */
  private int recent() {
    return (head + Math.max(0, count - RECENT)) % KEPT;
  }

  private int newest() {
    return (head + count - 1) % KEPT;
  }
}
