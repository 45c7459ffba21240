package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.WatchRegistration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes registered watches up for an engine (resume, take-over): the registry's claims and the
 * store's lookups outside the lock, then, under it, starts each one that did not end here
 * meanwhile and is not already watched here.
 */
final class Claims {

  private final Engine engine;

  Claims(Engine engine) {
    this.engine = engine;
  }

  /**
   * Claims registrations and starts them: live ones (free, own or expired), and when
   * {@code alsoFixable} those that ended for a reason a person can fix, each once.
   */
  List<JobWatch> claim(WatchListener listener, boolean alsoFixable) {
    Engine e = engine;
    long mark;
    synchronized (e) {
      if (e.closed) {
        return List.of();
      }
      mark = e.leases.mark();
    }
    List<JobWatch> started;
    try {
      Instant now = e.scheduler.now();
      List<WatchRegistration> claimed =
          new ArrayList<>(e.registry.claim(e.owner, now, e.policy.lease(), Integer.MAX_VALUE));
      if (alsoFixable) {
        List<String> fixable = new ArrayList<>();
        for (Reason reason : Reason.values()) {
          if (reason.fixable()) {
            fixable.add(reason.code());
          }
        }
        claimed.addAll(e.registry.claimEnded(e.owner, now, e.policy.lease(), fixable,
            Integer.MAX_VALUE));
      }
      Map<JobId, Optional<JobSnapshot>> stored = new HashMap<>();
      for (WatchRegistration registration : claimed) {
        stored.put(registration.jobId(), e.store.find(registration.jobId()));
      }
      started = new ArrayList<>();
      synchronized (e) {
        for (WatchRegistration registration : claimed) {
          JobId id = registration.jobId();
          Poller poller = e.pollers.get(id);
          boolean watched = poller != null && !poller.handles.isEmpty();
          if (watched) {
            e.leases.hold(id);
            e.followers.promote(poller); // followed here until now: polled here from now
            continue;
          }
          if (e.leases.endedSince(id, mark)) {
            continue; // ended here while claiming: its end is being written
          }
          if (e.closed) {
            e.storage.execute(() -> e.registry.release(e.owner, id));
            continue;
          }
          JobSnapshot known = stored.get(id).orElse(null);
          if (known != null && known.isTerminal()) {
            started.add(e.answeredLocked(id, listener, known));
            continue;
          }
          started.add(e.attach(id, listener, registration.deadline(), known, true));
        }
      }
    } finally {
      synchronized (e) {
        e.leases.unmark();
      }
    }
    e.afterLock();
    return started;
  }
}
