package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a watched job.
 *
 * @param type what happened
 * @param jobId the job
 * @param at when, on the engine's clock
 * @param snapshot the job's state after the event (the contradicting observation for an
 *     anomaly), when known
 * @param estimatedCompletion when the engine expects the job to complete, when it can tell
 * @param retryAt when the next poll of the job may happen, after a failed poll
 * @param error why a poll failed or the watch gave up
 */
public record WatchEvent(
    Type type,
    JobId jobId,
    Instant at,
    Optional<JobSnapshot> snapshot,
    Optional<Instant> estimatedCompletion,
    Optional<Instant> retryAt,
    Optional<Throwable> error) {

  /** The kinds of event. */
  public enum Type {
    /** The job is waiting for rendering to start. */
    QUEUED,
    /** The job renders: new progress or stage. */
    PROGRESS,
    /** The provider reported a status this version does not know. */
    UNRECOGNIZED,
    /** The job completed; its result is stored. */
    COMPLETED,
    /** The render failed; its result is stored. */
    FAILED,
    /** An answer contradicted what is known (e.g. a completed job answered differently). */
    ANOMALY,
    /** A poll failed; the engine retries at {@link WatchEvent#retryAt()}. */
    POLL_FAILED,
    /** The watch ended without a render outcome (timeout, not found, refused key, ...). */
    GAVE_UP
  }

  /** Requires every component. */
  public WatchEvent {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(snapshot, "snapshot == null");
    Objects.requireNonNull(estimatedCompletion, "estimatedCompletion == null");
    Objects.requireNonNull(retryAt, "retryAt == null");
    Objects.requireNonNull(error, "error == null");
  }
}
