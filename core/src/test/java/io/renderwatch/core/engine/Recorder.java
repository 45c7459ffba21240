package io.renderwatch.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps every event it hears, and the threads it heard them on, for assertions. */
final class Recorder implements WatchListener {
  final List<WatchEvent> events = new ArrayList<>();
  final List<Thread> threads = new ArrayList<>();

  @Override
  public synchronized void onEvent(WatchEvent event) {
    events.add(event);
    threads.add(Thread.currentThread());
  }

  /** The kinds heard, in order. */
  synchronized List<Class<?>> types() {
    return events.stream().map(Object::getClass).collect(Collectors.toList());
  }

  /** The events of one kind, in order. */
  synchronized <T extends WatchEvent> List<T> of(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast)
        .collect(Collectors.toList());
  }
}
