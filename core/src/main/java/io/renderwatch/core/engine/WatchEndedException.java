package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.Objects;
import java.util.Optional;

/** A watch ended without a render outcome; {@link #reason()} says why. */
public final class WatchEndedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a watch ended without a render outcome. */
  public enum Reason {
    /** The deadline passed. */
    TIMEOUT,
    /** The API key was refused. */
    UNAUTHORIZED,
    /** Access was denied (bot protection or permissions). */
    FORBIDDEN,
    /** The provider does not know the job. */
    NOT_FOUND,
    /** The provider kept rate limiting until the deadline. */
    RATE_LIMITED,
    /** The provider or network kept failing. */
    UNAVAILABLE,
    /** The provider's answers kept being unreadable. */
    BAD_RESPONSE,
    /** The caller cancelled the watch. */
    CANCELLED,
    /** The engine was closed. */
    CLOSED
  }

  private final Reason reason;
  private final JobId jobId;
  private final transient JobSnapshot lastKnown;

  /** A watch of {@code jobId} that ended for {@code reason}. */
  public WatchEndedException(Reason reason, JobId jobId, JobSnapshot lastKnown, String message,
      Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.jobId = Objects.requireNonNull(jobId, "jobId == null");
    this.lastKnown = lastKnown;
  }

  /** Why the watch ended. */
  public Reason reason() {
    return reason;
  }

  /** The watched job. */
  public JobId jobId() {
    return jobId;
  }

  /** The last state known when the watch ended, if any. */
  public Optional<JobSnapshot> lastKnown() {
    return Optional.ofNullable(lastKnown);
  }
}
