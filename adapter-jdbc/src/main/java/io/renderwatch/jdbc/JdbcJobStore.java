package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.JOB;
import static io.renderwatch.jdbc.schema.Tables.JOB_TRANSITION;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.schema.tables.records.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The {@link JobStore} on the {@code job} and {@code job_transition} tables.
 *
 * <p>{@link #save} reads the stored row, lets the {@link Lifecycle} decide, and writes only with a
 * conditional statement: an insert that does nothing when the job appeared meanwhile, or an update
 * {@code WHERE job_id = ? AND version = ?}. When another writer got there first the attempt is
 * rolled back and repeated against the new row (from the second attempt on, with the row locked),
 * so nothing is ever overwritten blindly. Each taken save commits before it returns.
 */
final class JdbcJobStore implements JobStore {

  /** How many attempts a save makes before it reports contention. */
  static final int MAX_ATTEMPTS = 16;

  private final Database db;
  private final int historyLimit;

  JdbcJobStore(Database db, int historyLimit) {
    this.db = Objects.requireNonNull(db, "db == null");
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit must be >= 1 but was " + historyLimit);
    }
    this.historyLimit = historyLimit;
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    Objects.requireNonNull(id, "id == null");
    return db.call("read job " + id,
        () -> db.dsl().selectFrom(JOB).where(JOB.JOB_ID.eq(id.value())).fetchOptional()
            .map(Rows::read));
  }

  @Override
  public SaveResult save(JobSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot == null");
    String action = "save job " + snapshot.id();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      boolean lock = attempt > 1;
      Optional<SaveResult> result;
      try {
        result = db.dsl().transactionResult(tx -> attempt(tx.dsl(), snapshot, lock));
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
    throw new StoreException("Could not " + action + " in " + db.description() + ": other writers"
        + " changed it " + MAX_ATTEMPTS + " times in a row; nothing was overwritten, try again");
  }

  /** One attempt; empty when another writer changed the job first. */
  private Optional<SaveResult> attempt(DSLContext tx, JobSnapshot snapshot, boolean lock) {
    var query = tx.selectFrom(JOB).where(JOB.JOB_ID.eq(snapshot.id().value()));
    JobRecord row = lock ? query.forUpdate().fetchOne() : query.fetchOne();
    Optional<JobSnapshot> current = Optional.ofNullable(row).map(Rows::read);
    Outcome outcome = Lifecycle.decide(current.map(JobSnapshot::state), snapshot.state());
    if (!outcome.replacesCurrent()) {
      return Optional.of(new SaveResult(outcome, current.orElseThrow()));
    }
    long version;
    if (row == null) {
      version = 1;
      JobRecord fresh = tx.newRecord(JOB);
      fresh.setJobId(snapshot.id().value());
      fresh.setVersion(version);
      fresh.setFirstSeenAt(Rows.observedColumn(snapshot.observedAt()));
      Rows.write(snapshot, fresh);
      int inserted = tx.insertInto(JOB).set(fresh).onConflictDoNothing().execute();
      if (inserted == 0) {
        return Optional.empty();
      }
    } else {
      version = row.getVersion() + 1;
      JobRecord changed = tx.newRecord(JOB);
      Rows.write(snapshot, changed);
      changed.setVersion(version);
      int updated = tx.update(JOB)
          .set(Rows.stateValues(changed))
          .set(JOB.VERSION, version)
          .where(JOB.JOB_ID.eq(snapshot.id().value()))
          .and(JOB.VERSION.eq(row.getVersion()))
          .execute();
      if (updated == 0) {
        return Optional.empty();
      }
    }
    recordTransition(tx, snapshot, current, version);
    return Optional.of(new SaveResult(outcome, snapshot));
  }

  private void recordTransition(DSLContext tx, JobSnapshot snapshot,
      Optional<JobSnapshot> before, long version) {
    JobState state = snapshot.state();
    tx.insertInto(JOB_TRANSITION)
        .set(JOB_TRANSITION.JOB_ID, snapshot.id().value())
        .set(JOB_TRANSITION.VERSION, version)
        .set(JOB_TRANSITION.OBSERVED_AT, Rows.observedColumn(snapshot.observedAt()))
        .set(JOB_TRANSITION.FROM_KIND,
            before.map(s -> Rows.kind(s.state().kind())).orElse(null))
        .set(JOB_TRANSITION.TO_KIND, Rows.kind(state.kind()))
        .set(JOB_TRANSITION.PROGRESS,
            state instanceof JobState.Running running ? running.progress() : null)
        .execute();
    if (version > historyLimit) {
      tx.deleteFrom(JOB_TRANSITION)
          .where(JOB_TRANSITION.JOB_ID.eq(snapshot.id().value()))
          .and(JOB_TRANSITION.VERSION.le(version - historyLimit))
          .execute();
    }
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    Objects.requireNonNull(cursor, "cursor == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    long before = cursor.map(JdbcJobStore::parseCursor).orElse(Long.MAX_VALUE);
    List<JobRecord> rows = db.call("list jobs",
        () -> db.dsl().selectFrom(JOB).where(JOB.SEQ.lt(before)).orderBy(JOB.SEQ.desc())
            .limit(limit + 1).fetch());
    List<JobSnapshot> items = new ArrayList<>();
    for (int i = 0; i < rows.size() && i < limit; i++) {
      items.add(Rows.read(rows.get(i)));
    }
    Optional<String> next = rows.size() > limit
        ? Optional.of(Long.toString(rows.get(limit - 1).getSeq()))
        : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    Objects.requireNonNull(kind, "kind == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    return db.call("list " + Rows.kind(kind) + " jobs",
        () -> db.dsl().selectFrom(JOB).where(JOB.STATE_KIND.eq(Rows.kind(kind)))
            .orderBy(JOB.SEQ.desc()).limit(limit).fetch(Rows::read));
  }

  /** The kept transitions of one job, oldest first, for tests and diagnostics. */
  List<String> transitions(JobId id) {
    return db.call("read the history of job " + id,
        () -> db.dsl().select(JOB_TRANSITION.FROM_KIND, JOB_TRANSITION.TO_KIND,
                JOB_TRANSITION.PROGRESS, JOB_TRANSITION.VERSION)
            .from(JOB_TRANSITION)
            .where(JOB_TRANSITION.JOB_ID.eq(id.value()))
            .orderBy(JOB_TRANSITION.VERSION)
            .fetch(r -> r.value4() + ":" + r.value1() + "->" + r.value2()
                + (r.value3() == null ? "" : "@" + r.value3())));
  }

  private static long parseCursor(String cursor) {
    try {
      long value = Long.parseLong(cursor);
      if (value < 1) {
        throw new NumberFormatException("not positive");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a cursor of this store: " + cursor
          + "; pass the next() of a page this store returned", e);
    }
  }

}
