package io.renderwatch.demo.plan;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link JobStore} for planning runs: it decides every save by the lifecycle like any store,
 * but keeps only unfinished jobs. A planning run watches each job once and reads no result
 * back, so forgetting a job once it ends keeps a million-job run's heap small. Lists nothing.
 */
final class ForgetfulJobStore implements JobStore {

  private final Map<JobId, JobSnapshot> unfinished = new HashMap<>();

  @Override
  public synchronized Optional<JobSnapshot> find(JobId id) {
    return Optional.ofNullable(unfinished.get(id));
  }

  @Override
  public synchronized SaveResult save(JobSnapshot snapshot) {
    JobSnapshot before = unfinished.get(snapshot.id());
    Outcome outcome = Lifecycle.decide(before == null ? null : before.state(), snapshot.state());
    if (!outcome.replacesCurrent()) {
      return new SaveResult(outcome, before);
    }
    if (snapshot.isTerminal()) {
      unfinished.remove(snapshot.id());
    } else {
      unfinished.put(snapshot.id(), snapshot);
    }
    return new SaveResult(outcome, snapshot);
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    return new Page<>(List.of(), Optional.empty());
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    return List.of();
  }

  /** How many jobs it holds now. */
  synchronized int size() {
    return unfinished.size();
  }
}
