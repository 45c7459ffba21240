package io.renderwatch.core.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The processes that share one account's request budget, each recorded with a lease, so that
 * each takes an equal share: a process that stops {@linkplain #leave leaves} at once, one that
 * dies stops counting when its lease runs out. Implementations are thread-safe; storage failures
 * surface as {@link StoreException}. Times are passed in so that callers on a virtual clock get
 * exact behaviour.
 */
public interface BudgetShares {

  /**
   * Records {@code owner} as live until {@code now + lease} and answers how many processes are
   * live at {@code now} (their lease ends after it), {@code owner} included: at least 1.
   */
  int live(String owner, Instant now, Duration lease);

  /** Forgets {@code owner} at once: it stopped sending requests. */
  void leave(String owner);
}
