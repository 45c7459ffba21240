package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.JOB;
import static io.renderwatch.jdbc.schema.Tables.JOB_TRANSITION;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.jdbc.schema.tables.records.JobRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.SQLDialect;

/**
 * The {@link JobStore} on the {@code job} and {@code job_transition} tables.
 *
 * <p>{@link #save} reads the stored row, lets the {@link Lifecycle} decide, and writes only with a
 * conditional statement: an insert that fails on the primary key when the job appeared meanwhile,
 * or an update {@code WHERE job_id = ? AND version = ?}. When another writer got there first the attempt is
 * rolled back and repeated against the new row (from the second attempt on, with the row locked),
 * so nothing is ever overwritten blindly. Each taken save commits before it returns.
 * {@link #saveAll} does the same for many snapshots in one transaction, with batched statements.
 *
 * <p>The hot paths (find, save) run jOOQ-built statements rendered once ({@link JobStatements})
 * over plain JDBC: rendering a jOOQ query on every call cost more than the database took to run
 * it. A find is one statement
 * in auto-commit, with no transaction of its own.
 */
final class JdbcJobStore implements JobStore {

  /** How many attempts a save makes before it reports contention. */
  static final int MAX_ATTEMPTS = 32;

  /** How many jobs one read of a batch asks for at once. */
  private static final int READ_CHUNK = 500;

  /** One write lock per embedded (H2) database in this JVM, by its description. */
  private static final Map<String, ReentrantLock> H2_WRITERS = new ConcurrentHashMap<>();

  private final Database db;
  private final JobStatements sql;
  private final int historyLimit;
  /**
   * H2 only: saves take turns. An H2 file belongs to one process, so every writer is in this
   * JVM; taking turns here replaces H2's row locks, which under many writers of one job ran into
   * lock timeouts. PostgreSQL, shared by processes, relies on the version check and row locks.
   */
  private final ReentrantLock embeddedWriters;

  JdbcJobStore(Database db, int historyLimit) {
    this.db = Objects.requireNonNull(db, "db == null");
    this.sql = new JobStatements(db.dsl());
    this.embeddedWriters = db.dsl().dialect().family() == SQLDialect.H2
        ? H2_WRITERS.computeIfAbsent(db.description(), key -> new ReentrantLock(true)) : null;
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit must be >= 1 but was " + historyLimit);
    }
    this.historyLimit = historyLimit;
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    Objects.requireNonNull(id, "id == null");
    // One statement in auto-commit: a read needs no transaction of its own.
    try (Connection connection = db.connection();
        PreparedStatement ps = connection.prepareStatement(sql.find)) {
      ps.setObject(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.read(JobColumns.read(rs))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw db.failure("read job " + id, e);
    }
  }

  @Override
  public SaveResult save(JobSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot == null");
    return saveAll(List.of(snapshot), "save job " + snapshot.id()).get(0);
  }

  /**
   * Offers every snapshot, in order, in one transaction: the lifecycle decides each against what
   * is stored (and against the earlier snapshots of the same job in the list); the results come
   * back in the same order. When it returns, every taken snapshot is committed.
   */
  @Override
  public List<SaveResult> saveAll(List<JobSnapshot> snapshots) {
    Objects.requireNonNull(snapshots, "snapshots == null");
    for (JobSnapshot snapshot : snapshots) {
      Objects.requireNonNull(snapshot, "snapshots holds null");
    }
    if (snapshots.isEmpty()) {
      return List.of();
    }
    return saveAll(List.copyOf(snapshots), snapshots.size() == 1
        ? "save job " + snapshots.get(0).id()
        : "save " + snapshots.size() + " jobs");
  }

  private List<SaveResult> saveAll(List<JobSnapshot> snapshots, String action) {
    if (embeddedWriters == null) {
      return attempts(snapshots, action);
    }
    embeddedWriters.lock();
    try {
      return attempts(snapshots, action);
    } finally {
      embeddedWriters.unlock();
    }
  }

  private List<SaveResult> attempts(List<JobSnapshot> snapshots, String action) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<List<SaveResult>> result;
      try (Connection connection = db.connection()) {
        result = inTransaction(connection, snapshots, attempt > 1);
      } catch (SQLException e) {
        if (!Database.isLostRace(e)) {
          throw db.failure(action, e);
        }
        result = Optional.empty();
      }
      if (result.isPresent()) {
        return result.get();
      }
      backOff(attempt);
    }
    throw new StoreException("Could not " + action + " in " + db.description() + ": other writers"
        + " changed it " + MAX_ATTEMPTS + " times in a row; nothing was overwritten, try again");
  }

  /**
   * Waits a random moment, growing with the attempt, before trying again after a lost race, so
   * that writers colliding on one job do not keep colliding in lock-step.
   */
  private static void backOff(int attempt) {
    long ceiling = Math.min(TimeUnit.MILLISECONDS.toNanos(20), 100_000L << Math.min(attempt, 10));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling));
  }

  /** One attempt in a transaction of its own; empty (rolled back) when another writer won. */
  private Optional<List<SaveResult>> inTransaction(Connection connection,
      List<JobSnapshot> snapshots, boolean lock) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    boolean done = false;
    try {
      Optional<List<SaveResult>> result = attempt(connection, snapshots, lock);
      if (result.isPresent()) {
        connection.commit();
        done = true;
      }
      return result;
    } finally {
      if (!done) {
        rollbackQuietly(connection);
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  /** What one job's rows become in an attempt: read, then changed by the taken snapshots. */
  private static final class Pending {
    final JobRecord read;
    Optional<JobSnapshot> current;
    JobRecord written;
    long version;
    final List<Object[]> transitions = new ArrayList<>();

    Pending(JobRecord read) {
      this.read = read;
      this.current = Optional.ofNullable(read).map(Rows::read);
      this.version = read == null ? 0 : read.getVersion();
    }
  }

  /** One attempt; empty when another writer changed one of the jobs first. */
  private Optional<List<SaveResult>> attempt(Connection connection, List<JobSnapshot> snapshots,
      boolean lock) throws SQLException {
    Map<UUID, Pending> jobs = readAll(connection, snapshots, lock);
    List<SaveResult> results = new ArrayList<>(snapshots.size());
    for (JobSnapshot snapshot : snapshots) {
      Pending job = jobs.get(snapshot.id().value());
      Outcome outcome = Lifecycle.decide(job.current.map(JobSnapshot::state), snapshot.state());
      if (!outcome.replacesCurrent()) {
        results.add(new SaveResult(outcome, job.current.orElseThrow()));
        continue;
      }
      JobRecord row = new JobRecord();
      row.setJobId(snapshot.id().value());
      row.setVersion(job.version + 1);
      row.setFirstSeenAt(job.written != null ? job.written.getFirstSeenAt()
          : job.read != null ? job.read.getFirstSeenAt()
          : Rows.observedColumn(snapshot.observedAt()));
      Rows.write(snapshot, row);
      JobState state = snapshot.state();
      job.transitions.add(new Object[] {row.getVersion(), Rows.observedColumn(snapshot.observedAt()),
          job.current.map(s -> Rows.kind(s.state().kind())).orElse(null), Rows.kind(state.kind()),
          state instanceof JobState.Running running ? running.progress() : null});
      job.written = row;
      job.version = row.getVersion();
      job.current = Optional.of(snapshot);
      results.add(new SaveResult(outcome, snapshot));
    }
    return write(connection, jobs) ? Optional.of(results) : Optional.empty();
  }

  /** The stored rows of the snapshots' jobs (locked when asked), keyed by job. */
  private Map<UUID, Pending> readAll(Connection connection, List<JobSnapshot> snapshots,
      boolean lock) throws SQLException {
    List<UUID> ids = snapshots.stream().map(s -> s.id().value()).distinct().sorted().toList();
    Map<UUID, JobRecord> rows = new HashMap<>();
    if (ids.size() == 1 && !lock) {
      try (PreparedStatement ps = connection.prepareStatement(sql.find)) {
        ps.setObject(1, ids.get(0));
        collect(ps, rows);
      }
    } else {
      for (int from = 0; from < ids.size(); from += READ_CHUNK) {
        List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
        try (PreparedStatement ps = connection.prepareStatement(
            sql.findAll(chunk.size(), lock))) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setObject(i + 1, chunk.get(i));
          }
          collect(ps, rows);
        }
      }
    }
    Map<UUID, Pending> jobs = new HashMap<>();
    for (UUID id : ids) {
      jobs.put(id, new Pending(rows.get(id)));
    }
    return jobs;
  }

  private static void collect(PreparedStatement ps, Map<UUID, JobRecord> rows)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JobRecord row = JobColumns.read(rs);
        rows.put(row.getJobId(), row);
      }
    }
  }

  /** Writes the changed jobs in batches; false when another writer changed one meanwhile. */
  private boolean write(Connection connection, Map<UUID, Pending> jobs) throws SQLException {
    List<Pending> inserts = new ArrayList<>();
    List<Pending> updates = new ArrayList<>();
    for (Pending job : jobs.values()) {
      if (job.written != null) {
        (job.read == null ? inserts : updates).add(job);
      }
    }
    if (inserts.isEmpty() && updates.isEmpty()) {
      return true;
    }
    if (!inserts.isEmpty()) {
      // A job inserted meanwhile by another writer fails this with a unique violation, which
      // rolls the attempt back and repeats it (see Database.isLostRace).
      try (PreparedStatement ps = connection.prepareStatement(sql.insert)) {
        for (Pending job : inserts) {
          JobColumns.bindInsert(ps, job.written);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!updates.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(sql.update)) {
        for (Pending job : updates) {
          JobColumns.bindUpdate(ps, job.written, job.read.getVersion());
          ps.addBatch();
        }
        for (int count : ps.executeBatch()) {
          if (count == 0) {
            return false;
          }
        }
      }
    }
    List<Object[]> trims = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql.insertTransition)) {
      for (Pending job : jobs.values()) {
        for (Object[] t : job.transitions) {
          ps.setObject(1, job.written.getJobId());
          JobColumns.bind(ps, 2, Long.class, t[0]);
          JobColumns.bind(ps, 3, Instant.class, t[1]);
          JobColumns.bind(ps, 4, String.class, t[2]);
          JobColumns.bind(ps, 5, String.class, t[3]);
          JobColumns.bind(ps, 6, Integer.class, t[4]);
          ps.addBatch();
        }
        if (!job.transitions.isEmpty() && job.version > historyLimit) {
          trims.add(new Object[] {job.written.getJobId(), job.version - historyLimit});
        }
      }
      ps.executeBatch();
    }
    if (!trims.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(sql.trimTransitions)) {
        for (Object[] trim : trims) {
          ps.setObject(1, trim[0]);
          ps.setLong(2, (Long) trim[1]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return true;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The attempt failed already; that failure is the one to report.
    }
  }

  @Override
  public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
    Objects.requireNonNull(cursor, "cursor == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    long before = cursor.map(JdbcJobStore::parseCursor).orElse(Long.MAX_VALUE);
    List<JobRecord> rows = db.call("list jobs",
        () -> db.dsl().selectFrom(JOB).where(JOB.SEQ.lt(before)).orderBy(JOB.SEQ.desc())
            .limit(limit + 1).fetch());
    List<JobSnapshot> items = new ArrayList<>();
    for (int i = 0; i < rows.size() && i < limit; i++) {
      items.add(Rows.read(rows.get(i)));
    }
    Optional<String> next = rows.size() > limit
        ? Optional.of(Long.toString(rows.get(limit - 1).getSeq()))
        : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
    Objects.requireNonNull(kind, "kind == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    return db.call("list " + Rows.kind(kind) + " jobs",
        () -> db.dsl().selectFrom(JOB).where(JOB.STATE_KIND.eq(Rows.kind(kind)))
            .orderBy(JOB.SEQ.desc()).limit(limit).fetch(Rows::read));
  }

  /** The kept transitions of one job, oldest first, for tests and diagnostics. */
  List<String> transitions(JobId id) {
    return db.call("read the history of job " + id,
        () -> db.dsl().select(JOB_TRANSITION.FROM_KIND, JOB_TRANSITION.TO_KIND,
                JOB_TRANSITION.PROGRESS, JOB_TRANSITION.VERSION)
            .from(JOB_TRANSITION)
            .where(JOB_TRANSITION.JOB_ID.eq(id.value()))
            .orderBy(JOB_TRANSITION.VERSION)
            .fetch(r -> r.value4() + ":" + r.value1() + "->" + r.value2()
                + (r.value3() == null ? "" : "@" + r.value3())));
  }

  private static long parseCursor(String cursor) {
    try {
      long value = Long.parseLong(cursor);
      if (value < 1) {
        throw new NumberFormatException("not positive");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a cursor of this store: " + cursor
          + "; pass the next() of a page this store returned", e);
    }
  }

}
