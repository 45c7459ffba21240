package io.renderwatch.core.port;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.Outcome;
import java.util.Objects;

/**
 * What a {@link JobStore} did with a snapshot.
 *
 * @param outcome the lifecycle's decision against the state that was stored
 * @param current the snapshot stored for the job after the save (the new one when it was taken)
 */
public record SaveResult(Outcome outcome, JobSnapshot current) {

  /** Requires both components. */
  public SaveResult {
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(current, "current == null");
  }

  /** Whether the saved snapshot became the job's current one. */
  public boolean stored() {
    return outcome.replacesCurrent();
  }
}
