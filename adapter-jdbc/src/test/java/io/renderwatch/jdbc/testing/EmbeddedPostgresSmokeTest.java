package io.renderwatch.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresSmokeTest {
  @Test
  void startsAndServesAFreshDatabase() throws Exception {
    EmbeddedPostgres.Database db = EmbeddedPostgres.freshDatabase();
    try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
        var rs = c.createStatement().executeQuery("select version()")) {
      assertThat(rs.next()).isTrue();
      System.out.println(rs.getString(1));
    }
  }
}
