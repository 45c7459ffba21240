package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Schema migration: from empty, again (idempotent), and refusing what this code cannot read. */
class MigrationsTest {

  @TempDir
  static Path dir;

  /** A database that can be opened repeatedly, and a raw jOOQ handle on it. */
  interface Target {
    JdbcStores open();

    DSLContext raw();
  }

  static Stream<Arguments> targets() {
    EmbeddedPostgres.Database pg = EmbeddedPostgres.freshDatabase();
    Path h2 = dir.resolve("migrations-" + System.nanoTime()).resolve("jobs");
    return Stream.of(
        Arguments.of("H2 file", (Supplier<Target>) () -> new Target() {
          @Override
          public JdbcStores open() {
            return JdbcStores.h2File(h2);
          }

          @Override
          public DSLContext raw() {
            return DSL.using("jdbc:h2:file:" + h2 + ";DATABASE_TO_LOWER=TRUE");
          }
        }),
        Arguments.of("PostgreSQL", (Supplier<Target>) () -> new Target() {
          @Override
          public JdbcStores open() {
            return JdbcStores.jdbcUrl(pg.url(), pg.user(), pg.password());
          }

          @Override
          public DSLContext raw() {
            return DSL.using(pg.url(), pg.user(), pg.password());
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void migratesAnEmptyDatabaseThenReopensWithoutChangingIt(String name, Supplier<Target> make) {
    Target target = make.get();
    JobId id = JobId.random();
    try (JdbcStores stores = target.open()) {
      stores.jobStore().save(at(id, completed(id), 1));
    }
    try (JdbcStores again = target.open(); JdbcStores third = target.open()) {
      assertThat(again.jobStore().find(id)).contains(at(id, completed(id), 1));
      assertThat(third.jobStore().find(id)).isPresent();
    }
    DSLContext raw = target.raw();
    assertThat(raw.fetchCount(Migrations.VERSION_TABLE)).isEqualTo(Migrations.SCRIPTS.size());
    close(raw);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void refusesANewerSchemaAndTouchesNothing(String name, Supplier<Target> make) {
    Target target = make.get();
    JobId id = JobId.random();
    try (JdbcStores stores = target.open()) {
      stores.jobStore().save(at(id, completed(id), 1));
    }
    DSLContext raw = target.raw();
    raw.insertInto(Migrations.VERSION_TABLE)
        .set(Migrations.VERSION, 99)
        .set(Migrations.DESCRIPTION, "from the future")
        .set(Migrations.CHECKSUM, "0")
        .set(Migrations.INSTALLED_AT, Instant.now())
        .execute();
    int tablesBefore = raw.meta().getTables().size();

    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer than the version " + Migrations.latestVersion())
        .hasMessageContaining("upgrade Renderwatch");

    assertThat(raw.meta().getTables()).hasSize(tablesBefore);
    assertThat(raw.fetchCount(Migrations.VERSION_TABLE))
        .isEqualTo(Migrations.SCRIPTS.size() + 1);
    raw.deleteFrom(Migrations.VERSION_TABLE).where(Migrations.VERSION.eq(99)).execute();
    try (JdbcStores stores = target.open()) {
      assertThat(stores.jobStore().find(id)).isPresent();
    }
    close(raw);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void refusesASchemaMadeByADifferentScript(String name, Supplier<Target> make) {
    Target target = make.get();
    target.open().close();
    DSLContext raw = target.raw();
    raw.update(Migrations.VERSION_TABLE).set(Migrations.CHECKSUM, "edited").execute();

    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("different V1 migration");
    close(raw);
  }

  @Test
  void theRunnerKnowsEveryScriptInTheFolder() throws IOException {
    Path folder = Path.of("src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(Migrations.SCRIPTS).containsExactlyElementsOf(names);
    }
    assertThat(Migrations.scripts()).extracting(Migrations.Script::version)
        .containsExactly(1, 3);
  }

  @Test
  void splitsScriptsIntoStatementsWithoutComments() {
    List<String> statements = Migrations.statements(
        "-- a comment\ncreate table a (\n  x integer -- trailing\n);\n\ncreate index i on a (x);\n");
    assertThat(statements).hasSize(2);
    assertThat(statements.get(1)).isEqualTo("create index i on a (x)");
  }

  @Test
  void everyScriptIsValidOnAPlainH2() {
    DSLContext dsl = DSL.using("jdbc:h2:mem:plain;DATABASE_TO_LOWER=TRUE");
    Migrations.migrate(dsl, "plain H2");
    Migrations.migrate(dsl, "plain H2");
    assertThat(dsl.dialect().family()).isEqualTo(SQLDialect.H2);
    close(dsl);
  }

  private static void close(DSLContext dsl) {
    if (dsl instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
