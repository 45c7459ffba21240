package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.WATCH;

import io.renderwatch.core.port.WatchRegistration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.exception.DataAccessException;

/** The batch insert behind {@link JdbcWatchRegistry#registerAll}: new jobs' rows, one transaction. */
final class NewRegistrations {

  private NewRegistrations() {}

  /**
   * Inserts, in one transaction, the registrations of the jobs that have none; returns those
   * jobs. Empty when another writer raced it (rolled back: those jobs then go one by one).
   */
  static Set<UUID> insert(Database db, List<WatchRegistration> fitted, String owner,
      Instant until) {
    List<UUID> ids = new ArrayList<>(fitted.size());
    for (WatchRegistration registration : fitted) {
      ids.add(registration.jobId().value());
    }
    try {
      return db.dsl().transactionResult(tx -> {
        Set<UUID> present = new HashSet<>(tx.dsl().select(WATCH.JOB_ID).from(WATCH)
            .where(WATCH.JOB_ID.in(ids)).fetch(WATCH.JOB_ID));
        Set<UUID> fresh = new HashSet<>();
        var batch = tx.dsl().batch(tx.dsl().insertInto(WATCH, WATCH.JOB_ID, WATCH.STARTED_AT,
            WATCH.DEADLINE, WATCH.OWNER, WATCH.LEASE_UNTIL)
            .values((UUID) null, (Instant) null, (Instant) null, (String) null, (Instant) null));
        for (WatchRegistration registration : fitted) {
          UUID id = registration.jobId().value();
          if (!present.contains(id) && fresh.add(id)) {
            batch.bind(id, registration.startedAt(), registration.deadline(), owner, until);
          }
        }
        if (!fresh.isEmpty()) {
          batch.execute();
        }
        return fresh;
      });
    } catch (DataAccessException e) {
      if (!lostRace(e)) {
        throw db.failure("register " + fitted.size() + " watches", e);
      }
      return new HashSet<>();
    }
  }

  /** Whether a failed batch lost a race: its own state, or its batch's first failure's. */
  private static boolean lostRace(DataAccessException e) {
    if (Database.isLostRace(e)) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && Database.isLostRace(sql)) {
        return true;
      }
    }
    return false;
  }
}
