package io.renderwatch.web;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that knows the shape of core's {@link WatchEvent} and how a webhook becomes a
 * hint: everything else in this adapter works on {@link Change}. When core's sealed
 * {@code WatchEvent} and {@code RenderWatch.hint} land, only this class changes.
 */
final class EventBridge {

  private EventBridge() {}

  /** What the adapter needs to know about one event. */
  enum Kind { QUEUED, PROGRESSED, UNRECOGNIZED, COMPLETED, FAILED, ANOMALY, POLL_FAILED, ENDED }

  /**
   * One change of one job, as the adapter sees it.
   *
   * @param jobId the job
   * @param kind what happened
   * @param at when, on the engine's clock
   * @param snapshot the job's state after the change, when known
   * @param estimatedCompletion when the job is expected to complete, when known
   * @param ended why a watch ended without a render outcome, for {@link Kind#ENDED}
   */
  record Change(JobId jobId, Kind kind, Instant at, Optional<JobSnapshot> snapshot,
      Optional<Instant> estimatedCompletion, Optional<WatchEndedException> ended) {

    /** Whether the job's watch is over (a render outcome, or given up). */
    boolean isEnd() {
      return kind == Kind.COMPLETED || kind == Kind.FAILED || kind == Kind.ENDED;
    }
  }

  /** Translates one of core's events. */
  static Change from(WatchEvent event) {
    Kind kind;
    Optional<JobSnapshot> snapshot = event.snapshot();
    switch (event.type()) {
      case QUEUED:
        kind = Kind.QUEUED;
        break;
      case PROGRESS:
        kind = Kind.PROGRESSED;
        break;
      case UNRECOGNIZED:
        kind = Kind.UNRECOGNIZED;
        break;
      case COMPLETED:
        kind = Kind.COMPLETED;
        break;
      case FAILED:
        kind = Kind.FAILED;
        break;
      case ANOMALY:
        kind = Kind.ANOMALY;
        // The snapshot of an anomaly is the contradicting observation, never the job's state.
        snapshot = Optional.empty();
        break;
      case POLL_FAILED:
        kind = Kind.POLL_FAILED;
        break;
      default:
        kind = Kind.ENDED;
    }
    Optional<WatchEndedException> ended = event.error()
        .filter(WatchEndedException.class::isInstance)
        .map(WatchEndedException.class::cast);
    if (kind == Kind.ENDED && snapshot.isEmpty()) {
      snapshot = ended.flatMap(WatchEndedException::lastKnown);
    }
    return new Change(event.jobId(), kind, event.at(), snapshot, event.estimatedCompletion(),
        kind == Kind.ENDED ? ended : Optional.empty());
  }

  /**
   * "Something changed for this job": one confirming request through the account budget,
   * coalesced with a poll already due or in flight; none when a final result is stored; starts
   * a watch when the job is not watched yet. Stands in for core's {@code RenderWatch.hint}.
   *
   * @param watched whether this process already watches the job
   * @return whether a request may be made (false: the stored final result answers)
   */
  static boolean hint(RenderWatch engine, JobId id, boolean watched) {
    Optional<JobSnapshot> stored = engine.lookupOffline(id);
    if (stored.isPresent() && stored.get().isTerminal()) {
      return false;
    }
    if (!watched) {
      // A new watch polls at once: that poll is the confirming request.
      engine.watch(id, WatchOptions.defaults());
      return true;
    }
    // Joins a poll in flight, or moves the next poll of the running watch to now.
    engine.get(id).exceptionally(error -> null);
    return true;
  }
}
