package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress written behind ({@link RenderWatch.Builder#writeProgressBehind}): a watched job's
 * queued and running answers are decided in memory, against the poller's latest snapshot, and
 * only the latest of them is written, once the delay has passed since the first unwritten one,
 * together with every other job's; so each job's progress is written at most once per delay.
 * Everything else — a final result, an unknown status, a job another process holds, a caller
 * waiting in {@code get} — is saved synchronously as before, so a result is durable before it is
 * announced. The fields are guarded by the engine's lock; the writes run on the storage executor
 * with no lock held.
 *
 * <p>Deciding in memory is sound only while this engine is the job's only writer: it holds the
 * job's lease and its latest snapshot came from the store (read at the watch's start or returned
 * by its own last save). A poller that follows another process, or has just been promoted from
 * following, goes through the store until its next synchronous save.
 */
final class ProgressWrites {

  /** How many snapshots one store call takes at most. */
  private static final int CHUNK = 500;

  private final Engine engine;
  private final Duration delay;
  /** The latest unwritten snapshot per job, in the order they first became pending. */
  private final Map<JobId, JobSnapshot> pending = new LinkedHashMap<>();
  private Scheduler.Timer timer;
  /** How many flushes are writing now. */
  private int flushing;

  ProgressWrites(Engine engine, Duration delay) {
    this.engine = engine;
    this.delay = delay;
  }

  /**
   * Decides and applies an answer in memory when it may be (its snapshot, when taken, then waits
   * to be written); false when the store must decide. Takes the engine's lock.
   */
  boolean decidedInMemory(Poller poller, JobSnapshot observed) {
    synchronized (engine) {
      SaveResult decided = decide(poller, observed);
      if (decided != null) {
        engine.polls.apply(poller, observed, null, decided, null);
      }
      return decided != null;
    }
  }

  /**
   * Saves an answer the store must decide, with no lock held: the job's pending progress first
   * when the answer is not a final result (so the store decides against what was told), then the
   * answer. What could not be written waits for the next flush.
   */
  SaveResult save(Poller poller, JobSnapshot observed) {
    JobSnapshot first = takeBefore(poller, observed);
    try {
      if (first != null) {
        engine.store.save(first);
      }
      return engine.store.save(observed);
    } catch (RuntimeException e) {
      if (first != null) {
        synchronized (engine) {
          restore(first);
        }
      }
      throw e;
    }
  }

  /**
   * Takes the lock: the job's pending snapshot, taken out, when it must be written before
   * {@code observed} (anything but a final result, which supersedes it); else null.
   */
  JobSnapshot takeBefore(Poller poller, JobSnapshot observed) {
    synchronized (engine) {
      return observed.isTerminal() ? null : pending.remove(poller.id);
    }
  }

  /**
   * Under the engine's lock: what the store would answer for {@code observed}, decided in memory;
   * or null when the store must decide.
   */
  private SaveResult decide(Poller poller, JobSnapshot observed) {
    JobState state = observed.state();
    if (!(state instanceof JobState.Queued || state instanceof JobState.Running)
        || poller.ended || engine.closed || poller.follower || !poller.latestIsStored
        || !poller.getters.isEmpty() || !engine.leases.holds(poller.id)) {
      return null;
    }
    JobSnapshot latest = poller.latest;
    Outcome outcome = Lifecycle.decide(latest == null ? null : latest.state(), state);
    if (outcome == Outcome.ANOMALY) {
      return null;
    }
    if (!outcome.replacesCurrent()) {
      return new SaveResult(outcome, latest);
    }
    pending.put(poller.id, observed);
    if (timer == null) {
      timer = engine.scheduler.schedule(delay, () -> engine.storage.execute(this::flush));
    }
    return new SaveResult(outcome, observed);
  }

  /**
   * Under the engine's lock, after a synchronous save: a stored final result supersedes the
   * job's pending progress (every final state replaces any unfinished one); the poller's latest
   * is the store's again.
   */
  void saved(Poller poller, SaveResult result) {
    if (result.current().isTerminal()) {
      pending.remove(poller.id);
    }
    poller.latestIsStored = !poller.follower && engine.leases.holds(poller.id);
  }

  /** Under the engine's lock: a snapshot taken out could not be written; it waits again. */
  void restore(JobSnapshot snapshot) {
    if (engine.closed) {
      return;
    }
    pending.putIfAbsent(snapshot.id(), snapshot);
    if (timer == null) {
      timer = engine.scheduler.schedule(delay, () -> engine.storage.execute(this::flush));
    }
  }

  /** Under the engine's lock, when closing: every pending snapshot, taken out; no more flushes. */
  List<JobSnapshot> takeAll() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    List<JobSnapshot> all = new ArrayList<>(pending.values());
    pending.clear();
    return all;
  }

  /**
   * Waits, releasing the engine's lock, until no flush is writing any more; for closing, so
   * that what a flush took is in the store when {@code close} returns.
   */
  void awaitFlushes() {
    synchronized (engine) {
      Waits.whileBusy(engine, () -> flushing > 0);
    }
  }

  /** Writes what is pending; on the storage executor. */
  private void flush() {
    List<JobSnapshot> batch;
    synchronized (engine) {
      timer = null;
      batch = new ArrayList<>(pending.values());
      pending.clear();
      flushing++;
    }
    try {
      write(batch);
    } finally {
      synchronized (engine) {
        flushing--;
        engine.notifyAll();
      }
    }
  }

  /**
   * Saves the snapshots, a chunk at a time through
   * {@link io.renderwatch.core.port.JobStore#saveAll}
   * (one transaction each in the JDBC stores); a chunk the store could not take waits for the
   * next flush (but for the jobs with a later snapshot pending by then). Runs with no lock held.
   */
  void write(List<JobSnapshot> batch) {
    List<JobSnapshot> failed = new ArrayList<>();
    RuntimeException first = null;
    for (int from = 0; from < batch.size(); from += CHUNK) {
      List<JobSnapshot> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
      try {
        engine.store.saveAll(chunk);
      } catch (RuntimeException e) {
        failed.addAll(chunk);
        first = first == null ? e : first;
      }
    }
    if (first == null) {
      return;
    }
    Engine.LOG.log(System.Logger.Level.WARNING, "Could not write the progress of "
        + failed.size() + " job(s); trying again in " + delay, first);
    synchronized (engine) {
      failed.forEach(this::restore);
    }
  }
}
