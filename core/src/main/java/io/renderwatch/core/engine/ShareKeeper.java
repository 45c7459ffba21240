package io.renderwatch.core.engine;

import io.renderwatch.core.port.BudgetShares;
import io.renderwatch.core.time.Scheduler;

/**
 * Keeps the engine's request budget to its share of the account's while several processes share
 * it ({@link BudgetShares}): every window it records itself as live and learns how many are,
 * and takes {@code requestsPerWindow / live} (at least 1). A smaller share applies at once; a
 * larger one only once it has held for two windows, by which time every other process has
 * refreshed and shrunk to its own share, so that together they never exceed the budget. A
 * process starts with no share at all, except when it is alone at its first look. The port is
 * called on the storage executor; the share is applied under the engine's lock.
 */
final class ShareKeeper {

  private final Engine engine;
  private final BudgetShares shares;
  private final long windowNanos;
  private Scheduler.Timer timer;
  private boolean stopped;
  private boolean refreshing;
  private boolean looked;
  private int pending = -1;
  private long pendingSince;

  ShareKeeper(Engine engine, BudgetShares shares) {
    this.engine = engine;
    this.shares = shares;
    this.windowNanos = engine.policy.window().toNanos();
  }

  /** Takes no share until the first look, which runs at once; the caller holds the lock. */
  void start() {
    engine.dispatch.limit(0);
    engine.storage.execute(this::refresh);
  }

  /**
   * Stops refreshing and leaves the shared budget at once (after polling stopped); waits for a
   * refresh under way, so that it cannot record this process again after it left.
   */
  void leave() {
    synchronized (engine) {
      stopped = true;
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
      Waits.whileBusy(engine, () -> refreshing);
    }
    try {
      shares.leave(engine.owner);
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not leave the shared request budget;"
          + " the others take it over when this process's lease runs out", e);
    }
  }

  private void refresh() {
    synchronized (engine) {
      if (stopped) {
        return;
      }
      refreshing = true;
    }
    int live = -1;
    try {
      live = shares.live(engine.owner, engine.scheduler.now(), engine.policy.lease());
    } catch (RuntimeException e) {
      Engine.LOG.log(System.Logger.Level.WARNING, "Could not refresh this process's share of"
          + " the request budget; keeping the share it has", e);
    }
    boolean changed;
    synchronized (engine) {
      refreshing = false;
      engine.notifyAll();
      if (stopped) {
        return;
      }
      changed = live > 0 && apply(live, engine.now());
      timer = engine.scheduler.schedule(engine.policy.window(),
          () -> engine.storage.execute(this::refresh));
    }
    if (changed) {
      engine.afterLock();
    }
  }

  /** Applies what a look found; returns whether the share changed. The caller holds the lock. */
  private boolean apply(int live, long now) {
    int target = Math.max(1, engine.policy.requestsPerWindow() / live);
    int current = engine.dispatch.limit();
    boolean first = !looked;
    looked = true;
    if (target <= current) {
      pending = -1;
      engine.dispatch.limit(target);
      return target < current;
    }
    if (first && live == 1) {
      engine.dispatch.limit(target);
      return true;
    }
    if (pending < 0) {
      pending = target;
      pendingSince = now;
    } else {
      pending = Math.min(pending, target);
    }
    if (now - pendingSince < 2 * windowNanos) {
      return false;
    }
    engine.dispatch.limit(pending);
    pending = -1;
    return true;
  }
}
