package io.renderwatch.jdbc;

import io.renderwatch.core.port.StoreException;
import java.util.Arrays;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jooq.DSLContext;

/**
 * Brings a database's schema up to the version this code knows with Flyway, from the
 * {@code V<n>__<description>.sql} scripts in {@code db/migration} (the same ones jOOQ's code
 * generator reads), recording them in {@code renderwatch_schema_history}.
 *
 * <p>Before anything is written it refuses a database whose schema is newer than this code or
 * whose applied scripts differ from this code's. A database made by Renderwatch's first, own
 * runner ({@code renderwatch_schema_version}) is checked the same way, then taken over by a
 * Flyway baseline at its version; its data and its old table are left as they are. Flyway's
 * lock makes concurrent starters on one PostgreSQL apply each script once.
 */
final class Migrations {

  /** Flyway's history table: named for Renderwatch, so it can share a schema with others'. */
  static final String HISTORY_TABLE = "renderwatch_schema_history";

  private static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** The highest schema version among the scripts this code carries. */
  static MigrationVersion latestVersion(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(migration -> migration.getState().isResolved())
        .map(MigrationInfo::getVersion)
        .filter(Objects::nonNull)
        .max(MigrationVersion::compareTo)
        .orElseThrow(() -> new IllegalStateException(
            "No migration script in " + LOCATION + ": the jar is incomplete"));
  }

  /** Migrates the database, or refuses it, unchanged, with a {@link StoreException}. */
  static void migrate(DataSource dataSource, DSLContext dsl, String description) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    Objects.requireNonNull(dsl, "dsl == null");
    Objects.requireNonNull(description, "description == null");
    if (SchemaFingerprint.matches(dsl)) {
      return; // fully checked before with these very scripts, and the history is unchanged
    }
    try {
      Flyway flyway = flyway(dataSource);
      MigrationInfoService info = flyway.info();
      boolean fresh = Arrays.stream(info.applied()).findAny().isEmpty();
      if (fresh && LegacyVersions.exist(dsl)) {
        MigrationVersion baseline = LegacyVersions.check(dsl, info, description);
        flyway = Flyway.configure().configuration(flyway.getConfiguration())
            .baselineVersion(baseline)
            .baselineDescription("taken over from renderwatch_schema_version")
            .baselineOnMigrate(true)
            .load();
      } else if (!fresh) {
        refuseNewer(info, description);
        refuseEdited(flyway.validateWithResult(), description);
        if (upToDate(info)) {
          // Every script this code carries is applied and valid: migrate would only scan the
          // scripts and read the history a third time (a fifth of a short command's start).
          SchemaFingerprint.record(dsl);
          return;
        }
      }
      flyway.migrate();
      SchemaFingerprint.record(dsl);
    } catch (FlywayException e) {
      throw new StoreException("Could not prepare the schema of " + description + ": "
          + firstLine(e.getMessage()) + "; check that the database is writable by this user", e);
    }
  }

  /** Whether every script this code carries is applied, and none of them failed. */
  static boolean upToDate(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(migration -> migration.getState().isResolved())
        .allMatch(migration -> migration.getState().isApplied()
            && !migration.getState().isFailed());
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // Nothing applied may be missing here, whether older or newer than this code.
        .ignoreMigrationPatterns("*:pending")
        // Version numbers are handed out per feature (V3 landed before the archive's V2): a
        // database at V3 still gets a V2 that arrives later.
        .outOfOrder(true)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
  }

  private static void refuseNewer(MigrationInfoService info, String description) {
    MigrationVersion known = latestVersion(info);
    for (MigrationInfo applied : info.applied()) {
      if (applied.getState() == MigrationState.FUTURE_SUCCESS
          || applied.getState() == MigrationState.FUTURE_FAILED) {
        throw newer(description, applied.getVersion().getVersion(), known.getVersion());
      }
    }
  }

  static StoreException newer(String description, String version, String known) {
    return new StoreException("The database " + description + " has schema version " + version
        + ", newer than the version " + known + " this Renderwatch knows; upgrade Renderwatch,"
        + " or use another database. Nothing was changed.");
  }

  static StoreException edited(String description, String version) {
    return new StoreException("The schema of " + description + " was made by a different V"
        + version + " migration than this Renderwatch's; use the Renderwatch build that created"
        + " it, or another database. Nothing was changed.");
  }

  private static void refuseEdited(ValidateResult result, String description) {
    if (result.validationSuccessful) {
      return;
    }
    for (ValidateOutput invalid : result.invalidMigrations) {
      ErrorCode code = invalid.errorDetails == null ? null : invalid.errorDetails.errorCode;
      if (code != null && code.toString().contains("CHECKSUM")) {
        throw edited(description, invalid.version);
      }
    }
    throw new StoreException("The schema of " + description + " does not match this"
        + " Renderwatch's migrations: " + firstLine(result.getAllErrorMessages())
        + "; use the Renderwatch build that created it, or another database. Nothing was changed.");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown failure";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
