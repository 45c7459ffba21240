package io.renderwatch.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.JdbcStores.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The connection pool, jOOQ's context and the per-dialect tuning behind {@link JdbcStores}, and
 * the one clear message for a database that cannot be opened.
 */
final class Pools {

  private static final int POOL_SIZE = 8;
  /** H2's error code for a database file held by another process. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private Pools() {}

  /** A pool of connections to {@code url}, failing with a message that names the fix. */
  static HikariDataSource pool(String url, String user, String password, Dialect dialect,
      String description) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName("renderwatch-" + dialect.name().toLowerCase(Locale.ROOT));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(1);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw openFailure(description, e);
    } catch (RuntimeException e) {
      throw new StoreException("Could not open " + description + ": " + e.getMessage(), e);
    }
  }

  /**
   * H2 only: hands out {@code job.seq} values 4,096 at a time instead of 32. H2 writes its
   * sequence state with a commit of its own (a whole file store under WRITE_DELAY=0) each time
   * the cached values run out, which was a quarter of the cost of a batched save. H2 allocates
   * from one in-process sequence, so values still follow insertion order; a crash only leaves a
   * gap. PostgreSQL keeps its default: its cache is per session and would break that order.
   * jOOQ's DSL cannot set an identity column's sequence cache, so this is the adapter's one
   * statement written as text; it is H2's own syntax and runs on H2 only.
   */
  static void tune(Database database, Dialect dialect) {
    if (dialect == Dialect.H2) {
      database.run("tune the database", () -> database.dsl()
          .execute("alter table job alter column seq set cache 4096"));
    }
  }

  private static StoreException openFailure(String description, RuntimeException e) {
    SQLException sql = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        sql = s;
        break;
      }
    }
    if (sql != null && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
      return new StoreException("The database " + description + " is in use by another process;"
          + " stop that process, or pass another --db path", e);
    }
    String why = sql == null ? String.valueOf(e.getMessage()) : sql.getMessage();
    int newline = why.indexOf('\n');
    return new StoreException("Could not open " + description + ": "
        + (newline < 0 ? why : why.substring(0, newline))
        + "; check the location, that the server runs, and the credentials", e);
  }

  static DSLContext dsl(DataSource dataSource, Dialect dialect) {
    Settings settings = new Settings()
        .withRenderSchema(false)
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withExecuteLogging(false)
        .withRenderFormatted(false);
    return DSL.using(dataSource, dialect.jooq, settings);
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already failing; the original error matters.
      }
    }
  }
}
