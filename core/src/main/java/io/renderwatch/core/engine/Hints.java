package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * Callbacks for an engine ({@link RenderWatch#hint}): one confirming poll through the budget,
 * shared with a poll already due or in flight, and what the callback tells {@link CallbackTrust}
 * about whether the account's callbacks arrive.
 */
final class Hints {

  private final Engine engine;

  Hints(Engine engine) {
    this.engine = engine;
  }

  JobWatch hint(JobId id) {
    Optional<JobSnapshot> stored = engine.store.find(id);
    if (stored.isPresent() && stored.get().isTerminal()) {
      synchronized (engine) {
        engine.trust.hintedAfterEnd(id, engine.now());
      }
      return engine.answered(id, WatchListener.NONE, stored.get());
    }
    JobWatch handle = null;
    synchronized (engine) {
      Poller poller = engine.pollers.get(id);
      if (poller != null && !poller.handles.isEmpty() && !engine.closed) {
        Instant deadline = engine.scheduler.now().plus(engine.policy.defaultTimeout());
        handle = engine.attach(id, WatchListener.NONE, deadline, null, false);
        confirmSoon(poller);
      }
    }
    if (handle == null) {
      handle = engine.watch(id, WatchOptions.defaults(), WatchListener.NONE);
      synchronized (engine) {
        Poller poller = engine.pollers.get(id);
        if (poller != null && !engine.closed) {
          confirmSoon(poller);
        }
      }
    }
    engine.afterLock();
    return handle;
  }

  /** Brings the job's poll forward for a callback, and marks it as the callback's. */
  private void confirmSoon(Poller poller) {
    poller.hinted = true;
    engine.dispatch.pollSoon(poller, engine.now());
  }
}
