package io.renderwatch.cache;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** An in-memory store that counts the calls it gets and can be told to misbehave. */
final class CountingJobStore implements JobStore {

  final InMemoryJobStore inner = new InMemoryJobStore();
  final AtomicInteger finds = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  volatile Runnable beforeFind = () -> {};
  volatile boolean failSaves;
  volatile UnaryOperator<SaveResult> rewriteResult = UnaryOperator.identity();

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    finds.incrementAndGet();
    beforeFind.run();
    return inner.find(id);
  }

  @Override
  public SaveResult save(JobSnapshot snapshot) {
    saves.incrementAndGet();
    if (failSaves) {
      throw new StoreException("disk full (test)");
    }
    return rewriteResult.apply(inner.save(snapshot));
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    return inner.page(cursor, limit);
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    return inner.findByKind(kind, limit);
  }
}
