package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a watched job: one record per kind, so a {@code switch} over a
 * {@code WatchEvent} names every case.
 */
public sealed interface WatchEvent {

  /** The job. */
  JobId jobId();

  /** When it happened, on the engine's clock. */
  Instant at();

  /** The job waits for rendering to start. */
  record Queued(JobId jobId, Instant at, JobSnapshot snapshot) implements WatchEvent {
    /** Requires every component. */
    public Queued {
      require(jobId, at, snapshot);
    }
  }

  /**
   * The job renders: new progress or a new stage.
   *
   * @param estimatedCompletion when the engine expects the job to complete, when it can tell
   */
  record Progressed(JobId jobId, Instant at, JobSnapshot snapshot,
      Optional<Instant> estimatedCompletion) implements WatchEvent {
    /** Requires every component. */
    public Progressed {
      require(jobId, at, snapshot);
      Objects.requireNonNull(estimatedCompletion, "estimatedCompletion == null");
    }
  }

  /** The provider reported a status this version does not know; the watch goes on. */
  record Unrecognized(JobId jobId, Instant at, JobSnapshot snapshot) implements WatchEvent {
    /** Requires every component. */
    public Unrecognized {
      require(jobId, at, snapshot);
    }
  }

  /** The job completed; its result is stored. */
  record Completed(JobId jobId, Instant at, JobSnapshot snapshot) implements WatchEvent {
    /** Requires every component. */
    public Completed {
      require(jobId, at, snapshot);
    }
  }

  /** The render failed; its result is stored. */
  record Failed(JobId jobId, Instant at, JobSnapshot snapshot) implements WatchEvent {
    /** Requires every component. */
    public Failed {
      require(jobId, at, snapshot);
    }
  }

  /**
   * An answer contradicted what is stored (e.g. a completed job answered differently); the
   * stored state stays.
   */
  record Anomaly(JobId jobId, Instant at, JobSnapshot stored, JobSnapshot observed)
      implements WatchEvent {
    /** Requires every component. */
    public Anomaly {
      require(jobId, at, stored);
      Objects.requireNonNull(observed, "observed == null");
    }
  }

  /**
   * A poll failed; the engine tries again at {@code retryAt}. A failure that never reached the
   * API is reported once per cause, not on every retry.
   */
  record PollFailed(JobId jobId, Instant at, SourceException error, Instant retryAt)
      implements WatchEvent {
    /** Requires every component. */
    public PollFailed {
      Objects.requireNonNull(jobId, "jobId == null");
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(error, "error == null");
      Objects.requireNonNull(retryAt, "retryAt == null");
    }
  }

  /**
   * The watch ended without a render outcome (timeout, not found, cleaned, unauthorized,
   * forbidden, cancelled, ...); {@code reason} says why.
   */
  record Ended(JobId jobId, Instant at, WatchEndedException reason) implements WatchEvent {
    /** Requires every component. */
    public Ended {
      Objects.requireNonNull(jobId, "jobId == null");
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  private static void require(JobId jobId, Instant at, JobSnapshot snapshot) {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(snapshot, "snapshot == null");
  }
}
