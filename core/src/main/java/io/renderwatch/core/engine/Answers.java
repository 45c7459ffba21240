package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answers waiting to be stored and applied. The source's threads hand each over; one task
 * on the storage executor takes it together with every other answer waiting by then, stores
 * those that need the store with one {@link io.renderwatch.core.port.JobStore#saveAll} (one
 * transaction, so one commit, in the JDBC stores), and only then applies each under the engine's
 * lock. So an answer is still stored before it is applied or announced; a save that fails fails
 * every answer it carried, as their own saves would have (each poll then retries as after any
 * store failure). A lone answer takes the single-answer path of {@link Polls#onAnswer}.
 */
final class Answers {

  /** The most answers one task takes. */
  private static final int MAX_BATCH = 256;

  private record Answer(Poller poller, JobSnapshot snapshot, Throwable error) {}

  private final Engine engine;
  private final Queue<Answer> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  Answers(Engine engine) {
    this.engine = engine;
  }

  /** An answer came back (on the source's thread); it is taken on the storage executor. */
  void add(Poller poller, JobSnapshot snapshot, Throwable error) {
    queue.add(new Answer(poller, snapshot, error));
    if (scheduled.compareAndSet(false, true)) {
      engine.storage.execute(this::drain);
    }
  }

  private void drain() {
    scheduled.set(false);
    List<Answer> batch = new ArrayList<>();
    for (Answer next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
      batch.add(next);
    }
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      engine.storage.execute(this::drain);
    }
    if (batch.size() == 1) {
      Answer only = batch.get(0);
      engine.polls.onAnswer(only.poller(), only.snapshot(), only.error());
    } else if (!batch.isEmpty()) {
      storeAndApply(batch);
    }
  }

  /** Several answers: one store call for those that need it, then each applied in order. */
  private void storeAndApply(List<Answer> batch) {
    ProgressWrites behind = engine.behind;
    SourceException[] failures = new SourceException[batch.size()];
    int[] slot = new int[batch.size()]; // where its snapshot is in the writes; -1: no store
    List<JobSnapshot> writes = new ArrayList<>();
    List<JobSnapshot> firsts = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Answer answer = batch.get(i);
      slot[i] = -1;
      failures[i] = Polls.failureOf(answer.poller(), answer.snapshot(), answer.error());
      if (failures[i] != null
          || (behind != null && behind.decidedInMemory(answer.poller(), answer.snapshot()))) {
        continue;
      }
      JobSnapshot first = behind == null ? null : behind.takeBefore(answer.poller(),
          answer.snapshot());
      if (first != null) {
        writes.add(first); // the store decides against the progress told so far
        firsts.add(first);
      }
      slot[i] = writes.size();
      writes.add(answer.snapshot());
    }
    List<SaveResult> saved = null;
    RuntimeException storeFailure = null;
    if (!writes.isEmpty()) {
      try {
        saved = engine.store.saveAll(writes);
      } catch (RuntimeException e) {
        storeFailure = e;
      }
    }
    synchronized (engine) {
      if (storeFailure != null && behind != null) {
        firsts.forEach(behind::restore);
      }
      for (int i = 0; i < batch.size(); i++) {
        Answer answer = batch.get(i);
        if (failures[i] != null) {
          engine.polls.apply(answer.poller(), answer.snapshot(), failures[i], null, null);
        } else if (slot[i] >= 0) {
          SaveResult result = saved == null ? null : saved.get(slot[i]);
          if (behind != null && result != null) {
            behind.saved(answer.poller(), result);
          }
          engine.polls.apply(answer.poller(), answer.snapshot(), null, result, storeFailure);
        }
      }
    }
    engine.afterAnswer();
  }
}
