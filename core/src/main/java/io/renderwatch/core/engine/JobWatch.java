package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.concurrent.CompletableFuture;

/** A handle on one watch of one job. */
public interface JobWatch {

  /** The watched job. */
  JobId jobId();

  /**
   * The job's final snapshot (completed or failed), stored before this completes; completes
   * exceptionally with a {@link WatchEndedException} when the watch ends without one. The future
   * is this watch's own: cancelling or completing it cancels the watch (no further request).
   */
  CompletableFuture<JobSnapshot> result();

  /**
   * Stops this watch: when it returns, no further request is made for it (a request already in
   * flight is ignored) and {@link #result()} has failed with reason {@code CANCELLED}. Returns
   * false if the watch had already ended.
   */
  boolean cancel();
}
