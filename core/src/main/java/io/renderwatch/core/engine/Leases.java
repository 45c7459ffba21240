package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this engine holds in the registry: the jobs whose lease it holds, the jobs whose end it
 * has decided but not yet written, and when each job last ended here (so a claim that raced an
 * end does not start the job again). Pure bookkeeping under the engine's lock; the engine makes
 * the registry calls outside it.
 */
final class Leases {

  private final Set<JobId> held = new HashSet<>();
  private final Set<JobId> settling = new HashSet<>();
  /** Ends seen while a claim was under way; emptied when none is, so it does not grow. */
  private final Map<JobId, Long> endedAt = new HashMap<>();
  private long ends;
  private int claiming;

  /** This engine now holds the job's lease. */
  void hold(JobId id) {
    held.add(id);
  }

  /** Whether this engine holds the job's lease. */
  boolean holds(JobId id) {
    return held.contains(id);
  }

  /** Every job whose lease this engine holds. */
  Set<JobId> held() {
    return new HashSet<>(held);
  }

  /** Whether any lease is held (so renewals are needed). */
  boolean any() {
    return !held.isEmpty();
  }

  /**
   * The job's watch ended here; returns whether this engine held its lease (and so must write
   * the end). Until {@link #settled} the job counts as still being settled.
   */
  boolean ended(JobId id) {
    ends++;
    if (claiming > 0) {
      endedAt.put(id, ends);
    }
    settling.add(id);
    return held.remove(id);
  }

  /** The end of the job's watch is written (or could not be). */
  void settled(JobId id) {
    settling.remove(id);
  }

  /** A mark to compare later ends against, taken before a claim; {@link #unmark} after it. */
  long mark() {
    claiming++;
    return ends;
  }

  /** A claim that took a mark is over; with none left, no earlier end matters any more. */
  void unmark() {
    if (--claiming == 0) {
      endedAt.clear();
    }
  }

  /** Whether the job ended after {@code mark} or its end is not written yet. */
  boolean endedSince(JobId id, long mark) {
    Long at = endedAt.get(id);
    return settling.contains(id) || (at != null && at > mark);
  }

  /**
   * After a renewal that began holding {@code before} answered {@code stillHeld}: the jobs lost
   * meanwhile (held before and now, but no longer in the registry), which stop being held here.
   */
  List<JobId> lost(Set<JobId> before, Set<JobId> stillHeld) {
    List<JobId> lost = new ArrayList<>();
    for (JobId id : before) {
      if (held.contains(id) && !stillHeld.contains(id)) {
        held.remove(id);
        lost.add(id);
      }
    }
    return lost;
  }

  /** How many ends are remembered for claims under way (bounded by what ended during them). */
  int remembered() {
    return endedAt.size();
  }

  /** Forgets every lease (closing); returns those held. */
  Set<JobId> releaseAll() {
    Set<JobId> all = new HashSet<>(held);
    held.clear();
    return all;
  }
}
