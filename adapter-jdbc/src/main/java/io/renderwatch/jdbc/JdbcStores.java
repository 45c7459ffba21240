package io.renderwatch.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.port.WatchRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * Opens a database for Renderwatch's durable results and watches, migrates its schema, and hands
 * out the {@link JobStore} and {@link WatchRegistry} over it.
 *
 * <p>By default results live in an H2 file ({@link #h2File}, at {@link #defaultH2Path()}); several
 * processes share a PostgreSQL database ({@link #jdbcUrl}). Each factory fails with a
 * {@link StoreException} (or an {@link IllegalArgumentException} for an unusable argument) whose
 * message names the problem and the fix, and then has changed nothing. Close it to release the
 * connection pool it created; a caller's own {@link DataSource} is left open.
 */
public final class JdbcStores implements AutoCloseable {

  /** The databases Renderwatch can keep its results in. */
  public enum Dialect {
    /** H2 2.x, embedded: a file, or memory for tests. */
    H2(SQLDialect.H2, "H2"),
    /** PostgreSQL 12 or newer, shared by several processes. */
    POSTGRESQL(SQLDialect.POSTGRES, "PostgreSQL");

    final SQLDialect jooq;
    private final String productName;

    Dialect(SQLDialect jooq, String productName) {
      this.jooq = jooq;
      this.productName = productName;
    }
  }

  /** How many transitions of each job the history keeps (the oldest are dropped). */
  static final int HISTORY_LIMIT = 50;

  private static final Pattern MEMORY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static {
    // jOOQ prints a banner and tips on first use unless told not to (its documented switches);
    // a library should stay quiet, but a user's explicit setting wins.
    quietJooq("org.jooq.no-logo");
    quietJooq("org.jooq.no-tips");
  }

  private final HikariDataSource pool;
  private final Connection keepAlive;
  private final JdbcJobStore jobStore;
  private final JdbcWatchRegistry watchRegistry;
  private final JdbcOutputArchive outputArchive;
  private final JdbcSettings settings;
  private final JdbcArchiveClaims archiveClaims;
  private final JdbcBudgetShares budgetShares;

  private JdbcStores(HikariDataSource pool, Connection keepAlive, Database database) {
    this.pool = pool;
    this.keepAlive = keepAlive;
    this.jobStore = new JdbcJobStore(database, HISTORY_LIMIT);
    this.watchRegistry = new JdbcWatchRegistry(database);
    this.outputArchive = new JdbcOutputArchive(database);
    this.settings = new JdbcSettings(database);
    this.archiveClaims = new JdbcArchiveClaims(database);
    this.budgetShares = new JdbcBudgetShares(database);
  }

  /**
   * Where the H2 file lives by default: {@code $XDG_DATA_HOME/renderwatch/jobs}, else
   * {@code ~/.local/share/renderwatch/jobs} (H2 adds {@code .mv.db} to the file's name).
   */
  public static Path defaultH2Path() {
    return defaultH2Path(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultH2Path(Map<String, String> environment, String home) {
    String xdg = environment.get("XDG_DATA_HOME");
    // The XDG spec says to ignore a relative value.
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(home, ".local", "share");
    return base.resolve("renderwatch").resolve("jobs");
  }

  /**
   * Opens the command line's {@code --db} value: a {@code jdbc:postgresql:} URL (credentials in
   * the URL or from the driver's defaults), or else the path of an H2 file.
   */
  public static JdbcStores open(String db) {
    Objects.requireNonNull(db, "db == null");
    if (db.startsWith("jdbc:")) {
      return jdbcUrl(db, null, null);
    }
    if (db.isBlank()) {
      throw new IllegalArgumentException("The database path is empty; give an H2 file path or a"
          + " jdbc:postgresql:// URL");
    }
    return h2File(Path.of(db));
  }

  /**
   * Opens (creating if needed) the H2 file database at {@code path}, which names the file without
   * H2's {@code .mv.db} suffix. A directory it creates is readable by the owner only, and so is
   * the database file. No H2 server or console is started; a file held by another process is
   * refused with a {@link StoreException}.
   */
  public static JdbcStores h2File(Path path) {
    Objects.requireNonNull(path, "path == null");
    Path file = path.toAbsolutePath().normalize();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.endsWith(".mv.db")) {
      file = file.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
    }
    String text = file.toString();
    if (text.contains(";") || file.getFileName() == null || file.getParent() == null) {
      throw new IllegalArgumentException("Not a usable H2 database path: " + path
          + "; give a file path such as ~/.local/share/renderwatch/jobs (no ';')");
    }
    Path directory = file.getParent();
    OwnerOnlyFiles.prepareDirectory(directory);
    Path dbFile = file.resolveSibling(file.getFileName() + ".mv.db");
    if (Files.exists(dbFile) && !Files.isWritable(dbFile)) {
      throw new StoreException("The database file " + dbFile + " is not writable; fix its"
          + " permissions or choose another --db path");
    }
    // WRITE_DELAY=0: H2 writes each commit to the file before the commit returns; by default it
    // waits up to half a second, and a process killed meanwhile loses saves that had returned.
    String url = "jdbc:h2:file:" + text + h2Settings() + ";WRITE_DELAY=0";
    JdbcStores stores = open(url, null, null, Dialect.H2, dbFile.toString(), false);
    OwnerOnlyFiles.restrictToOwner(dbFile);
    return stores;
  }

  /** Opens a private in-memory H2 database of the given name that lives until closed. */
  public static JdbcStores h2InMemory(String name) {
    Objects.requireNonNull(name, "name == null");
    if (!MEMORY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("An in-memory database name is 1 to 64 letters, digits,"
          + " '_' or '-', not: " + name);
    }
    String url = "jdbc:h2:mem:" + name + h2Settings();
    return open(url, null, null, Dialect.H2, "the in-memory database " + name, true);
  }

  /**
   * Opens a PostgreSQL database by its JDBC URL ({@code jdbc:postgresql://host:port/database}).
   *
   * @param user the user, or {@code null} to take it from the URL or the driver's defaults
   * @param password the password, or {@code null}; it never appears in any message
   * @throws IllegalArgumentException for a URL of another database
   */
  public static JdbcStores jdbcUrl(String url, String user, String password) {
    Objects.requireNonNull(url, "url == null");
    if (!url.startsWith("jdbc:postgresql:")) {
      String hint = url.startsWith("jdbc:h2:")
          ? "; for H2 give the database file's path instead of a URL"
          : "";
      throw new IllegalArgumentException("Unsupported database URL " + Redaction.scheme(url)
          + "…: Renderwatch stores results in PostgreSQL (jdbc:postgresql://host:port/database)"
          + " or in an H2 file (give its path)" + hint);
    }
    return open(url, user, password, Dialect.POSTGRESQL, Redaction.url(url), false);
  }

  /**
   * Uses the caller's data source, which stays the caller's to close. For H2, open it with
   * {@code DATABASE_TO_LOWER=TRUE}.
   *
   * @throws IllegalArgumentException when the data source is not of the given dialect
   */
  public static JdbcStores dataSource(DataSource dataSource, Dialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    Objects.requireNonNull(dialect, "dialect == null");
    String description = "the given " + dialect.productName + " data source";
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new StoreException("Could not connect to " + description + ": " + e.getMessage()
          + "; check that the database is reachable", e);
    }
    if (!product.toLowerCase(Locale.ROOT).contains(dialect.productName.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("The data source is " + product + ", not "
          + dialect.productName + "; pass the dialect of the database it connects to");
    }
    Database database = new Database(Pools.dsl(dataSource, dialect), dataSource, description);
    Migrations.migrate(dataSource, database.dsl(), description);
    Pools.tune(database, dialect);
    return new JdbcStores(null, null, database);
  }

  /** The durable job results. */
  public JobStore jobStore() {
    return jobStore;
  }

  /**
   * Offers many snapshots at once, in one transaction with batched statements: the lifecycle
   * decides each, in order, exactly as {@link JobStore#save} would (a later snapshot of the same
   * job is decided against the earlier one). When this returns, every taken snapshot (a terminal
   * result too) is committed; when it throws a {@link StoreException}, none is.
   *
   * @return one result per snapshot, in the order given
   */
  public List<SaveResult> saveAll(List<JobSnapshot> snapshots) {
    return jobStore.saveAll(snapshots);
  }

  /** The registry of unfinished watches, with leases for several processes. */
  public WatchRegistry watchRegistry() {
    return watchRegistry;
  }

  /** The processes sharing the account's request budget, each with its lease (SERVE.md). */
  public io.renderwatch.core.port.BudgetShares budgetShares() {
    return budgetShares;
  }

  /** The records of archived output files (issue 15). */
  public io.renderwatch.core.archive.OutputArchive outputArchive() {
    return outputArchive;
  }

  /** Which process archives which job now, shared by every process on this database. */
  public io.renderwatch.core.archive.ArchiveClaims archiveClaims() {
    return archiveClaims;
  }

  /**
   * A value every process sharing this database agrees on: the stored one, else {@code initial}'s,
   * stored by whichever process asks first (for example {@code serve}'s default webhook secret).
   */
  public String setting(String name, java.util.function.Supplier<String> initial) {
    return settings.valueOf(name, initial);
  }

  /** Closes the connection pool this created (a caller's data source stays open). */
  @Override
  public void close() {
    try {
      if (keepAlive != null) {
        keepAlive.close();
      }
    } catch (SQLException e) {
      // Closing anyway; nothing is lost by a failed close of an idle connection.
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }

  /** Package-private for tests: the job store with its diagnostics. */
  JdbcJobStore jdbcJobStore() {
    return jobStore;
  }

  private static String h2Settings() {
    // Lower-case names as in the scripts; no trace file beside the database; wait for row locks.
    return ";DATABASE_TO_LOWER=TRUE;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";
  }

  private static JdbcStores open(String url, String user, String password, Dialect dialect,
      String description, boolean keepOpen) {
    HikariDataSource pool = Pools.pool(url, user, password, dialect, description);
    Connection keepAlive = null;
    try {
      if (keepOpen) {
        keepAlive = pool.getConnection();
      }
      Database database = new Database(Pools.dsl(pool, dialect), pool, description);
      Migrations.migrate(pool, database.dsl(), description);
      Pools.tune(database, dialect);
      return new JdbcStores(pool, keepAlive, database);
    } catch (SQLException | RuntimeException e) {
      Pools.closeQuietly(keepAlive);
      pool.close();
      if (e instanceof StoreException store) {
        throw store;
      }
      throw new StoreException("Could not open " + description + ": " + e.getMessage(), e);
    }
  }

  private static void quietJooq(String property) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, "true");
    }
  }

}
