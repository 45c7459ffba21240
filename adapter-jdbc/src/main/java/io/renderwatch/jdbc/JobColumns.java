package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.JOB;

import io.renderwatch.jdbc.schema.tables.records.JobRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;

/**
 * The {@code job} table's columns for the hot paths that run plain JDBC (find, save, batched
 * saves), in the order {@link JobStatements} renders them, and the moves between a
 * {@link JobRecord} and JDBC.
 */
final class JobColumns {

  /** Every column of {@code job} but {@code seq}, in the order the statements use. */
  static final List<Field<?>> COLUMNS = List.of(JOB.JOB_ID, JOB.VERSION, JOB.STATE_KIND,
      JOB.PROGRESS, JOB.MESSAGE, JOB.RENDER_STATE, JOB.STATUS_TEXT, JOB.ERROR_CODE,
      JOB.ERROR_MESSAGE, JOB.VIDEO_URL, JOB.VIDEO_SHARE_URL, JOB.VIDEO_EMBED_URL, JOB.AUDIO_URL,
      JOB.THUMBNAIL_URL, JOB.SRT_FILE_URL, JOB.TXT_FILE_URL, JOB.VTT_FILE_URL,
      JOB.VIDEO_DURATION_NANOS, JOB.ENCODING_DURATION_NANOS, JOB.RAW_PAYLOAD, JOB.FIRST_SEEN_AT,
      JOB.LAST_OBSERVED_AT, JOB.LAST_OBSERVED_NANO, JOB.COMPLETED_AT);

  /** The columns an update replaces: all but the key, the version and the first sighting. */
  static final List<Field<?>> STATE_COLUMNS = COLUMNS.stream()
      .filter(c -> c != JOB.JOB_ID && c != JOB.VERSION && c != JOB.FIRST_SEEN_AT)
      .toList();

  private JobColumns() {}

  /** Reads the current row of the result set, whose columns are {@link #COLUMNS}. */
  static JobRecord read(ResultSet rs) throws SQLException {
    JobRecord row = new JobRecord();
    for (int i = 0; i < COLUMNS.size(); i++) {
      set(row, COLUMNS.get(i), rs, i + 1);
    }
    row.changed(false);
    return row;
  }

  /** Binds every column of the row, in the order of {@link JobStatements#insert}. */
  static void bindInsert(PreparedStatement ps, JobRecord row) throws SQLException {
    int index = 1;
    for (Field<?> column : COLUMNS) {
      bind(ps, index++, column.getType(), row.get(column));
    }
  }

  /** Binds the state columns, the new version, the key and the version read, as in {@link JobStatements#update}. */
  static void bindUpdate(PreparedStatement ps, JobRecord row, long readVersion)
      throws SQLException {
    int index = 1;
    for (Field<?> column : STATE_COLUMNS) {
      bind(ps, index++, column.getType(), row.get(column));
    }
    ps.setLong(index++, row.getVersion());
    ps.setObject(index++, row.getJobId());
    ps.setLong(index, readVersion);
  }

  /** Binds one value of a column's Java type; null as SQL NULL of the matching kind. */
  static void bind(PreparedStatement ps, int index, Class<?> type, Object value)
      throws SQLException {
    if (type == UUID.class) {
      ps.setObject(index, value);
    } else if (type == Long.class) {
      if (value == null) {
        ps.setNull(index, Types.BIGINT);
      } else {
        ps.setLong(index, (Long) value);
      }
    } else if (type == Integer.class) {
      if (value == null) {
        ps.setNull(index, Types.INTEGER);
      } else {
        ps.setInt(index, (Integer) value);
      }
    } else if (type == String.class) {
      if (value == null) {
        ps.setNull(index, Types.VARCHAR);
      } else {
        ps.setString(index, (String) value);
      }
    } else if (type == Instant.class) {
      if (value == null) {
        ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
      }
    } else {
      throw new IllegalStateException("No JDBC binding for " + type);
    }
  }

  @SuppressWarnings("unchecked")
  private static void set(JobRecord row, Field<?> column, ResultSet rs, int index)
      throws SQLException {
    Class<?> type = column.getType();
    Object value;
    if (type == UUID.class) {
      value = rs.getObject(index, UUID.class);
    } else if (type == Long.class) {
      long v = rs.getLong(index);
      value = rs.wasNull() ? null : v;
    } else if (type == Integer.class) {
      int v = rs.getInt(index);
      value = rs.wasNull() ? null : v;
    } else if (type == String.class) {
      value = rs.getString(index);
    } else if (type == Instant.class) {
      OffsetDateTime v = rs.getObject(index, OffsetDateTime.class);
      value = v == null ? null : v.toInstant();
    } else {
      throw new IllegalStateException("No JDBC reading for " + type);
    }
    row.set((Field<Object>) column, value);
  }
}
