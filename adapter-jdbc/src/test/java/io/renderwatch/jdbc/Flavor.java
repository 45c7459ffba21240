package io.renderwatch.jdbc;

import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The three databases every test runs on, each opened fresh and empty. */
enum Flavor {
  H2_FILE {
    @Override
    JdbcStores openFresh() {
      try {
        // Under target/, so that "mvn clean" removes what the tests leave.
        Path base = Files.createDirectories(Path.of("target", "h2-tests"));
        Path dir = Files.createTempDirectory(base, "h2-");
        return JdbcStores.h2File(dir.resolve("db").resolve("jobs"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },
  H2_MEMORY {
    @Override
    JdbcStores openFresh() {
      return JdbcStores.h2InMemory("test-" + COUNTER.incrementAndGet());
    }
  },
  POSTGRESQL {
    @Override
    JdbcStores openFresh() {
      EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
      return JdbcStores.jdbcUrl(db.url(), db.user(), db.password());
    }
  };

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Opens a new, empty, migrated database of this flavour. */
  abstract JdbcStores openFresh();
}
