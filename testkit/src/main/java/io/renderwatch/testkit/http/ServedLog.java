package io.renderwatch.testkit.http;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent served requests, in the order they were answered, up to a capacity. */
final class ServedLog {

  private final int capacity;
  private final ArrayDeque<ServedRequest> entries = new ArrayDeque<>();

  ServedLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
    }
    this.capacity = capacity;
  }

  synchronized void add(ServedRequest entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  synchronized List<ServedRequest> snapshot() {
    return List.copyOf(entries);
  }
}
