package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.WatchRegistration;
import java.time.Instant;
import java.util.Optional;

/**
 * Watches of jobs whose lease another live process holds: that process polls the job, so this
 * engine sends it nothing on its own. It reads the shared store instead, every maximum interval,
 * until the result is there (answered from the store) or the other lease has run out (then this
 * engine registers the job, takes the lease and polls it as usual). A webhook hint still makes
 * one confirming request here. So a job given to two processes is never polled by both at once.
 */
final class Followers {

  private final Engine engine;

  Followers(Engine engine) {
    this.engine = engine;
  }

  /** Starts following the new poller; the caller holds the engine's lock. */
  void start(Poller poller, Instant deadline) {
    poller.follower = true;
    poller.latestIsStored = false;
    poller.followDeadline = deadline;
    next(poller);
  }

  /**
   * The registry gave this engine the lease of a job it follows (a claim): it polls it from now;
   * the caller holds the engine's lock.
   */
  void promote(Poller poller) {
    if (poller.follower) {
      poller.follower = false;
      poller.latestIsStored = false; // the other process wrote it: the store decides, once
      if (poller.followTimer != null) {
        poller.followTimer.cancel();
        poller.followTimer = null;
      }
      engine.dispatch.schedule(poller, engine.now());
    }
  }

  private void next(Poller poller) {
    poller.followTimer = engine.scheduler.schedule(engine.policy.maxInterval(),
        () -> engine.storage.execute(() -> look(poller)));
  }

  /** One look, on the storage executor: the store first, then the registry. */
  private void look(Poller poller) {
    synchronized (engine) {
      poller.followTimer = null;
      if (!poller.follower || poller.ended || engine.closed) {
        return;
      }
    }
    Optional<JobSnapshot> stored = Optional.empty();
    Optional<WatchRegistration> held = Optional.empty();
    try {
      stored = engine.store.find(poller.id);
      if (stored.isEmpty() || !stored.get().isTerminal()) {
        Instant now = engine.scheduler.now();
        held = engine.registry.register(new WatchRegistration(poller.id, now,
            poller.followDeadline), engine.owner, now, engine.policy.lease());
      }
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not look up job " + poller.id
          + ", which another process polls; looking again later", e);
    }
    synchronized (engine) {
      if (poller.follower && !poller.ended && !engine.closed) {
        if (stored.isPresent() && stored.get().isTerminal()) {
          engine.polls.answerFromStore(poller, stored.get());
        } else if (held.isPresent()) {
          engine.leases.hold(poller.id);
          promote(poller);
        } else {
          next(poller);
        }
      }
    }
    engine.afterLock();
  }
}
