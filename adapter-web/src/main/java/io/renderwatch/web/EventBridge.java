package io.renderwatch.web;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
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
    Optional<JobSnapshot> none = Optional.empty();
    if (event instanceof WatchEvent.Queued e) {
      return change(e, Kind.QUEUED, Optional.of(e.snapshot()), Optional.empty());
    }
    if (event instanceof WatchEvent.Progressed e) {
      return change(e, Kind.PROGRESSED, Optional.of(e.snapshot()), e.estimatedCompletion());
    }
    if (event instanceof WatchEvent.Unrecognized e) {
      return change(e, Kind.UNRECOGNIZED, Optional.of(e.snapshot()), Optional.empty());
    }
    if (event instanceof WatchEvent.Completed e) {
      return change(e, Kind.COMPLETED, Optional.of(e.snapshot()), Optional.empty());
    }
    if (event instanceof WatchEvent.Failed e) {
      return change(e, Kind.FAILED, Optional.of(e.snapshot()), Optional.empty());
    }
    if (event instanceof WatchEvent.Anomaly e) {
      // The stored state stays; the contradicting observation is never shown as the job's.
      return change(e, Kind.ANOMALY, Optional.of(e.stored()), Optional.empty());
    }
    if (event instanceof WatchEvent.PollFailed e) {
      return change(e, Kind.POLL_FAILED, none, Optional.empty());
    }
    WatchEvent.Ended e = (WatchEvent.Ended) event;
    return new Change(e.jobId(), Kind.ENDED, e.at(), e.reason().lastKnown(), Optional.empty(),
        Optional.of(e.reason()));
  }

  private static Change change(WatchEvent event, Kind kind, Optional<JobSnapshot> snapshot,
      Optional<Instant> estimatedCompletion) {
    return new Change(event.jobId(), kind, event.at(), snapshot, estimatedCompletion,
        Optional.empty());
  }

  /**
   * "Something changed for this job": core's {@code RenderWatch.hint}: one confirming request
   * through the account budget, coalesced with a poll already due or in flight; none when a
   * final result is stored; a watch from now when the job is not watched yet.
   *
   * @return whether a request may be made (false: the stored final result answers)
   */
  static boolean hint(RenderWatch engine, JobId id) {
    boolean ended = engine.lookupOffline(id).map(JobSnapshot::isTerminal).orElse(false);
    engine.hint(id);
    return !ended;
  }
}
