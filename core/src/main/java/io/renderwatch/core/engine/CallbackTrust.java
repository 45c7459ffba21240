package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the account's callbacks can be trusted to tell of endings, from the last
 * {@value #KEPT} endings: one is a hit when a callback (a {@linkplain RenderWatch#hint hint}) led
 * to the poll that saw it, or came within a grace period after a poll saw it; a miss when none
 * came. Trusted once the last {@value #KEPT} endings hold at most {@value #MISSES_ALLOWED} miss,
 * and not before a settling time (the max interval and the grace) has passed since the first
 * ending: a dropped callback only shows when a poll sees the end, up to a max interval later,
 * while the callbacks that came show at once. Polls are then only the safety net (see
 * {@link Cadence#safetyNet}). A second miss, as when
 * callbacks are dropped or stop, brings the normal cadence back; with three callbacks in ten
 * dropped, twenty endings with at most one miss come less than once in a hundred.
 * Pure bookkeeping under the engine's lock; times are nanoseconds on the engine clock.
 */
final class CallbackTrust {

  /** How many endings are remembered. */
  static final int KEPT = 20;
  /** How many misses among the remembered endings still leave them trusted. */
  static final int MISSES_ALLOWED = 1;

  private final long graceNanos;
  private final long settleNanos;
  private long firstEnding = Long.MIN_VALUE;
  private final boolean[] hits = new boolean[KEPT];
  private int head;
  private int count;
  private int misses;
  /** Endings a poll saw without a callback, by job, oldest first: when each was seen. */
  private final Map<JobId, Long> awaiting = new LinkedHashMap<>();

  /**
   * {@code graceNanos}: how long a callback may trail the poll that saw the end;
   * {@code settleNanos}: how long after the first ending before callbacks can be trusted.
   */
  CallbackTrust(long graceNanos, long settleNanos) {
    this.graceNanos = graceNanos;
    this.settleNanos = settleNanos;
  }

  /** A poll saw the job end; {@code hinted} when a callback had asked for that poll. */
  void ended(JobId id, boolean hinted, long now) {
    expire(now);
    if (firstEnding == Long.MIN_VALUE) {
      firstEnding = now;
    }
    if (hinted) {
      record(true);
    } else {
      awaiting.put(id, now);
    }
  }

  /** A callback came for a job whose end is already known. */
  void hintedAfterEnd(JobId id, long now) {
    expire(now);
    if (awaiting.remove(id) != null) {
      record(true);
    }
  }

  /** Whether callbacks are trusted to tell of endings now. */
  boolean trusted(long now) {
    expire(now);
    return count == KEPT && misses <= MISSES_ALLOWED && now - firstEnding >= settleNanos;
  }

  private void expire(long now) {
    Iterator<Map.Entry<JobId, Long>> oldest = awaiting.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<JobId, Long> entry = oldest.next();
      if (now - entry.getValue() <= graceNanos) {
        return;
      }
      oldest.remove();
      record(false);
    }
  }

  private void record(boolean hit) {
    int slot;
    if (count == KEPT) {
      slot = head;
      head = (head + 1) % KEPT;
      if (!hits[slot]) {
        misses--;
      }
    } else {
      slot = (head + count) % KEPT;
      count++;
    }
    hits[slot] = hit;
    if (!hit) {
      misses++;
    }
  }
}
