package io.renderwatch.core.memory;

import io.renderwatch.core.port.BudgetShares;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link BudgetShares} in memory, for engines of one process sharing a budget (and tests). */
public final class InMemoryBudgetShares implements BudgetShares {

  private final Map<String, Instant> leases = new HashMap<>();

  @Override
  public synchronized int live(String owner, Instant now, Duration lease) {
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(lease, "lease == null");
    leases.put(owner, now.plus(lease));
    leases.values().removeIf(until -> !until.isAfter(now));
    return Math.max(1, leases.size());
  }

  @Override
  public synchronized void leave(String owner) {
    leases.remove(Objects.requireNonNull(owner, "owner == null"));
  }
}
