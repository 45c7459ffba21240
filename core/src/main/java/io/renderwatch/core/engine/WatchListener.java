package io.renderwatch.core.engine;

/**
 * Hears what happens to watched jobs. Called on the engine's thread, one event at a time and in
 * order; it must return quickly. What it throws is logged and ignored.
 */
@FunctionalInterface
public interface WatchListener {

  /** A listener that ignores everything. */
  WatchListener NONE = event -> {};

  /** Called once per event. */
  void onEvent(WatchEvent event);
}
