package io.renderwatch.core.port;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable record of every job's latest state, kept after the provider forgets the job.
 *
 * <p>Contract, for every implementation: thread-safe; {@link #save} applies the
 * {@link io.renderwatch.core.model.Lifecycle} atomically against what is stored, so the stored
 * state never regresses (a terminal state is never replaced, progress never goes down), even
 * under concurrent writers; a terminal snapshot is durable when {@code save} returns. Failures
 * of the storage itself surface as {@link StoreException}.
 */
public interface JobStore {

  /** The job's latest stored snapshot, if any. */
  Optional<JobSnapshot> find(JobId id);

  /** Offers a snapshot; the lifecycle decides whether it replaces the stored one. */
  SaveResult save(JobSnapshot snapshot);

  /**
   * Offers several snapshots, in order, each as {@link #save} would (the lifecycle decides each
   * against what is stored, and against the earlier ones of the same job); the results come back
   * in the same order. A store may take them in one transaction (the JDBC stores do, so a
   * failure saves none); this default saves them one at a time, so a failure may leave the
   * earlier ones saved.
   */
  default List<SaveResult> saveAll(List<JobSnapshot> snapshots) {
    Objects.requireNonNull(snapshots, "snapshots == null");
    List<SaveResult> results = new ArrayList<>(snapshots.size());
    for (JobSnapshot snapshot : snapshots) {
      results.add(save(Objects.requireNonNull(snapshot, "snapshots holds null")));
    }
    return results;
  }

  /**
   * One page of all stored jobs, newest first (by when the job was first stored), stable while
   * jobs are saved concurrently.
   *
   * @param cursor the {@link Page#next()} of the previous page, or empty for the first page
   * @param limit the largest page size, at least 1
   */
  Page<JobSnapshot> page(Optional<String> cursor, int limit);

  /** Up to {@code limit} stored jobs whose current state is of the given kind, newest first. */
  List<JobSnapshot> findByKind(JobState.Kind kind, int limit);
}
