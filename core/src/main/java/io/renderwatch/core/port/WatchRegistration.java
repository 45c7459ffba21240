package io.renderwatch.core.port;

import io.renderwatch.core.model.JobId;
import java.time.Instant;
import java.util.Objects;

/**
 * A job that is being watched, and until when.
 *
 * @param jobId the job
 * @param startedAt when the watch began
 * @param deadline when the watch gives up
 */
public record WatchRegistration(JobId jobId, Instant startedAt, Instant deadline) {

  /** Requires every component and a deadline not before the start. */
  public WatchRegistration {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(deadline, "deadline == null");
    if (deadline.isBefore(startedAt)) {
      throw new IllegalArgumentException("deadline " + deadline + " is before start " + startedAt);
    }
  }
}
