package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.JOB;
import static io.renderwatch.jdbc.schema.Tables.JOB_TRANSITION;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The hot paths' statements, built with jOOQ from the generated schema and rendered once for the
 * database's dialect, then run over plain JDBC: rendering a query on every call cost more than
 * the database took to run it, and a fixed text lets the driver's statement cache recognise it.
 * Bind order is the order of {@link JobColumns}' binders.
 */
final class JobStatements {

  /** One job by its id. */
  final String find;
  /** A new job row (every column of {@link JobColumns#COLUMNS}). */
  final String insert;
  /** A changed job row: state columns, new version, key, and the version read. */
  final String update;
  /** One kept transition: job, version, observed-at, from, to, progress. */
  final String insertTransition;
  /** Drops a job's transitions up to a version. */
  final String trimTransitions;

  private final DSLContext dsl;
  private final Map<Integer, String> findAll = new ConcurrentHashMap<>();
  private final Map<Integer, String> findAllLocked = new ConcurrentHashMap<>();

  JobStatements(DSLContext context) {
    // No casts around the placeholders: the binders pass values of the right JDBC types.
    // (A copy of the settings: jOOQ's with-methods change the object they are called on.)
    Settings settings = (Settings) context.settings().clone();
    DSLContext dsl = DSL.using(context.configuration().derive(
        settings.withParamCastMode(ParamCastMode.NEVER)));
    this.dsl = dsl;
    this.find = render(dsl.select(JobColumns.COLUMNS).from(JOB)
        .where(JOB.JOB_ID.eq(param(JOB.JOB_ID))));
    List<Param<?>> values = new ArrayList<>();
    for (Field<?> column : JobColumns.COLUMNS) {
      values.add(param(column));
    }
    this.insert = render(dsl.insertInto(JOB).columns(JobColumns.COLUMNS).values(values));
    Map<Field<?>, Param<?>> state = new LinkedHashMap<>();
    for (Field<?> column : JobColumns.STATE_COLUMNS) {
      state.put(column, param(column));
    }
    this.update = render(dsl.update(JOB).set(state)
        .set(JOB.VERSION, param(JOB.VERSION))
        .where(JOB.JOB_ID.eq(param(JOB.JOB_ID)))
        .and(JOB.VERSION.eq(param(JOB.VERSION))));
    this.insertTransition = render(dsl.insertInto(JOB_TRANSITION,
            JOB_TRANSITION.JOB_ID, JOB_TRANSITION.VERSION, JOB_TRANSITION.OBSERVED_AT,
            JOB_TRANSITION.FROM_KIND, JOB_TRANSITION.TO_KIND, JOB_TRANSITION.PROGRESS)
        .values(param(JOB_TRANSITION.JOB_ID), param(JOB_TRANSITION.VERSION),
            param(JOB_TRANSITION.OBSERVED_AT), param(JOB_TRANSITION.FROM_KIND),
            param(JOB_TRANSITION.TO_KIND), param(JOB_TRANSITION.PROGRESS)));
    this.trimTransitions = render(dsl.deleteFrom(JOB_TRANSITION)
        .where(JOB_TRANSITION.JOB_ID.eq(param(JOB_TRANSITION.JOB_ID)))
        .and(JOB_TRANSITION.VERSION.le(param(JOB_TRANSITION.VERSION))));
  }

  /** The jobs with {@code count} ids ({@code job_id in (...)}), locked for update when asked. */
  String findAll(int count, boolean lock) {
    return (lock ? findAllLocked : findAll).computeIfAbsent(count, n -> {
      List<Param<?>> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(param(JOB.JOB_ID));
      }
      var select = dsl.select(JobColumns.COLUMNS).from(JOB).where(JOB.JOB_ID.in(ids));
      return render(lock ? select.forUpdate() : select);
    });
  }

  private String render(Query query) {
    return dsl.render(query);
  }

  private static <T> Param<T> param(Field<T> column) {
    return DSL.param(column.getName(), column);
  }
}
