package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema migration by Flyway: from empty, again (idempotent), taking over a database made by the
 * first runner, and refusing what this code cannot read without touching it.
 */
class MigrationsTest {

  static final Table<Record> HISTORY = table(name(Migrations.HISTORY_TABLE));

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
    assertThat(appliedVersions(raw)).containsExactlyElementsOf(scriptVersions());
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
    raw.execute("insert into " + Migrations.HISTORY_TABLE + " (installed_rank, version,"
        + " description, type, script, checksum, installed_by, execution_time, success)"
        + " values (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test',"
        + " 0, true)");
    int tablesBefore = raw.meta().getTables().size();

    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer than the version " + latest())
        .hasMessageContaining("upgrade Renderwatch");

    assertThat(raw.meta().getTables()).hasSize(tablesBefore);
    assertThat(appliedVersions(raw)).endsWith("99").hasSize(scriptVersions().size() + 1);
    raw.deleteFrom(HISTORY).where(field(name("version")).eq("99")).execute();
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
    raw.update(HISTORY).set(field(name("checksum"), Integer.class), 12345)
        .where(field(name("version")).eq("1")).execute();

    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("different V1 migration")
        .hasMessageContaining("Nothing was changed");
    close(raw);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void takesOverADatabaseMadeByTheFirstRunnerWithoutLoss(String name, Supplier<Target> make) {
    Target target = make.get();
    JobId id = JobId.random();
    DSLContext raw = firstRunnerDatabase(target, id);

    try (JdbcStores stores = target.open()) {
      assertThat(stores.jobStore().find(id)).contains(at(id, completed(id), 1));
    }
    assertThat(raw.select(field(name("version")), field(name("type"))).from(HISTORY)
        .where(field(name("version")).isNotNull()).orderBy(field(name("installed_rank")))
        .fetch().get(0).intoList())
        .as("the baseline is the first runner's newest version")
        .containsExactly(latest(), "BASELINE");
    assertThat(appliedVersions(raw)).as("nothing run again over the first runner's tables")
        .containsExactly(latest());
    assertThat(raw.fetchCount(LegacyVersions.TABLE))
        .as("the first runner's table is left as it was").isEqualTo(scriptFiles().size());
    try (JdbcStores again = target.open()) {
      assertThat(again.jobStore().find(id)).isPresent();
    }
    close(raw);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void refusesAFirstRunnerDatabaseThatIsNewerOrEditedBeforeTouchingIt(String name,
      Supplier<Target> make) {
    Target target = make.get();
    DSLContext raw = firstRunnerDatabase(target, JobId.random());
    raw.insertInto(LegacyVersions.TABLE)
        .set(LegacyVersions.VERSION, 99)
        .set(field(name("description"), String.class), "from the future")
        .set(LegacyVersions.CHECKSUM, "0")
        .set(field(name("installed_at"), java.time.OffsetDateTime.class),
            java.time.OffsetDateTime.now())
        .execute();
    int tablesBefore = raw.meta().getTables().size();

    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade Renderwatch");
    assertThat(raw.meta().getTables()).hasSize(tablesBefore);

    raw.deleteFrom(LegacyVersions.TABLE).where(LegacyVersions.VERSION.eq(99)).execute();
    raw.update(LegacyVersions.TABLE).set(LegacyVersions.CHECKSUM, "edited").execute();
    assertThatThrownBy(target::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("different V1 migration");
    assertThat(raw.meta().getTables()).hasSize(tablesBefore);
    assertThat(raw.meta().getTables()).extracting(Table::getName)
        .doesNotContain(Migrations.HISTORY_TABLE);
    close(raw);
  }

  @Test
  void twoProcessesStartingOnOneEmptyPostgresMigrateItOnce() throws Exception {
    EmbeddedPostgres.Database pg = EmbeddedPostgres.freshDatabase();
    Process first = ChildProcess.start("hold", pg.url(), pg.user());
    Process second = ChildProcess.start("hold", pg.url(), pg.user());
    try {
      assertThat(ChildProcess.output(first).readLine()).as("first child").isEqualTo("ready");
      assertThat(ChildProcess.output(second).readLine()).as("second child").isEqualTo("ready");
    } finally {
      first.getOutputStream().close();
      second.getOutputStream().close();
      first.waitFor();
      second.waitFor();
    }
    DSLContext raw = DSL.using(pg.url(), pg.user(), pg.password());
    assertThat(appliedVersions(raw)).containsExactlyElementsOf(scriptVersions());
    close(raw);
  }

  @Test
  void everyScriptIsValidOnAPlainH2() {
    DSLContext dsl = DSL.using("jdbc:h2:mem:plain;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:plain;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2, dsl, "plain H2");
    Migrations.migrate(h2, dsl, "plain H2");
    assertThat(dsl.dialect().family()).isEqualTo(SQLDialect.H2);
    assertThat(appliedVersions(dsl)).containsExactlyElementsOf(scriptVersions());
    close(dsl);
  }

  /**
   * A database as Renderwatch's first runner left it: the same tables, a job in them, its own
   * version table, and no Flyway history.
   */
  private static DSLContext firstRunnerDatabase(Target target, JobId id) {
    try (JdbcStores stores = target.open()) {
      stores.jobStore().save(at(id, completed(id), 1));
    }
    DSLContext raw = target.raw();
    raw.dropTable(HISTORY).execute();
    raw.execute("create table renderwatch_schema_version (version integer not null,"
        + " description varchar(200) not null, checksum varchar(64) not null,"
        + " installed_at timestamp(6) with time zone not null,"
        + " constraint pk_renderwatch_schema_version primary key (version))");
    for (String file : scriptFiles()) {
      raw.execute("insert into renderwatch_schema_version values ("
          + file.substring(1, file.indexOf("__")) + ", 'a script', '"
          + LegacyVersions.sha256(script(file)) + "', current_timestamp)");
    }
    return raw;
  }

  private static String script(String file) {
    try {
      return Files.readString(Path.of("src/main/resources/db/migration", file))
          .replace("\r\n", "\n");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The versions of the {@code V<n>__*.sql} scripts in the folder, in order. */
  private static List<String> scriptVersions() {
    return scriptFiles().stream().map(n -> n.substring(1, n.indexOf("__"))).toList();
  }

  /** The {@code V<n>__*.sql} scripts in the folder, in version order. */
  private static List<String> scriptFiles() {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("V\\d+__\\w+\\.sql"))
          .sorted(java.util.Comparator.comparingInt(
              n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
          .toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String latest() {
    return scriptVersions().get(scriptVersions().size() - 1);
  }

  private static List<String> appliedVersions(DSLContext raw) {
    return raw.select(field(name("version"), String.class)).from(HISTORY)
        .where(field(name("success"), Boolean.class).isTrue())
        .and(field(name("version")).isNotNull())
        .orderBy(field(name("installed_rank"))).fetch().getValues(0, String.class);
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
