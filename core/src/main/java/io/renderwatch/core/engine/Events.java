package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.time.Scheduler;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's effects, in the order it decided them: listener calls, completions of callers'
 * futures, and the registry updates that must follow them. The engine queues them under its
 * lock; they run later on the scheduler's thread, one at a time, with no engine lock held
 * ({@link #kick()} after releasing the lock), so a listener never runs on a caller's thread.
 */
final class Events {

  private static final System.Logger LOG = System.getLogger(Events.class.getName());

  private final Scheduler scheduler;
  private final WatchListener global;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Object running = new Object();

  Events(Scheduler scheduler, WatchListener global) {
    this.scheduler = scheduler;
    this.global = global;
  }

  /** Tells every watch of the poller, and the global listener once. */
  void toWatchers(Poller poller, WatchEvent event) {
    boolean first = true;
    for (Handle handle : poller.handles) {
      to(handle, event, first);
      first = false;
    }
    if (first) {
      to(null, event, true);
    }
  }

  /** Tells one watch's listener, and the global listener when {@code alsoGlobal}. */
  void to(Handle handle, WatchEvent event, boolean alsoGlobal) {
    WatchListener own = handle == null ? WatchListener.NONE : handle.listener;
    if (own == WatchListener.NONE && (!alsoGlobal || global == WatchListener.NONE)) {
      return;
    }
    queue.add(() -> {
      notify(own, event);
      if (alsoGlobal) {
        notify(global, event);
      }
    });
  }

  /** Queues any other effect, after those already queued. */
  void then(Runnable effect) {
    queue.add(effect);
  }

  /** Makes sure the queued effects run soon on the scheduler's thread; call with no lock held. */
  void kick() {
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        scheduler.execute(this::drain);
      } catch (RuntimeException rejected) {
        scheduled.set(false);
        drain(); // the scheduler is shut down: run them here rather than never
      }
    }
  }

  /** Runs every queued effect now, on this thread; for closing, when the scheduler stops. */
  void drain() {
    synchronized (running) {
      scheduled.set(false);
      Runnable effect;
      while ((effect = queue.poll()) != null) {
        try {
          effect.run();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "An engine effect failed", e);
        }
      }
    }
  }

  /** The event that announces a stored or observed state, or null for none (cleaned). */
  static WatchEvent of(JobSnapshot snapshot, Instant at, Optional<Instant> eta) {
    switch (snapshot.state().kind()) {
      case QUEUED:
        return new WatchEvent.Queued(snapshot.id(), at, snapshot);
      case RUNNING:
        return new WatchEvent.Progressed(snapshot.id(), at, snapshot, eta);
      case COMPLETED:
        return new WatchEvent.Completed(snapshot.id(), at, snapshot);
      case FAILED:
        return new WatchEvent.Failed(snapshot.id(), at, snapshot);
      case UNRECOGNIZED:
        return new WatchEvent.Unrecognized(snapshot.id(), at, snapshot);
      default:
        return null;
    }
  }

  private static void notify(WatchListener listener, WatchEvent event) {
    if (listener == WatchListener.NONE) {
      return;
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "A watch listener failed on "
          + event.getClass().getSimpleName() + " of " + event.jobId(), e);
    }
  }
}
