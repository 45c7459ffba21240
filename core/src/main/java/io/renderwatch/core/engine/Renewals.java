package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.time.Scheduler;
import java.util.List;
import java.util.Set;

/**
 * Keeps the engine's leases: renews every lease it holds each third of a lease, one renewal at a
 * time however slow the registry, and stops polling (saying so) the jobs another process took
 * over meanwhile. Its fields are guarded by the engine's lock.
 */
final class Renewals {

  private final Engine engine;
  private Scheduler.Timer renewTimer;
  private boolean renewing;

  Renewals(Engine engine) {
    this.engine = engine;
  }

  /** Schedules the next renewal unless one is scheduled or under way; under the engine's lock. */
  void ensure() {
    if (renewTimer == null && !renewing && !engine.closed) {
      renewTimer = engine.scheduler.schedule(engine.policy.lease().dividedBy(3),
          () -> engine.storage.execute(this::renew));
    }
  }

  private void renew() {
    Set<JobId> before;
    synchronized (engine) {
      renewTimer = null;
      if (engine.closed || !engine.leases.any()) {
        return;
      }
      before = engine.leases.held();
      renewing = true; // one renewal at a time, however slow the registry
    }
    Set<JobId> stillHeld = null;
    try {
      stillHeld = engine.registry.renew(engine.owner, before, engine.scheduler.now(),
          engine.policy.lease());
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not renew the watch leases", e);
    }
    synchronized (engine) {
      renewing = false;
      if (stillHeld != null) {
        List<JobId> lost = engine.leases.lost(before, stillHeld);
        if (!lost.isEmpty()) {
          Engine.LOG.log(System.Logger.Level.WARNING, "Lost the lease of " + lost.size()
              + " watched job(s) to another process; stopped polling them here: " + lost);
          for (JobId id : lost) {
            Poller poller = engine.pollers.get(id);
            if (poller != null && !poller.ended) {
              engine.polls.endJob(poller, Reason.LEASE_LOST,
                  "Another process took over this watch", null);
            }
          }
        }
      }
      ensure();
    }
    engine.afterLock();
  }

  /** Stops renewing (closing); under the engine's lock. */
  void cancel() {
    if (renewTimer != null) {
      renewTimer.cancel();
      renewTimer = null;
    }
  }
}
