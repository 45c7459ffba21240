package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.WATCH;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.jdbc.schema.tables.records.WatchRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The {@link WatchRegistry} on the {@code watch} table: a row per unfinished watch, deleted when
 * the watch finishes. Claims lock the rows they take ({@code FOR UPDATE SKIP LOCKED}, so
 * concurrent claimers in several processes pass each other by; H2 2.3 supports it too) and re-check, in the update
 * itself, that each row is still free; no registration is ever held by two owners at once.
 *
 * <p>Instants are kept to the microsecond and within the years 1900 to 9999: a lease ending
 * earlier counts as long expired, a deadline later as never.
 */
final class JdbcWatchRegistry implements WatchRegistry {

  private static final int MAX_ATTEMPTS = 16;
  private static final int MAX_OWNER_LENGTH = 200;

  private final Database db;

  JdbcWatchRegistry(Database db) {
    this.db = Objects.requireNonNull(db, "db == null");
  }

  @Override
  public WatchRegistration register(WatchRegistration registration, String owner,
      Instant leaseUntil) {
    Objects.requireNonNull(registration, "registration == null");
    checkOwner(owner);
    Objects.requireNonNull(leaseUntil, "leaseUntil == null");
    WatchRegistration fitted = new WatchRegistration(registration.jobId(),
        Instants.fit(registration.startedAt()), Instants.fit(registration.deadline()));
    Instant lease = Instants.fit(leaseUntil);
    String action = "register the watch of job " + registration.jobId();
    return retrying(action, tx -> {
      int inserted = tx.insertInto(WATCH)
          .set(WATCH.JOB_ID, fitted.jobId().value())
          .set(WATCH.STARTED_AT, fitted.startedAt())
          .set(WATCH.DEADLINE, fitted.deadline())
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, lease)
          .onConflict(WATCH.JOB_ID).doNothing()
          .execute();
      if (inserted == 1) {
        return Optional.of(fitted);
      }
      int updated = tx.update(WATCH)
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, lease)
          .where(WATCH.JOB_ID.eq(fitted.jobId().value()))
          .execute();
      if (updated == 0) {
        return Optional.empty();
      }
      return tx.selectFrom(WATCH).where(WATCH.JOB_ID.eq(fitted.jobId().value())).fetchOptional()
          .map(JdbcWatchRegistry::registration);
    });
  }

  @Override
  public void finish(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId == null");
    db.run("finish the watch of job " + jobId,
        () -> db.dsl().deleteFrom(WATCH).where(WATCH.JOB_ID.eq(jobId.value())).execute());
  }

  @Override
  public List<WatchRegistration> unfinished() {
    return db.call("list the unfinished watches",
        () -> db.dsl().selectFrom(WATCH).orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
            .fetch(JdbcWatchRegistry::registration));
  }

  @Override
  public List<WatchRegistration> claim(String owner, Instant now, Duration lease, int max) {
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0 but was " + max);
    }
    if (max == 0) {
      return List.of();
    }
    Instant at = Instants.fit(now);
    Instant until = Instants.fitSum(now, lease);
    return retrying("claim watches for " + owner, tx -> {
      var candidates = tx.select(WATCH.JOB_ID).from(WATCH)
          .where(claimable(owner, at))
          .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
          .limit(max)
          .forUpdate()
          .skipLocked();
      List<UUID> ids = candidates.fetch(WATCH.JOB_ID);
      if (ids.isEmpty()) {
        return Optional.of(List.of());
      }
      tx.update(WATCH)
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, until)
          .where(WATCH.JOB_ID.in(ids))
          .and(claimable(owner, at))
          .execute();
      return Optional.of(tx.selectFrom(WATCH)
          .where(WATCH.JOB_ID.in(ids))
          .and(WATCH.OWNER.eq(owner))
          .and(WATCH.LEASE_UNTIL.eq(until))
          .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
          .fetch(JdbcWatchRegistry::registration));
    });
  }

  @Override
  public int renew(String owner, Instant now, Duration lease) {
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    Instant until = Instants.fitSum(now, lease);
    return db.call("renew the leases of " + owner,
        () -> db.dsl().update(WATCH)
            .set(WATCH.LEASE_UNTIL, until)
            .where(WATCH.OWNER.eq(owner))
            .execute());
  }

  @Override
  public void release(String owner, JobId jobId) {
    checkOwner(owner);
    Objects.requireNonNull(jobId, "jobId == null");
    db.run("release the watch of job " + jobId,
        () -> db.dsl().update(WATCH)
            .setNull(WATCH.OWNER)
            .setNull(WATCH.LEASE_UNTIL)
            .where(WATCH.JOB_ID.eq(jobId.value()))
            .and(WATCH.OWNER.eq(owner))
            .execute());
  }

  /** Free, already the owner's, or held on a lease that ended before {@code now}. */
  private static Condition claimable(String owner, Instant now) {
    return WATCH.OWNER.isNull()
        .or(WATCH.OWNER.eq(owner))
        .or(WATCH.LEASE_UNTIL.lt(now));
  }

  private static WatchRegistration registration(WatchRecord row) {
    return new WatchRegistration(new JobId(row.getJobId()), row.getStartedAt(), row.getDeadline());
  }

  private interface Attempt<T> {
    Optional<T> run(DSLContext tx);
  }

  private <T> T retrying(String action, Attempt<T> attempt) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Optional<T> result;
      try {
        result = db.dsl().transactionResult(tx -> attempt.run(tx.dsl()));
      } catch (DataAccessException e) {
        if (!Database.isLostRace(e)) {
          throw db.failure(action, e);
        }
        result = Optional.empty();
      }
      if (result.isPresent()) {
        return result.get();
      }
    }
    throw new StoreException("Could not " + action + " in " + db.description()
        + ": other processes changed it " + MAX_ATTEMPTS + " times in a row; try again");
  }

  private static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner == null");
    if (owner.isEmpty() || owner.length() > MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException(
          "owner must have 1 to " + MAX_OWNER_LENGTH + " characters but had " + owner.length());
    }
  }

  private static void checkLease(Duration lease) {
    Objects.requireNonNull(lease, "lease == null");
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative but was " + lease);
    }
  }
}
