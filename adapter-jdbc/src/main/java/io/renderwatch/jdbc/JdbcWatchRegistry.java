package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.WATCH;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.jdbc.schema.tables.records.WatchRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The {@link WatchRegistry} on the {@code watch} table: a row per registered watch, deleted when
 * the job finishes; a watch that ended without a result keeps its row with its
 * {@code ended_reason} and no owner. Claims lock the rows they take ({@code FOR UPDATE SKIP LOCKED}, so
 * concurrent claimers in several processes pass each other by; H2 2.3 supports it too) and re-check, in the update
 * itself, that each row is still free; no registration is ever held by two owners at once.
 *
 * <p>Instants are kept to the microsecond and within the years 1900 to 9999: a lease ending
 * earlier counts as long expired, a deadline later as never.
 */
final class JdbcWatchRegistry implements WatchRegistry {

  private static final int MAX_ATTEMPTS = 16;
  private static final int MAX_OWNER_LENGTH = 200;
  private static final int MAX_REASON_LENGTH = 32;
  private static final int RENEW_BATCH = 1000;
  private static final int REGISTER_BATCH = 500;

  private final Database db;

  JdbcWatchRegistry(Database db) {
    this.db = Objects.requireNonNull(db, "db == null");
  }

  @Override
  public Optional<WatchRegistration> register(WatchRegistration registration, String owner,
      Instant now, Duration lease) {
    Objects.requireNonNull(registration, "registration == null");
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    WatchRegistration fitted = new WatchRegistration(registration.jobId(),
        Instants.fit(registration.startedAt()), Instants.fit(registration.deadline()));
    Instant at = Instants.fit(now);
    Instant until = Instants.fitSum(now, lease);
    String action = "register the watch of job " + registration.jobId();
    return retrying(action, tx -> {
      int inserted = tx.insertInto(WATCH)
          .set(WATCH.JOB_ID, fitted.jobId().value())
          .set(WATCH.STARTED_AT, fitted.startedAt())
          .set(WATCH.DEADLINE, fitted.deadline())
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, until)
          .onConflict(WATCH.JOB_ID).doNothing()
          .execute();
      if (inserted == 1) {
        return Optional.of(Optional.of(fitted));
      }
      // Taken only when free, ours, ended or expired; the condition is re-checked in the update.
      int updated = tx.update(WATCH)
          .set(WATCH.STARTED_AT, fitted.startedAt())
          .set(WATCH.DEADLINE, fitted.deadline())
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, until)
          .setNull(WATCH.ENDED_REASON)
          .where(WATCH.JOB_ID.eq(fitted.jobId().value()))
          .and(WATCH.ENDED_REASON.isNotNull().or(claimable(owner, at)))
          .execute();
      if (updated == 1) {
        return Optional.of(Optional.of(fitted));
      }
      boolean exists = tx.fetchExists(tx.selectOne().from(WATCH)
          .where(WATCH.JOB_ID.eq(fitted.jobId().value())));
      // Held by another owner on a live lease: refused. Gone meanwhile: try again.
      return exists ? Optional.of(Optional.<WatchRegistration>empty()) : Optional.empty();
    });
  }

  /**
   * The new jobs' registrations are inserted in batches, one transaction per
   * {@value #REGISTER_BATCH}; a job already registered (live, ended, or another owner's) goes
   * through {@link #register} on its own, and so does every job of a batch that lost a race with
   * another writer (its transaction rolled back, nothing half-written).
   */
  @Override
  public List<Optional<WatchRegistration>> registerAll(List<WatchRegistration> registrations,
      String owner, Instant now, Duration lease) {
    Objects.requireNonNull(registrations, "registrations == null");
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    Instant until = Instants.fitSum(now, lease);
    List<Optional<WatchRegistration>> answers = new ArrayList<>(registrations.size());
    for (int from = 0; from < registrations.size(); from += REGISTER_BATCH) {
      List<WatchRegistration> chunk =
          registrations.subList(from, Math.min(registrations.size(), from + REGISTER_BATCH));
      List<WatchRegistration> fitted = new ArrayList<>(chunk.size());
      for (WatchRegistration registration : chunk) {
        Objects.requireNonNull(registration, "registrations holds null");
        fitted.add(new WatchRegistration(registration.jobId(),
            Instants.fit(registration.startedAt()), Instants.fit(registration.deadline())));
      }
      Set<UUID> inserted = NewRegistrations.insert(db, fitted, owner, until);
      for (int i = 0; i < chunk.size(); i++) {
        answers.add(inserted.remove(fitted.get(i).jobId().value())
            ? Optional.of(fitted.get(i))
            : register(chunk.get(i), owner, now, lease));
      }
    }
    return answers;
  }

  @Override
  public void finish(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId == null");
    db.run("finish the watch of job " + jobId,
        () -> db.dsl().deleteFrom(WATCH).where(WATCH.JOB_ID.eq(jobId.value())).execute());
  }

  /** One statement (and transaction) per {@value #RENEW_BATCH} jobs. */
  @Override
  public void finishAll(Collection<JobId> jobIds) {
    Objects.requireNonNull(jobIds, "jobIds == null");
    List<UUID> all = new ArrayList<>(jobIds.size());
    for (JobId id : jobIds) {
      all.add(Objects.requireNonNull(id, "jobIds holds null").value());
    }
    for (int from = 0; from < all.size(); from += RENEW_BATCH) {
      List<UUID> batch = all.subList(from, Math.min(all.size(), from + RENEW_BATCH));
      db.run("finish the watches of " + batch.size() + " jobs",
          () -> db.dsl().deleteFrom(WATCH).where(WATCH.JOB_ID.in(batch)).execute());
    }
  }

  @Override
  public void end(JobId jobId, String owner, String reason) {
    Objects.requireNonNull(jobId, "jobId == null");
    checkOwner(owner);
    Objects.requireNonNull(reason, "reason == null");
    if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException("reason must have 1 to " + MAX_REASON_LENGTH
          + " characters but had " + reason.length());
    }
    db.run("record the end of the watch of job " + jobId,
        () -> db.dsl().update(WATCH)
            .set(WATCH.ENDED_REASON, reason)
            .setNull(WATCH.OWNER)
            .setNull(WATCH.LEASE_UNTIL)
            .where(WATCH.JOB_ID.eq(jobId.value()))
            .and(WATCH.OWNER.eq(owner))
            .and(WATCH.ENDED_REASON.isNull())
            .execute());
  }

  @Override
  public List<WatchRegistration> unfinished() {
    return db.call("list the unfinished watches",
        () -> db.dsl().selectFrom(WATCH).where(WATCH.ENDED_REASON.isNull())
            .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
            .fetch(JdbcWatchRegistry::registration));
  }

  @Override
  public List<WatchRegistration> claim(String owner, Instant now, Duration lease, int max) {
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    checkMax(max);
    if (max == 0) {
      return List.of();
    }
    Instant at = Instants.fit(now);
    Instant until = Instants.fitSum(now, lease);
    Condition live = WATCH.ENDED_REASON.isNull().and(claimable(owner, at));
    return retrying("claim watches for " + owner, tx -> {
      List<UUID> ids = tx.select(WATCH.JOB_ID).from(WATCH)
          .where(live)
          .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
          .limit(max)
          .forUpdate()
          .skipLocked()
          .fetch(WATCH.JOB_ID);
      if (ids.isEmpty()) {
        return Optional.of(List.of());
      }
      tx.update(WATCH)
          .set(WATCH.OWNER, owner)
          .set(WATCH.LEASE_UNTIL, until)
          .where(WATCH.JOB_ID.in(ids))
          .and(live)
          .execute();
      return Optional.of(heldNow(tx, ids, owner, until));
    });
  }

  @Override
  public List<WatchRegistration> claimEnded(String owner, Instant now, Duration lease,
      Collection<String> reasons, int max) {
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    Objects.requireNonNull(reasons, "reasons == null");
    checkMax(max);
    if (max == 0 || reasons.isEmpty()) {
      return List.of();
    }
    Instant at = Instants.fit(now);
    Instant until = Instants.fitSum(now, lease);
    Condition ended = WATCH.ENDED_REASON.in(reasons);
    return retrying("take up ended watches for " + owner, tx -> {
      List<WatchRecord> rows = tx.selectFrom(WATCH)
          .where(ended)
          .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
          .limit(max)
          .forUpdate()
          .skipLocked()
          .fetch();
      List<UUID> ids = new ArrayList<>();
      for (WatchRecord row : rows) {
        Duration length = Duration.between(row.getStartedAt(), row.getDeadline());
        int updated = tx.update(WATCH)
            .set(WATCH.STARTED_AT, at)
            .set(WATCH.DEADLINE, Instants.fitSum(at, length))
            .set(WATCH.OWNER, owner)
            .set(WATCH.LEASE_UNTIL, until)
            .setNull(WATCH.ENDED_REASON)
            .where(WATCH.JOB_ID.eq(row.getJobId()))
            .and(ended)
            .execute();
        if (updated == 1) {
          ids.add(row.getJobId());
        }
      }
      return Optional.of(ids.isEmpty() ? List.of() : heldNow(tx, ids, owner, until));
    });
  }

  @Override
  public Set<JobId> renew(String owner, Collection<JobId> jobs, Instant now, Duration lease) {
    checkOwner(owner);
    Objects.requireNonNull(jobs, "jobs == null");
    Objects.requireNonNull(now, "now == null");
    checkLease(lease);
    Instant until = Instants.fitSum(now, lease);
    List<UUID> all = new ArrayList<>(jobs.size());
    for (JobId id : jobs) {
      all.add(id.value());
    }
    Set<JobId> held = new HashSet<>();
    for (int from = 0; from < all.size(); from += RENEW_BATCH) {
      List<UUID> batch = all.subList(from, Math.min(all.size(), from + RENEW_BATCH));
      held.addAll(db.call("renew the leases of " + owner, () -> db.dsl().transactionResult(
          tx -> {
            Condition ours = WATCH.JOB_ID.in(batch).and(WATCH.OWNER.eq(owner))
                .and(WATCH.ENDED_REASON.isNull());
            tx.dsl().update(WATCH).set(WATCH.LEASE_UNTIL, until).where(ours).execute();
            return tx.dsl().select(WATCH.JOB_ID).from(WATCH).where(ours)
                .fetch(r -> new JobId(r.value1()));
          })));
    }
    return held;
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

  private static List<WatchRegistration> heldNow(DSLContext tx, List<UUID> ids, String owner,
      Instant until) {
    return tx.selectFrom(WATCH)
        .where(WATCH.JOB_ID.in(ids))
        .and(WATCH.OWNER.eq(owner))
        .and(WATCH.LEASE_UNTIL.eq(until))
        .orderBy(WATCH.DEADLINE, WATCH.JOB_ID)
        .fetch(JdbcWatchRegistry::registration);
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

  private static void checkMax(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0 but was " + max);
    }
  }

  private static void checkLease(Duration lease) {
    Objects.requireNonNull(lease, "lease == null");
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative but was " + lease);
    }
  }
}
