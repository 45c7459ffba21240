package io.renderwatch.jdbc;

import io.renderwatch.core.port.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** One opened, migrated database: how to talk to it, and how to name it in messages. */
final class Database {

  private final DSLContext dsl;
  private final DataSource dataSource;
  private final String description;

  Database(DSLContext dsl, DataSource dataSource, String description) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    this.description = Objects.requireNonNull(description, "description == null");
  }

  DSLContext dsl() {
    return dsl;
  }

  /** A pooled connection for the hot paths that run plain JDBC; the caller closes it. */
  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** What the database is, for messages: a file path or a URL without secrets. */
  String description() {
    return description;
  }

  /** Runs the work, turning a storage failure into a {@link StoreException} naming the action. */
  <T> T call(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessException e) {
      throw failure(action, e);
    }
  }

  /** Runs the work, turning a storage failure into a {@link StoreException} naming the action. */
  void run(String action, Runnable work) {
    call(action, () -> {
      work.run();
      return null;
    });
  }

  StoreException failure(String action, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new StoreException("Could not " + action + " in " + description + ": " + firstLine(why)
        + "; check that the database is reachable and not in use by an incompatible program", e);
  }

  /** Whether a failure means another writer got there first, so the work may be retried. */
  static boolean isLostRace(DataAccessException e) {
    return isLostRace(e.sqlState());
  }

  /** Whether a JDBC failure means another writer got there first, so the work may be retried. */
  static boolean isLostRace(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (isLostRace(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLostRace(String state) {
    if (state == null) {
      return false;
    }
    // 23505 unique violation (a concurrent first insert), class 40 serialization failure or
    // deadlock, H2's 90131 concurrent update.
    return state.equals("23505") || state.startsWith("40") || state.equals("90131");
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
