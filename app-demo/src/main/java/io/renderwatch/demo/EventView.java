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
 * @param problem after a failed poll: what went wrong, in a few words ({@code rate limited})
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
    Optional<JobState> state = event.snapshot().map(JobSnapshot::state);
    Kind kind;
    switch (event.type()) {
      case QUEUED:
        kind = Kind.QUEUED;
        break;
      case PROGRESS:
        kind = Kind.PROGRESS;
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
        break;
      case POLL_FAILED:
        kind = Kind.POLL_FAILED;
        break;
      default:
        kind = Kind.ENDED;
    }
    String problem = event.error().map(EventView::problemOf).orElse("error");
    Optional<WatchEndedException> ended = event.error()
        .filter(WatchEndedException.class::isInstance).map(WatchEndedException.class::cast);
    return new EventView(event.jobId(), kind, state, event.estimatedCompletion(),
        event.retryAt(), problem, ended);
  }

  private static String problemOf(Throwable error) {
    if (error instanceof SourceException source) {
      return source.networkCause().map(SourceException.NetworkCause::words)
          .orElse(source.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    return "error";
  }
}
