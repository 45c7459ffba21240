package io.renderwatch.core.engine;

/**
 * Hears what happens to watched jobs. Called on the engine's scheduler thread (never on the
 * thread that called {@code watch}, {@code get} or {@code cancel}, nor on an HTTP or database
 * thread), one event at a time and in the order the engine decided them, with no engine lock
 * held; it must return quickly. What it throws is logged and ignored.
 */
@FunctionalInterface
public interface WatchListener {

  /** A listener that ignores everything. */
  WatchListener NONE = event -> {};

  /** Called once per event. */
  void onEvent(WatchEvent e);
}
