package io.renderwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a flight recording's Java CPU samples ({@code jdk.ExecutionSample}) went: each sample
 * is put in the first of a fixed list of categories that any frame of its stack matches (so
 * "store save" includes H2's and JDBC's work under it), then by its thread's group and by its
 * top frame. Prints three Markdown tables with shares.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.JfrShares recording.jfr
 * [threadNamePrefix [category]]} (only threads whose name starts with the prefix, "" for all;
 * with a category, also where that category's samples are: the library of their top frame). Record with a
 * deep stack, e.g. {@code -XX:FlightRecorderOptions:stackdepth=256}, or the outer frames that
 * decide the category are cut off (those samples count as their top frame's package).
 */
public final class JfrShares {

  private JfrShares() {}

  /** Category name, then the frame text (class.method) any frame must contain. */
  static final String[][] RULES = {
      {"store save: commit", "JdbcJobStore.inTransaction", "commit"},
      {"store save: read the row", "JdbcJobStore.readAll"},
      {"store save: write (insert/update + transition)", "JdbcJobStore.write"},
      {"store save: other", "JdbcJobStore.save"},
      {"store find", "JdbcJobStore.find"},
      {"registry register", "JdbcWatchRegistry.register"},
      {"registry finish", "JdbcWatchRegistry.finish"},
      {"registry renew", "JdbcWatchRegistry.renew"},
      {"registry, other", "JdbcWatchRegistry."},
      {"JSON decode (Moshi)", "com.squareup.moshi."},
      {"HTTP adapter (mapping, interceptors)", "io.renderwatch.http."},
      {"HTTP client (OkHttp/Okio)", "okhttp3.", "okio."},
      {"JDK HTTP client", "jdk.internal.net.http."},
      {"engine (decide, schedule, dispatch)", "io.renderwatch.core.engine."},
      {"cache (Caffeine)", "com.github.benmanes.caffeine."},
      {"H2 / JDBC elsewhere", "org.h2.", "com.zaxxer.hikari."},
  };

  /** Reads the recording and prints the tables. */
  public static void main(String[] args) throws IOException {
    String prefix = args.length > 1 ? args[1] : "";
    String drill = args.length > 2 ? args[2] : null;
    Map<String, Integer> inside = new HashMap<>();
    Map<String, Integer> categories = new LinkedHashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> tops = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      String thread = event.getThread("sampledThread") == null ? "?"
          : String.valueOf(event.getThread("sampledThread").getJavaName());
      if (!thread.startsWith(prefix)) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      for (RecordedFrame frame : stack.getFrames()) {
        frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
      }
      total++;
      String category = category(frames);
      categories.merge(category, 1, Integer::sum);
      if (category.equals(drill)) {
        inside.merge(layer(frames), 1, Integer::sum);
      }
      threads.merge(thread.replaceAll("[0-9]+", "#"), 1, Integer::sum);
      tops.merge(frames.get(0), 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "%,d samples%n%n", total);
    table("category (first rule any frame matches)", categories, total, 40);
    table("thread group", threads, total, 15);
    table("top frame", tops, total, 25);
    if (drill != null) {
      table("inside \"" + drill + "\": the library its top frame is in (commit: under a commit)",
          inside, total, 20);
    }
  }

  /** The library of the top frame, and whether the sample is under a commit. */
  static String layer(List<String> frames) {
    String top = frames.get(0);
    String library = top.startsWith("org.h2.mvstore.") ? "H2 storage (MVStore)"
        : top.startsWith("org.h2.") ? "H2 SQL engine"
        : top.startsWith("org.jooq.") ? "jOOQ"
        : top.startsWith("com.zaxxer.") ? "HikariCP"
        : top.startsWith("io.renderwatch.") ? "Renderwatch"
        : "JDK and others";
    boolean commit = frames.stream().anyMatch(f -> f.endsWith(".commit"));
    boolean jooq = frames.stream().anyMatch(f -> f.startsWith("org.jooq."));
    return library + (commit ? ", under a commit" : "") + (jooq ? ", under jOOQ" : "");
  }

  static String category(List<String> frames) {
    for (String[] rule : RULES) {
      boolean all = true;
      for (int i = 1; i < rule.length && all; i++) {
        all = contains(frames, rule[i]);
      }
      // The first two rules' second text ("commit") must hold together with the first; the
      // others are alternatives: any one of their texts.
      boolean matched = rule[0].endsWith("commit") ? all : anyOf(frames, rule);
      if (matched) {
        return rule[0];
      }
    }
    String top = frames.get(0);
    String[] parts = top.split("\\.");
    return "other: " + (parts.length > 2 ? parts[0] + "." + parts[1] : top);
  }

  private static boolean anyOf(List<String> frames, String[] rule) {
    for (int i = 1; i < rule.length; i++) {
      if (contains(frames, rule[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(List<String> frames, String text) {
    for (String frame : frames) {
      if (frame.contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static void table(String title, Map<String, Integer> counts, int total, int rows) {
    System.out.println("| share | samples | " + title + " |");
    System.out.println("|---:|---:|---|");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(rows)
        .forEach(e -> System.out.printf(Locale.ROOT, "| %.1f %% | %,d | %s |%n",
            100.0 * e.getValue() / total, e.getValue(), e.getKey()));
    System.out.println();
  }
}
