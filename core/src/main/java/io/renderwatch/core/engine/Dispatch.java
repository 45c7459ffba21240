package io.renderwatch.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Which polls leave now: the due queue (earliest first), the account-wide budget, the cap on
 * requests in flight, and the pause after a 429. Pure bookkeeping under the engine's lock; the
 * engine sends what {@link #take} hands out outside the lock. A request holds its place in the
 * budget until a window after its {@linkplain #answered answer}, so the budget holds on the wire
 * (see {@link RateWindow}). Times are nanoseconds on the engine clock.
 */
final class Dispatch {

  /** A poller's place in the due queue; stale once the poller holds another entry. */
  static final class Entry implements Comparable<Entry> {
    final Poller poller;
    final long at;
    final long sequence;

    Entry(Poller poller, long at, long sequence) {
      this.poller = poller;
      this.at = at;
      this.sequence = sequence;
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Entry> due = new PriorityQueue<>();
  private final RateWindow budget;
  private final int maxInFlight;
  private long sequence;
  private int inFlight;
  private long pausedUntil = Long.MIN_VALUE;
  private long wakeAt = Long.MAX_VALUE;

  Dispatch(PollPolicy policy) {
    this.budget = new RateWindow(policy.requestsPerWindow(), policy.window().toNanos());
    this.maxInFlight = policy.maxInFlight();
  }

  /** Puts the poller in the queue for {@code at}, replacing its earlier place. */
  void schedule(Poller poller, long at) {
    Entry entry = new Entry(poller, at, sequence++);
    poller.entry = entry;
    due.add(entry);
  }

  /**
   * Brings the poller's next poll forward to {@code now}, unless a poll is in flight or already
   * due by then (so a confirmation never adds a second request). Returns whether it moved.
   */
  boolean pollSoon(Poller poller, long now) {
    if (poller.inFlight || (poller.entry != null && poller.entry.at <= now)) {
      return false;
    }
    schedule(poller, now);
    return true;
  }

  /**
   * Sets this engine's share of the budget: at most {@code requests} busy per window from now on
   * (0: none leaves until it grows); see {@link RateWindow#limit(int)}.
   */
  void limit(int requests) {
    budget.limit(requests);
  }

  /** This engine's share of the budget in force. */
  int limit() {
    return budget.limit();
  }

  /** Pauses every poll until {@code until} (after a 429). */
  void pauseUntil(long until) {
    pausedUntil = Math.max(pausedUntil, until);
  }

  /** When the current pause ends (in the past when none). */
  long pausedUntil() {
    return pausedUntil;
  }

  /**
   * Takes every poll that may leave at {@code now}, reserving its place in the budget and in
   * flight, and sets {@link #wakeAt()} to when the next one may.
   */
  List<Poller> take(long now) {
    List<Poller> batch = new ArrayList<>();
    wakeAt = Long.MAX_VALUE;
    while (true) {
      Entry head = due.peek();
      if (head == null) {
        return batch;
      }
      if (head.poller.entry != head || head.poller.ended) {
        due.poll();
        continue;
      }
      long at = Math.max(head.at, Math.max(pausedUntil, budget.nextSlot(now)));
      if (at > now) {
        wakeAt = at;
        return batch;
      }
      if (inFlight >= maxInFlight) {
        return batch; // an answer frees a place and takes again
      }
      due.poll();
      Poller poller = head.poller;
      poller.entry = null;
      poller.inFlight = true;
      poller.lastPollAt = now;
      inFlight++;
      poller.budgetSlot = budget.record(now);
      batch.add(poller);
    }
  }

  /** When {@link #take} can hand out the next poll, or {@code Long.MAX_VALUE}. */
  long wakeAt() {
    return wakeAt;
  }

  /** The poller's request came back (answer or failure) at {@code now}. */
  void answered(Poller poller, long now) {
    if (poller.inFlight) {
      poller.inFlight = false;
      inFlight--;
      budget.answered(poller.budgetSlot, now);
      poller.budgetSlot = -1;
    }
  }

  /** Forgets every waiting poll. */
  void clear() {
    due.clear();
  }
}
