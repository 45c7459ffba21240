package io.renderwatch.core.memory;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link JobStore} in memory: thread-safe, lock-free per job, lost when the process ends. For
 * tests and for embedding without a database.
 */
public final class InMemoryJobStore implements JobStore {

  /** The latest snapshot and the order in which the job was first stored. */
  private record Entry(JobSnapshot snapshot, long sequence) {}

  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparingLong(Entry::sequence).reversed();

  private final ConcurrentHashMap<JobId, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /** An empty store. */
  public InMemoryJobStore() {}

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    Objects.requireNonNull(id, "id == null");
    Entry entry = entries.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.snapshot());
  }

  @Override
  public SaveResult save(JobSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot == null");
    Outcome[] outcome = new Outcome[1];
    Entry after =
        entries.compute(
            snapshot.id(),
            (id, before) -> {
              outcome[0] = Lifecycle.decide(before == null ? null : before.snapshot().state(),
                  snapshot.state());
              if (!outcome[0].replacesCurrent()) {
                return before;
              }
              long order = before == null ? sequence.incrementAndGet() : before.sequence();
              return new Entry(snapshot, order);
            });
    return new SaveResult(outcome[0], after.snapshot());
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    long before = cursor.map(InMemoryJobStore::parseCursor).orElse(Long.MAX_VALUE);
    List<Entry> sorted = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.sequence() < before) {
        sorted.add(entry);
      }
    }
    sorted.sort(NEWEST_FIRST);
    List<JobSnapshot> items = new ArrayList<>();
    for (int i = 0; i < sorted.size() && i < limit; i++) {
      items.add(sorted.get(i).snapshot());
    }
    Optional<String> next =
        sorted.size() > limit
            ? Optional.of(Long.toString(sorted.get(limit - 1).sequence()))
            : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    Objects.requireNonNull(kind, "kind == null");
    return entries.values().stream()
        .filter(entry -> entry.snapshot().state().kind() == kind)
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .map(Entry::snapshot)
        .toList();
  }

  private static long parseCursor(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a cursor of this store: " + cursor, e);
    }
  }
}
