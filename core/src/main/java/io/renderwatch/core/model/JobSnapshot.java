package io.renderwatch.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One observation of one job: its state at an instant, and the provider's raw answer when kept.
 *
 * @param id the job
 * @param state what the provider said
 * @param observedAt when it was said
 * @param rawPayload the provider's response body, kept so a later version can read what this
 *     one ignored
 */
public record JobSnapshot(JobId id, JobState state, Instant observedAt, Optional<String> rawPayload) {

  /** Requires every component. */
  public JobSnapshot {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(observedAt, "observedAt == null");
    Objects.requireNonNull(rawPayload, "rawPayload == null");
  }

  /** A snapshot without a raw payload. */
  public static JobSnapshot of(JobId id, JobState state, Instant observedAt) {
    return new JobSnapshot(id, state, observedAt, Optional.empty());
  }

  /** Whether the job had ended when observed. */
  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** A short summary without the raw payload. */
  @Override
  public String toString() {
    return "JobSnapshot[" + id + " " + state + " at " + observedAt + "]";
  }
}
