package io.renderwatch.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The version table of Renderwatch's first migration runner ({@code renderwatch_schema_version}:
 * one row per applied script with the SHA-256 of its text), read to hand such a database over to
 * Flyway: its scripts must be this code's, and none newer.
 */
final class LegacyVersions {

  static final Table<Record> TABLE = table(name("renderwatch_schema_version"));
  static final Field<Integer> VERSION = field(name("version"), SQLDataType.INTEGER);
  static final Field<String> CHECKSUM = field(name("checksum"), SQLDataType.VARCHAR(64));

  private LegacyVersions() {}

  /** Whether the database has the first runner's version table. */
  static boolean exist(DSLContext dsl) {
    return dsl.meta().getTables().stream()
        .anyMatch(t -> t.getName().equalsIgnoreCase(TABLE.getName()));
  }

  /**
   * Checks the first runner's record against this code's scripts.
   *
   * @return the version to baseline Flyway at
   * @throws io.renderwatch.core.port.StoreException when a script differs or is newer
   */
  static MigrationVersion check(DSLContext dsl, MigrationInfoService info, String description) {
    Map<Integer, String> applied = new TreeMap<>();
    dsl.select(VERSION, CHECKSUM).from(TABLE)
        .forEach(r -> applied.put(r.get(VERSION), r.get(CHECKSUM)));
    MigrationVersion known = Migrations.latestVersion(info);
    Map<MigrationVersion, String> scripts = new TreeMap<>();
    for (MigrationInfo migration : info.all()) {
      if (migration.getState().isResolved() && migration.getVersion() != null
          && migration.getScript() != null) {
        scripts.put(migration.getVersion(), migration.getScript());
      }
    }
    int newest = 0;
    for (Map.Entry<Integer, String> row : applied.entrySet()) {
      MigrationVersion version = MigrationVersion.fromVersion(String.valueOf(row.getKey()));
      if (version.isNewerThan(known.getVersion())) {
        throw Migrations.newer(description, version.getVersion(), known.getVersion());
      }
      String script = scripts.get(version);
      if (script == null || !sha256(read(script)).equals(row.getValue())) {
        throw Migrations.edited(description, version.getVersion());
      }
      newest = Math.max(newest, row.getKey());
    }
    return MigrationVersion.fromVersion(String.valueOf(newest));
  }

  private static String read(String script) {
    String resource = "db/migration/" + script;
    try (InputStream in = LegacyVersions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Migration script missing from the jar: " + resource);
      }
      // The first runner hashed the text with Unix line ends.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
