package io.renderwatch.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.cache.Caching;
import io.renderwatch.core.engine.JobWatch;
import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.jdbc.JdbcStores;
import io.renderwatch.jdbc.testing.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's promise that the API key never shows: not on stdout or stderr, not in a log record,
 * an exception or an event, not in any Renderwatch object's {@code toString()}, and not in the
 * bytes of the H2 files nor in any PostgreSQL row.
 */
class KeyNeverLeaksTest {

  static final String KEY = "pictai_s3cr3t_K3Y_9f8e7d6c5b4a";
  static final String WRONG_KEY = "pictai_wr0ng_K3Y_0a1b2c3d4e5f";

  /**
   * The key never shows: not on stdout or stderr, not in a log record, not in an exception or
   * event, not in the {@code toString()} of any Renderwatch object reachable from what the run
   * built, and not in the bytes of the H2 files nor in any PostgreSQL row.
   */
  @Test
  void theApiKeyNeverAppearsInOutputLogsExceptionsObjectsOrDatabases() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    java.util.logging.Level oldLevel = root.getLevel();
    root.addHandler(capture);
    root.setLevel(java.util.logging.Level.ALL);
    List<Object> built = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<WatchEvent> events = new CopyOnWriteArrayList<>();
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "reliability")),
        "key");
    Path h2 = dir.resolve("db").resolve("jobs");
    EmbeddedPostgres.Database pg = EmbeddedPostgres.freshDatabase();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      SimulatedAccount account = SimulatedAccount.builder()
          .faults(FaultPlan.randomly(0.3, Fault.of(Fault.Kind.SERVER_ERROR), 3)
              .orElse(FaultPlan.randomly(0.2, Fault.of(Fault.Kind.TRUNCATED_BODY), 4)))
          .build();
      List<JobId> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(account.submit(i % 4 == 0
            ? JobScript.failing(Duration.ZERO, Duration.ofMillis(500), "4001", "bad voice")
            : JobScript.completing(Duration.ZERO, Duration.ofMillis(500)), Instant.now()));
      }
      try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(account)
              .build();
          JdbcStores h2Stores = JdbcStores.h2File(h2);
          JdbcStores pgStores = JdbcStores.jdbcUrl(pg.url(), pg.user(), pg.password())) {
        built.add(simulator);
        built.add(h2Stores);
        built.add(pgStores);
        for (JdbcStores stores : List.of(h2Stores, pgStores)) {
          for (String key : List.of(KEY, WRONG_KEY)) {
            PictoryHttpSource.Builder builder = PictoryHttpSource.builder().apiKey(key)
                .baseUrl(simulator.baseUrl().toString());
            built.add(builder);
            try (PictoryHttpSource http = builder.build();
                RenderWatch watch = RenderWatch.builder().source(Caching.source(http))
                    .store(Caching.store(stores.jobStore())).registry(stores.watchRegistry())
                    .policy(PollPolicy.builder().intervals(Duration.ofMillis(100),
                        Duration.ofMillis(200)).backoffCeiling(Duration.ofMillis(200))
                        .maxConsecutiveFailures(20).build())
                    .listener(events::add).build()) {
              built.add(http);
              built.add(watch);
              List<JobWatch> watches = watch.watchAll(ids,
                  WatchOptions.defaults().withTimeout(Duration.ofSeconds(20)), e -> { });
              built.addAll(watches);
              for (JobWatch w : watches) {
                try {
                  built.add(w.result().get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                  failures.add(e.getCause());
                }
              }
              CompletableFuture<?> bad = http.fetch(JobId.random());
              try {
                bad.get(10, TimeUnit.SECONDS);
              } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
              }
            }
          }
        }
        // A key that is not a header value fails before OkHttp sees it, without echoing it.
        assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(KEY + "\n"))
            .satisfies(failures::add);
      }
      // (Watches of jobs already stored are answered from the store; the direct fetch is not.)
      assertThat(failures).as("the wrong key was refused").anyMatch(t ->
          t instanceof SourceException e && e.kind() == SourceException.Kind.UNAUTHORIZED);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      root.removeHandler(capture);
      root.setLevel(oldLevel);
    }
    assertThat(events).isNotEmpty();
    // The scan below reads real debug logging: the PostgreSQL driver's, at its finest levels.
    assertThat(records).as("captured log records").anyMatch(r ->
        r.getLoggerName() != null && r.getLoggerName().startsWith("org.postgresql")
            && r.getLevel().intValue() <= java.util.logging.Level.FINE.intValue());

    List<String> texts = new ArrayList<>();
    texts.add(out.toString(StandardCharsets.UTF_8));
    texts.add(err.toString(StandardCharsets.UTF_8));
    for (LogRecord r : records) {
      texts.add(String.valueOf(r.getMessage()));
      texts.add(r.getParameters() == null ? "" : java.util.Arrays.toString(r.getParameters()));
      if (r.getThrown() != null) {
        failures.add(r.getThrown());
      }
    }
    for (WatchEvent e : events) {
      texts.add(e.toString());
      if (e instanceof WatchEvent.PollFailed failed) {
        failures.add(failed.error());
      } else if (e instanceof WatchEvent.Ended ended) {
        failures.add(ended.reason());
      }
    }
    for (Throwable t : failures) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        texts.add(c.toString());
        texts.add(String.valueOf(c.getMessage()));
        texts.add(String.valueOf(c.getLocalizedMessage()));
      }
    }
    // One pass, one assertion: the PostgreSQL driver's finest logging gives many records.
    assertThat(texts.stream().filter(t -> t.contains(KEY) || t.contains(WRONG_KEY)).toList())
        .as("texts holding a key, of %d", texts.size()).isEmpty();

    // Every Renderwatch object reachable from what the run built, by reflection.
    int walked = walkToStrings(built, failures);
    assertThat(walked).isGreaterThan(100);

    // The database files' bytes, and every row of every PostgreSQL table.
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertNotIn(Files.readAllBytes(file), file.toString());
      }
    }
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet tables = c.getMetaData().getTables(null, "public", "%",
            new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
      assertThat(names).isNotEmpty();
      for (String table : names) {
        try (ResultSet rows = s.executeQuery("select t::text from \"" + table + "\" t")) {
          while (rows.next()) {
            assertThat(rows.getString(1)).doesNotContain(KEY).doesNotContain(WRONG_KEY);
          }
        }
      }
    }
  }

  private static void assertNotIn(byte[] bytes, String where) {
    // Latin-1 maps each byte to one char, so String.indexOf searches the bytes as they are.
    String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
    for (String key : List.of(KEY, WRONG_KEY)) {
      for (byte[] needle : List.of(key.getBytes(StandardCharsets.UTF_8),
          key.getBytes(StandardCharsets.UTF_16BE), key.getBytes(StandardCharsets.UTF_16LE))) {
        assertThat(haystack.indexOf(new String(needle, StandardCharsets.ISO_8859_1)))
            .as("key bytes in %s", where).isEqualTo(-1);
      }
    }
  }

  /**
   * Walks the object graph from the roots (bounded) and checks the {@code toString()} of every
   * object of a public Renderwatch type; returns how many objects were visited.
   */
  private static int walkToStrings(List<Object> roots, List<Throwable> alsoRoots) {
    Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> todo = new java.util.LinkedList<>(roots); // accepts nulls, skipped below
    todo.addAll(alsoRoots);
    int checked = 0;
    while (!todo.isEmpty() && seen.size() < 200_000) {
      Object o = todo.poll();
      if (o == null || !seen.add(o)) {
        continue;
      }
      Class<?> type = o.getClass();
      if (type.getName().startsWith("io.renderwatch.") && Modifier.isPublic(type.getModifiers())) {
        assertThat(String.valueOf(o)).as("toString of %s", type.getName())
            .doesNotContain(KEY).doesNotContain(WRONG_KEY);
        checked++;
      }
      if (type.isArray()) {
        if (!type.getComponentType().isPrimitive()) {
          for (int i = 0; i < Array.getLength(o); i++) {
            todo.add(Array.get(o, i));
          }
        }
        continue;
      }
      if (o instanceof Collection<?> c && !type.getName().startsWith("io.renderwatch.")) {
        try {
          todo.addAll(List.copyOf(new ArrayList<>(c)).stream().filter(x -> x != null).toList());
        } catch (RuntimeException e) {
          // A concurrent or odd collection: its fields are walked below where accessible.
        }
      }
      if (o instanceof Map<?, ?> m && !type.getName().startsWith("io.renderwatch.")) {
        try {
          new ArrayList<>(m.entrySet()).forEach(e -> {
            todo.add(e.getKey());
            todo.add(e.getValue());
          });
        } catch (RuntimeException e) {
          // As above.
        }
      }
      for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
        if (k.getName().startsWith("java.") || k.getName().startsWith("jdk.")
            || k.getName().startsWith("sun.")) {
          break;
        }
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
            continue;
          }
          try {
            f.setAccessible(true);
            todo.add(f.get(o));
          } catch (RuntimeException | IllegalAccessException e) {
            // Not open to reflection: skipped.
          }
        }
      }
    }
    return checked;
  }
}
