package io.renderwatch.core.memory;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link WatchRegistry} in memory, thread-safe; for tests and single-process embedding. */
public final class InMemoryWatchRegistry implements WatchRegistry {

  private static final class Held {
    final WatchRegistration registration;
    String owner;
    Instant leaseUntil;

    Held(WatchRegistration registration, String owner, Instant leaseUntil) {
      this.registration = registration;
      this.owner = owner;
      this.leaseUntil = leaseUntil;
    }
  }

  private final Map<JobId, Held> unfinished = new LinkedHashMap<>();

  /** An empty registry. */
  public InMemoryWatchRegistry() {}

  @Override
  public synchronized WatchRegistration register(
      WatchRegistration registration, String owner, Instant leaseUntil) {
    Objects.requireNonNull(registration, "registration == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(leaseUntil, "leaseUntil == null");
    Held held = unfinished.get(registration.jobId());
    if (held == null) {
      unfinished.put(registration.jobId(), new Held(registration, owner, leaseUntil));
      return registration;
    }
    held.owner = owner;
    held.leaseUntil = leaseUntil;
    return held.registration;
  }

  @Override
  public synchronized void finish(JobId jobId) {
    unfinished.remove(Objects.requireNonNull(jobId, "jobId == null"));
  }

  @Override
  public synchronized List<WatchRegistration> unfinished() {
    List<WatchRegistration> all = new ArrayList<>();
    for (Held held : unfinished.values()) {
      all.add(held.registration);
    }
    return all;
  }

  @Override
  public synchronized List<WatchRegistration> claim(
      String owner, Instant now, Duration lease, int max) {
    Objects.requireNonNull(owner, "owner == null");
    List<Held> claimable = new ArrayList<>();
    for (Held held : unfinished.values()) {
      if (held.owner == null || held.owner.equals(owner) || held.leaseUntil.isBefore(now)) {
        claimable.add(held);
      }
    }
    claimable.sort(Comparator.comparing(held -> held.registration.deadline()));
    List<WatchRegistration> claimed = new ArrayList<>();
    for (Held held : claimable) {
      if (claimed.size() >= max) {
        break;
      }
      held.owner = owner;
      held.leaseUntil = now.plus(lease);
      claimed.add(held.registration);
    }
    return claimed;
  }

  @Override
  public synchronized int renew(String owner, Instant now, Duration lease) {
    int count = 0;
    for (Held held : unfinished.values()) {
      if (owner.equals(held.owner)) {
        held.leaseUntil = now.plus(lease);
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized void release(String owner, JobId jobId) {
    Held held = unfinished.get(jobId);
    if (held != null && owner.equals(held.owner)) {
      held.owner = null;
      held.leaseUntil = Instant.MIN;
    }
  }
}
