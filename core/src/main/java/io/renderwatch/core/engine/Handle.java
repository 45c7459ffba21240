package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.time.Scheduler;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's watch. Its {@link #result()} is a future of its own: when the caller cancels or
 * completes it, the watch is cancelled (the engine completes it only after marking it done).
 */
final class Handle implements JobWatch {
  final JobId id;
  final WatchListener listener;
  private final CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
  private final Engine engine;
  Poller poller;
  Scheduler.Timer deadline;
  /** Set under the engine lock when the engine has decided how this watch ends. */
  boolean done;

  Handle(JobId id, WatchListener listener, Engine engine) {
    this.id = id;
    this.listener = listener;
    this.engine = engine;
    result.whenComplete((snapshot, error) -> {
      if (!engine.isDone(this)) {
        engine.cancel(this); // completed or cancelled by the caller
      }
    });
  }

  /** Completes the result on the engine's behalf. */
  void complete(JobSnapshot snapshot) {
    result.complete(snapshot);
  }

  /** Fails the result on the engine's behalf. */
  void fail(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public JobId jobId() {
    return id;
  }

  @Override
  public CompletableFuture<JobSnapshot> result() {
    return result;
  }

  @Override
  public boolean cancel() {
    return engine.cancel(this);
  }

  @Override
  public String toString() {
    return "JobWatch[" + id + "]";
  }
}
