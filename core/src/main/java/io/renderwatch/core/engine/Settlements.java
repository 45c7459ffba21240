package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry writes that end a job's watch here, made on the storage executor once the
 * effects queued before them have run (every caller has heard of the end), so that a crash in
 * between leaves the job registered and a resume reports it again. Finishes (the job ended with
 * a result) go to the registry together, as many as are ready when the write runs
 * ({@link io.renderwatch.core.port.WatchRegistry#finishAll}); an end without a result is written
 * on its own. Every method but the writes expects the engine's lock to be held.
 */
final class Settlements {

  private final Engine engine;
  /** Writes decided whose effects have not all run yet, by job; the latest per job wins. */
  private final Map<JobId, Runnable> unsettled = new HashMap<>();
  /** Finishes whose effects have run, for the next write. */
  private final List<JobId> ready = new ArrayList<>();
  private boolean draining;

  Settlements(Engine engine) {
    this.engine = engine;
  }

  /** Removes the job's registration once the effects queued so far have run. */
  void finish(JobId id) {
    Runnable write = () -> finishAll(List.of(id));
    unsettled.put(id, write);
    engine.events.then(() -> {
      boolean drain;
      synchronized (engine) {
        if (!unsettled.remove(id, write)) {
          return; // taken by close, or replaced by a later write of the job
        }
        ready.add(id);
        drain = !draining;
        draining = true;
      }
      if (drain) {
        engine.storage.execute(this::drain);
      }
    });
  }

  /** Records, once the effects queued so far have run, why the job's watch ended here. */
  void end(JobId id, Reason reason) {
    Runnable write = () -> end(id, reason.code());
    unsettled.put(id, write);
    engine.events.then(() -> engine.storage.execute(() -> {
      Runnable mine;
      synchronized (engine) {
        mine = unsettled.remove(id, write) ? write : null;
      }
      if (mine != null) {
        mine.run();
      }
    }));
  }

  /** Takes the registry writes still waiting; the caller runs them with no lock held. */
  List<Runnable> takeUnsettled() {
    List<Runnable> waiting = new ArrayList<>(unsettled.values());
    unsettled.clear();
    if (!ready.isEmpty()) {
      List<JobId> ids = new ArrayList<>(ready);
      ready.clear();
      waiting.add(() -> finishAll(ids));
    }
    return waiting;
  }

  /** Finishes every ready job in one registry call; on the storage executor, no lock held. */
  private void drain() {
    List<JobId> ids;
    synchronized (engine) {
      ids = new ArrayList<>(ready);
      ready.clear();
      draining = false;
    }
    if (!ids.isEmpty()) {
      finishAll(ids);
    }
  }

  private void finishAll(List<JobId> ids) {
    try {
      engine.registry.finishAll(ids);
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not record the end of the watches of "
          + (ids.size() == 1 ? ids.get(0) : ids.size() + " jobs"), e);
    } finally {
      synchronized (engine) {
        ids.forEach(engine.leases::settled);
      }
    }
  }

  private void end(JobId id, String reason) {
    try {
      engine.registry.end(id, engine.owner, reason);
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not record the end of the watch of "
          + id, e);
    } finally {
      synchronized (engine) {
        engine.leases.settled(id);
      }
    }
  }
}
