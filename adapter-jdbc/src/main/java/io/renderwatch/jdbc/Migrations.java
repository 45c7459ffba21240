package io.renderwatch.jdbc;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.renderwatch.core.port.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * Brings a database's schema up to the version this code knows, from the scripts in
 * {@code db/migration} (Flyway's {@code V<n>__<description>.sql} naming, so Flyway could take
 * over), recording each applied script with its checksum in {@code renderwatch_schema_version}.
 *
 * <p>Idempotent: applied scripts are skipped. It refuses, touching nothing, a database whose
 * schema is newer than this code or whose applied scripts differ from this code's. On PostgreSQL
 * each script runs in one transaction with its version row, so concurrent starters do not apply a
 * script twice; on H2 (one process per file) the scripts' {@code IF NOT EXISTS} make a script
 * interrupted midway safe to run again.
 */
final class Migrations {

  /** The scripts this code knows, in order; a test checks that it matches the folder. */
  static final List<String> SCRIPTS = List.of("V1__jobs_history_and_watches.sql",
      "V3__watch_end_reason_and_cleaned_jobs.sql");

  static final Table<Record> VERSION_TABLE = table(name("renderwatch_schema_version"));
  static final Field<Integer> VERSION = field(name("version"), SQLDataType.INTEGER);
  static final Field<String> DESCRIPTION = field(name("description"), SQLDataType.VARCHAR(200));
  static final Field<String> CHECKSUM = field(name("checksum"), SQLDataType.VARCHAR(64));
  static final Field<Instant> INSTALLED_AT = field(name("installed_at"), SQLDataType.INSTANT);

  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  private static final String FOLDER = "db/migration/";

  /** One script: its version, description, statements and checksum. */
  record Script(int version, String description, List<String> statements, String checksum) {}

  private Migrations() {}

  /** The highest schema version this code knows. */
  static int latestVersion() {
    return scripts().get(scripts().size() - 1).version();
  }

  /** Migrates the database, or refuses it with a {@link StoreException}. */
  static void migrate(DSLContext dsl, String description) {
    Objects.requireNonNull(dsl, "dsl == null");
    try {
      createVersionTable(dsl);
      for (Script script : scripts()) {
        applyOnce(dsl, script, description);
      }
    } catch (DataAccessException e) {
      throw new StoreException("Could not prepare the schema of " + description + ": "
          + e.getMessage() + "; check that the database is writable by this user", e);
    }
  }

  private static void createVersionTable(DSLContext dsl) {
    for (int attempt = 1; ; attempt++) {
      try {
        dsl.createTableIfNotExists(VERSION_TABLE)
            .column(VERSION.getUnqualifiedName(), SQLDataType.INTEGER.nullable(false))
            .column(DESCRIPTION.getUnqualifiedName(), SQLDataType.VARCHAR(200).nullable(false))
            .column(CHECKSUM.getUnqualifiedName(), SQLDataType.VARCHAR(64).nullable(false))
            .column(INSTALLED_AT.getUnqualifiedName(),
                SQLDataType.TIMESTAMPWITHTIMEZONE(6).nullable(false))
            .constraints(constraint(name("pk_renderwatch_schema_version")).primaryKey(VERSION))
            .execute();
        return;
      } catch (DataAccessException e) {
        // Two processes creating it at once on PostgreSQL: the loser sees a duplicate; the
        // table exists now, so the next attempt's IF NOT EXISTS passes.
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static void applyOnce(DSLContext dsl, Script script, String description) {
    for (int attempt = 1; ; attempt++) {
      try {
        dsl.transaction(tx -> {
          DSLContext t = tx.dsl();
          checkNotNewer(t, description);
          Record applied = t.select(CHECKSUM).from(VERSION_TABLE)
              .where(VERSION.eq(script.version())).fetchOne();
          if (applied != null) {
            if (!applied.get(CHECKSUM).equals(script.checksum())) {
              throw new StoreException("The schema of " + description + " was made by a different"
                  + " V" + script.version() + " migration than this Renderwatch's; use the"
                  + " Renderwatch build that created it, or another database");
            }
            return;
          }
          // The version row first: a concurrent starter blocks on it until this commits.
          t.insertInto(VERSION_TABLE)
              .set(VERSION, script.version())
              .set(DESCRIPTION, script.description())
              .set(CHECKSUM, script.checksum())
              .set(INSTALLED_AT, Instant.now())
              .execute();
          for (String statement : script.statements()) {
            t.execute(statement);
          }
        });
        return;
      } catch (DataAccessException e) {
        if (attempt >= 3 || !Database.isLostRace(e)) {
          throw e;
        }
      }
    }
  }

  private static void checkNotNewer(DSLContext dsl, String description) {
    Integer newest = dsl.select(max(VERSION)).from(VERSION_TABLE).fetchOne(0, Integer.class);
    int known = latestVersion();
    if (newest != null && newest > known) {
      throw new StoreException("The database " + description + " has schema version " + newest
          + ", newer than the version " + known + " this Renderwatch knows; upgrade Renderwatch,"
          + " or use another database. Nothing was changed.");
    }
  }

  /** The known scripts, parsed. */
  static List<Script> scripts() {
    return Holder.SCRIPTS;
  }

  private static final class Holder {
    static final List<Script> SCRIPTS = load();
  }

  private static List<Script> load() {
    Map<Integer, Script> byVersion = new TreeMap<>();
    for (String file : SCRIPTS) {
      Matcher matcher = NAME.matcher(file);
      if (!matcher.matches()) {
        throw new IllegalStateException("Not a migration script name: " + file);
      }
      String text = read(FOLDER + file);
      int version = Integer.parseInt(matcher.group(1));
      byVersion.put(version, new Script(version, matcher.group(2).replace('_', ' '),
          statements(text), checksum(text)));
    }
    return List.copyOf(byVersion.values());
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Migration script missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script into statements: comments dropped, split at a semicolon ending a line. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return List.copyOf(statements);
  }

  private static String checksum(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
