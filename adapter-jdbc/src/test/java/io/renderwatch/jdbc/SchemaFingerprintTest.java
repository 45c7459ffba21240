package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The quick start: recognised after a full check, and never once the history has changed. */
class SchemaFingerprintTest {

  @Test
  void aDatabaseCheckedWithTheseScriptsIsRecognisedUntilItsHistoryChanges() throws Exception {
    assertThat(SchemaFingerprint.scripts()).as("the scripts are listed and hashed").isPresent();
    try (JdbcStores stores = JdbcStores.h2InMemory("fingerprint");
        Connection raw = DriverManager.getConnection("jdbc:h2:mem:fingerprint;"
            + "DATABASE_TO_LOWER=TRUE;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000")) {
      DSLContext dsl = DSL.using(raw, SQLDialect.H2,
          new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
      assertThat(SchemaFingerprint.matches(dsl)).as("after a full check").isTrue();

      try (Statement statement = raw.createStatement()) {
        statement.execute("update " + Migrations.HISTORY_TABLE + " set checksum = 1"
            + " where version = '1'");
      }
      assertThat(SchemaFingerprint.matches(dsl)).as("the history changed").isFalse();
    }
  }
}
