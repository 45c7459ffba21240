package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One job's poll loop, shared by every watch of that job and by one-off {@code get} calls.
 * Plain state; the engine's lock guards every field.
 */
final class Poller {
  final JobId id;
  final long startedAt;
  final List<Handle> handles = new ArrayList<>(1);
  final List<CompletableFuture<JobSnapshot>> getters = new ArrayList<>(0);
  final ProgressEstimator estimator = new ProgressEstimator();
  JobSnapshot latest;
  /** Its place in the due queue, or null when not waiting to be sent. */
  Dispatch.Entry entry;
  boolean inFlight;
  /** The budget slot its request in flight holds, or -1. */
  int budgetSlot = -1;
  boolean ended;
  boolean aimedAtEta;
  /** Whether a callback asked for the poll now due or in flight. */
  boolean hinted;
  /** Whether a callback came while the API still showed the job going: no second will come. */
  boolean hintRaced;
  long lastPollAt;
  int failures;
  SourceException lastError;
  /** The cause last reported for a failure that never reached the API, to stay quiet after. */
  String lastUnreachable;
  /**
   * Whether {@link #latest} is what the store holds for the job as far as this engine can tell
   * (read or saved by it while no other process wrote the job), so that progress may be decided
   * in memory and written behind; see {@link ProgressWrites}.
   */
  boolean latestIsStored;
  /** Another live process holds the job's lease and polls it: this engine reads the store. */
  boolean follower;
  /** While following: the deadline to register with once the other lease has run out. */
  java.time.Instant followDeadline;
  /** While following: the next look at the store, or null. */
  io.renderwatch.core.time.Scheduler.Timer followTimer;

  Poller(JobId id, long startedAt, JobSnapshot latest) {
    this.id = id;
    this.startedAt = startedAt;
    this.latest = latest;
  }
}
