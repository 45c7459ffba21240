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
    TIMEOUT(false),
    /** The API key was refused. */
    UNAUTHORIZED(true),
    /** Access was denied (bot protection or permissions). */
    FORBIDDEN(true),
    /** The provider does not know the job. */
    NOT_FOUND(false),
    /** The provider cleaned the job away after its retention period: no result will come. */
    CLEANED(false),
    /** The provider kept rate limiting until the deadline. */
    RATE_LIMITED(true),
    /** The provider kept failing (too many failures in a row, or until the deadline). */
    UNAVAILABLE(true),
    /** The API could not be reached (unknown host, refused connection, TLS) until giving up. */
    UNREACHABLE(true),
    /** The provider's answers kept being unreadable. */
    BAD_RESPONSE(true),
    /** The caller cancelled the watch. */
    CANCELLED(false),
    /** Another process took over the job's watch (its lease here was lost). */
    LEASE_LOST(false),
    /** The engine was closed; the watch stays registered for a later resume. */
    CLOSED(false);

    private final boolean fixable;

    Reason(boolean fixable) {
      this.fixable = fixable;
    }

    /**
     * Whether a person can fix the cause (a key, access, the network, the provider's health),
     * so that {@code RenderWatch.resume} starts the watch once more.
     */
    public boolean fixable() {
      return fixable;
    }

    /** The reason as the registry writes it: its name in lower case. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The reason among the {@code error_code}s that outside scripts rely on (CLI.md): an API
     * that could not be reached is {@code unavailable}, its cause is in the message.
     */
    public String errorCode() {
      return this == UNREACHABLE ? UNAVAILABLE.code() : code();
    }
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
