package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.LIVE_INSTANCE;

import io.renderwatch.core.port.BudgetShares;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link BudgetShares} on the {@code live_instance} table: a row per process with the end of
 * its lease. Each look renews the caller's row (inserting it the first time) and counts the rows
 * whose lease ends after now, in two statements: of two processes joining at once, the second to
 * count always sees the first.
 */
final class JdbcBudgetShares implements BudgetShares {

  private static final int MAX_OWNER_LENGTH = 200;

  private final Database db;

  JdbcBudgetShares(Database db) {
    this.db = Objects.requireNonNull(db, "db == null");
  }

  @Override
  public int live(String owner, Instant now, Duration lease) {
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive but was " + lease);
    }
    Instant at = Instants.fit(now);
    Instant until = Instants.fitSum(now, lease);
    return db.call("record this process's share of the request budget", () -> {
      db.dsl().insertInto(LIVE_INSTANCE)
          .set(LIVE_INSTANCE.OWNER, owner)
          .set(LIVE_INSTANCE.LEASE_UNTIL, until)
          .onConflict(LIVE_INSTANCE.OWNER).doUpdate()
          .set(LIVE_INSTANCE.LEASE_UNTIL, until)
          .execute();
      int live = db.dsl().fetchCount(LIVE_INSTANCE, LIVE_INSTANCE.LEASE_UNTIL.gt(at));
      return Math.max(1, live);
    });
  }

  @Override
  public void leave(String owner) {
    checkOwner(owner);
    db.run("leave the shared request budget",
        () -> db.dsl().deleteFrom(LIVE_INSTANCE).where(LIVE_INSTANCE.OWNER.eq(owner)).execute());
  }

  private static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner == null");
    if (owner.isEmpty() || owner.length() > MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException("owner must have 1 to " + MAX_OWNER_LENGTH
          + " characters but had " + owner.length());
    }
  }
}
