package io.renderwatch.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Settings shared by every process on the database, each written once by the first to ask. */
final class JdbcSettings {

  private static final Table<Record> SETTING = table(name("service_setting"));
  private static final Field<String> NAME = field(name("setting_name"), SQLDataType.VARCHAR(64));
  private static final Field<String> VALUE = field(name("setting_value"), SQLDataType.VARCHAR(400));

  private final Database database;

  JdbcSettings(Database database) {
    this.database = database;
  }

  /** The stored value, or {@code initial}'s, stored first if no process stored one yet. */
  String valueOf(String setting, Supplier<String> initial) {
    Objects.requireNonNull(setting, "setting == null");
    return database.call("read the setting " + setting, () -> {
      String stored = database.dsl().select(VALUE).from(SETTING).where(NAME.eq(setting))
          .fetchOne(VALUE);
      if (stored != null) {
        return stored;
      }
      try {
        database.dsl().insertInto(SETTING, NAME, VALUE).values(setting, initial.get()).execute();
      } catch (org.jooq.exception.IntegrityConstraintViolationException anotherWasFirst) {
        // Another process stored its value between the read and the insert: that one holds.
      }
      return database.dsl().select(VALUE).from(SETTING).where(NAME.eq(setting)).fetchOne(VALUE);
    });
  }
}
