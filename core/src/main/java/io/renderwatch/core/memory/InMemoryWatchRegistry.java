package io.renderwatch.core.memory;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A {@link WatchRegistry} in memory, thread-safe; for tests and single-process embedding. */
public final class InMemoryWatchRegistry implements WatchRegistry {

  private static final class Held {
    WatchRegistration registration;
    String owner;
    Instant leaseUntil;
    String endedFor;

    Held(WatchRegistration registration, String owner, Instant leaseUntil) {
      this.registration = registration;
      this.owner = owner;
      this.leaseUntil = leaseUntil;
    }

    boolean takeableBy(String who, Instant now) {
      return endedFor != null || owner == null || owner.equals(who) || leaseUntil.isBefore(now);
    }

    void hold(String who, Instant until) {
      owner = who;
      leaseUntil = until;
      endedFor = null;
    }
  }

  private final Map<JobId, Held> registrations = new LinkedHashMap<>();

  /** An empty registry. */
  public InMemoryWatchRegistry() {}

  @Override
  public synchronized Optional<WatchRegistration> register(WatchRegistration registration,
      String owner, Instant now, Duration lease) {
    Objects.requireNonNull(registration, "registration == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(lease, "lease == null");
    Held held = registrations.get(registration.jobId());
    if (held == null) {
      registrations.put(registration.jobId(), new Held(registration, owner, now.plus(lease)));
      return Optional.of(registration);
    }
    if (!held.takeableBy(owner, now)) {
      return Optional.empty();
    }
    held.registration = registration;
    held.hold(owner, now.plus(lease));
    return Optional.of(registration);
  }

  @Override
  public synchronized void finish(JobId jobId) {
    registrations.remove(Objects.requireNonNull(jobId, "jobId == null"));
  }

  @Override
  public synchronized void end(JobId jobId, String owner, String reason) {
    Objects.requireNonNull(reason, "reason == null");
    Held held = registrations.get(Objects.requireNonNull(jobId, "jobId == null"));
    if (held != null && held.endedFor == null && owner.equals(held.owner)) {
      held.endedFor = reason;
      held.owner = null;
      held.leaseUntil = Instant.MIN;
    }
  }

  @Override
  public synchronized List<WatchRegistration> unfinished() {
    List<WatchRegistration> all = new ArrayList<>();
    for (Held held : registrations.values()) {
      if (held.endedFor == null) {
        all.add(held.registration);
      }
    }
    all.sort(Comparator.comparing(WatchRegistration::deadline));
    return all;
  }

  @Override
  public synchronized List<WatchRegistration> claim(
      String owner, Instant now, Duration lease, int max) {
    Objects.requireNonNull(owner, "owner == null");
    List<Held> claimable = new ArrayList<>();
    for (Held held : registrations.values()) {
      if (held.endedFor == null && held.takeableBy(owner, now)) {
        claimable.add(held);
      }
    }
    return take(claimable, owner, now.plus(lease), max);
  }

  @Override
  public synchronized List<WatchRegistration> claimEnded(String owner, Instant now,
      Duration lease, Collection<String> reasons, int max) {
    Objects.requireNonNull(owner, "owner == null");
    List<Held> claimable = new ArrayList<>();
    for (Held held : registrations.values()) {
      if (held.endedFor != null && reasons.contains(held.endedFor)) {
        claimable.add(held);
      }
    }
    claimable.sort(Comparator.comparing(held -> held.registration.deadline()));
    if (claimable.size() > max) {
      claimable = new ArrayList<>(claimable.subList(0, max));
    }
    for (Held held : claimable) {
      WatchRegistration was = held.registration;
      held.registration = new WatchRegistration(was.jobId(), now,
          now.plus(Duration.between(was.startedAt(), was.deadline())));
    }
    return take(claimable, owner, now.plus(lease), max);
  }

  private static List<WatchRegistration> take(List<Held> claimable, String owner,
      Instant until, int max) {
    claimable.sort(Comparator.comparing(held -> held.registration.deadline()));
    List<WatchRegistration> claimed = new ArrayList<>();
    for (Held held : claimable) {
      if (claimed.size() >= max) {
        break;
      }
      held.hold(owner, until);
      claimed.add(held.registration);
    }
    return claimed;
  }

  @Override
  public synchronized Set<JobId> renew(String owner, Collection<JobId> jobs, Instant now,
      Duration lease) {
    Objects.requireNonNull(owner, "owner == null");
    Set<JobId> held = new HashSet<>();
    for (JobId id : jobs) {
      Held each = registrations.get(id);
      if (each != null && each.endedFor == null && owner.equals(each.owner)) {
        each.leaseUntil = now.plus(lease);
        held.add(each.registration.jobId());
      }
    }
    return held;
  }

  @Override
  public synchronized void release(String owner, JobId jobId) {
    Held held = registrations.get(jobId);
    if (held != null && owner.equals(held.owner)) {
      held.owner = null;
      held.leaseUntil = Instant.MIN;
    }
  }
}
