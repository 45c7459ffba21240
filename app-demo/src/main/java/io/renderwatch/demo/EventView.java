package io.renderwatch.demo;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.SourceException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one watch event means for the display. The only class of the command that reads
 * {@link WatchEvent}: the rest is written against this view, so a change of the event type
 * changes this file alone.
 *
 * @param jobId the job
 * @param kind what happened
 * @param state the job's state after the event (the contradicting one for an anomaly)
 * @param estimatedCompletion when the job should complete, when the engine can tell
 * @param retryAt after a failed poll: when the next one may happen
 * @param problem after a failed poll: what went wrong, in a few words ({@code rate limited},
 *     or for an unreachable API the kind and what failed: {@code unreachable: connection
 *     refused ...})
 * @param ended for {@link Kind#ENDED}: why the watch ended without a render outcome
 */
record EventView(JobId jobId, Kind kind, Optional<JobState> state,
    Optional<Instant> estimatedCompletion, Optional<Instant> retryAt, String problem,
    Optional<WatchEndedException> ended) {

  /** What happened to a watched job, as far as people are concerned. */
  enum Kind { QUEUED, PROGRESS, UNRECOGNIZED, COMPLETED, FAILED, ANOMALY, POLL_FAILED, ENDED }

  EventView {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(kind, "kind == null");
  }

  /** The view of one engine event. */
  static EventView of(WatchEvent event) {
    if (event instanceof WatchEvent.Queued e) {
      return of(e.jobId(), Kind.QUEUED, e.snapshot(), Optional.empty());
    }
    if (event instanceof WatchEvent.Progressed e) {
      return of(e.jobId(), Kind.PROGRESS, e.snapshot(), e.estimatedCompletion());
    }
    if (event instanceof WatchEvent.Unrecognized e) {
      return of(e.jobId(), Kind.UNRECOGNIZED, e.snapshot(), Optional.empty());
    }
    if (event instanceof WatchEvent.Completed e) {
      return of(e.jobId(), Kind.COMPLETED, e.snapshot(), Optional.empty());
    }
    if (event instanceof WatchEvent.Failed e) {
      return of(e.jobId(), Kind.FAILED, e.snapshot(), Optional.empty());
    }
    if (event instanceof WatchEvent.Anomaly e) {
      return of(e.jobId(), Kind.ANOMALY, e.observed(), Optional.empty());
    }
    if (event instanceof WatchEvent.PollFailed e) {
      return new EventView(e.jobId(), Kind.POLL_FAILED, Optional.empty(), Optional.empty(),
          Optional.of(e.retryAt()), problemOf(e.error()), Optional.empty());
    }
    WatchEvent.Ended e = (WatchEvent.Ended) event;
    return new EventView(e.jobId(), Kind.ENDED, e.reason().lastKnown().map(JobSnapshot::state),
        Optional.empty(), Optional.empty(), "", Optional.of(e.reason()));
  }

  private static EventView of(JobId id, Kind kind, JobSnapshot snapshot,
      Optional<Instant> estimatedCompletion) {
    return new EventView(id, kind, Optional.of(snapshot.state()), estimatedCompletion,
        Optional.empty(), "", Optional.empty());
  }

  private static String problemOf(SourceException error) {
    String kind = error.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return error.networkCause().isPresent()
        ? kind + ": " + Text.clean(error.getMessage()) : kind;
  }
}
