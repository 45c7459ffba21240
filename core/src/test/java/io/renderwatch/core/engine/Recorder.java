package io.renderwatch.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps every event it hears, for assertions. */
final class Recorder implements WatchListener {
  final List<WatchEvent> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(WatchEvent event) {
    events.add(event);
  }

  synchronized List<WatchEvent.Type> types() {
    return events.stream().map(WatchEvent::type).collect(Collectors.toList());
  }

  synchronized List<WatchEvent> ofType(WatchEvent.Type type) {
    return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
  }
}
