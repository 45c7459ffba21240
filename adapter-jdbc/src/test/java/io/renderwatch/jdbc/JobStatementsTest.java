package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rendered statements bind exactly the values their binders supply, in both dialects. */
class JobStatementsTest {

  @ParameterizedTest
  @EnumSource(value = SQLDialect.class, names = {"H2", "POSTGRES"})
  void everyStatementHasOnePlaceholderPerBoundValue(SQLDialect dialect) {
    JobStatements sql = new JobStatements(DSL.using(dialect, new Settings()
        .withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.NEVER)));

    assertThat(placeholders(sql.find)).isEqualTo(1);
    assertThat(placeholders(sql.insert)).isEqualTo(JobColumns.COLUMNS.size());
    assertThat(placeholders(sql.update)).isEqualTo(JobColumns.STATE_COLUMNS.size() + 3);
    assertThat(placeholders(sql.insertTransition)).isEqualTo(6);
    assertThat(placeholders(sql.trimTransitions)).isEqualTo(2);
    assertThat(placeholders(sql.findAll(7, false))).isEqualTo(7);
    assertThat(sql.findAll(7, true)).containsIgnoringCase("for update");
    assertThat(sql.findAll(7, true)).isSameAs(sql.findAll(7, true));
    assertThat(sql.update).containsIgnoringCase("where").contains("version");
  }

  private static long placeholders(String statement) {
    return statement.chars().filter(c -> c == '?').count();
  }
}
