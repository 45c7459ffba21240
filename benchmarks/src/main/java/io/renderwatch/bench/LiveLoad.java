package io.renderwatch.bench;

import io.renderwatch.core.model.JobId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Live loopback load: the Pictory simulator in one JVM (rate limit off), a client in another,
 * {@code N} jobs rendering 20–60 s. The client is either Renderwatch's engine (HTTP source,
 * coalescing source, caching store over an H2 file, 1–3 s intervals, budget 2,000/s, 64 in
 * flight) or a thread-per-job blocking poller (a platform thread per job: sleep 2 s, synchronous
 * {@code java.net.http} call, save the result). Each run gets a fresh simulator.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.LiveLoad [jobs]
 * [engine|engine-sync|threads|both|all|compare] [limitSeconds]} ({@code engine} writes progress
 * behind, {@code engine-sync} stores every answer first; {@code both} is engine and threads,
 * {@code all} the three, one after the other; {@code compare} adds {@code engine-before}, the
 * engine client of another build's benchmarks jar given as {@code -Dliveload.before=JAR}).
 * Prints one Markdown table; each client also prints its CPU time by thread
 * group (lines starting {@code [client] CPU}) to stderr. Traffic stays on 127.0.0.1.
 */
public final class LiveLoad {

  static final String KEY = "pictai_liveload";
  static final Duration RENDER_MIN = Duration.ofSeconds(20);
  static final Duration RENDER_MAX = Duration.ofSeconds(60);
  static final Duration NAIVE_INTERVAL = Duration.ofSeconds(2);
  /** How long the engine client lets a job's progress wait before writing the latest. */
  static final Duration PROGRESS_DELAY = Duration.ofSeconds(10);

  private LiveLoad() {}

  /** What one client run measured. */
  record Report(String client, int jobs, int stored, long polls, double seconds, double cpuSeconds,
      int peakThreads, double heapAfterGcMb, long maxRssKb) {

    double pollsPerSecond() {
      return polls / seconds;
    }

    String line() {
      return String.format(Locale.ROOT,
          "REPORT client=%s jobs=%d stored=%d polls=%d seconds=%.2f cpu=%.2f threads=%d heap=%.1f"
              + " rss=%d", client, jobs, stored, polls, seconds, cpuSeconds, peakThreads,
          heapAfterGcMb, maxRssKb);
    }

    static Report parse(String line) {
      Map<String, String> v = new LinkedHashMap<>();
      for (String part : line.substring("REPORT ".length()).split(" ")) {
        int eq = part.indexOf('=');
        v.put(part.substring(0, eq), part.substring(eq + 1));
      }
      return new Report(v.get("client"), Integer.parseInt(v.get("jobs")),
          Integer.parseInt(v.get("stored")), Long.parseLong(v.get("polls")),
          Double.parseDouble(v.get("seconds")), Double.parseDouble(v.get("cpu")),
          Integer.parseInt(v.get("threads")), Double.parseDouble(v.get("heap")),
          Long.parseLong(v.get("rss")));
    }
  }

  /** Runs the simulator and the asked clients, each in a JVM of its own, and prints the table. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String mode = args.length > 1 ? args[1] : "both";
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 240;
    List<Report> reports = new ArrayList<>();
    List<String> clients = switch (mode) {
      case "both" -> List.of("engine", "threads");
      case "all" -> List.of("engine-sync", "engine", "threads");
      case "compare" -> List.of("engine-before", "engine-sync", "engine", "threads");
      default -> List.of(mode);
    };
    for (String client : clients) {
      reports.add(run(client, jobs, limit, RENDER_MIN, RENDER_MAX));
    }
    print(reports);
  }

  /** One client against a fresh simulator, both in child JVMs. */
  static Report run(String client, int jobs, int limitSeconds, Duration renderMin,
      Duration renderMax) throws Exception {
    Process simulator = java(List.of("-Xmx1g"), System.getProperty("java.class.path"),
        LiveLoadSimulator.class, String.valueOf(jobs),
        String.valueOf(renderMin.toMillis()), String.valueOf(renderMax.toMillis()));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
          StandardCharsets.UTF_8));
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("READY ")) {
        throw new IllegalStateException("The simulator did not start: " + ready);
      }
      String baseUrl = ready.substring("READY ".length());
      List<String> jvm = new ArrayList<>(client.equals("threads")
          // 10,000 platform threads: small stacks (they only sleep and do a blocking call).
          ? List.of("-Xss256k", "-Xmx1g")
          : List.of("-Xmx1g"));
      jvm.addAll(clientJvmOptions(client));
      // "engine-before": the engine client of another build (-Dliveload.before=JAR).
      boolean before = client.equals("engine-before");
      String classPath = before ? System.getProperty("liveload.before")
          : System.getProperty("java.class.path");
      if (classPath == null) {
        throw new IllegalArgumentException("engine-before needs -Dliveload.before=JAR, the"
            + " benchmarks jar of the build to compare with");
      }
      Process child = java(jvm, classPath, LiveLoadClient.class, before ? "engine" : client,
          baseUrl, String.valueOf(jobs), String.valueOf(limitSeconds));
      String report = null;
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          System.err.println("[" + client + "] " + line);
          if (line.startsWith("REPORT ")) {
            report = line;
          }
        }
      }
      if (!child.waitFor(limitSeconds + 120L, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
      if (report == null) {
        throw new IllegalStateException("The " + client + " client printed no report");
      }
      Report parsed = Report.parse(report);
      return before ? new Report(client, parsed.jobs(), parsed.stored(), parsed.polls(),
          parsed.seconds(), parsed.cpuSeconds(), parsed.peakThreads(), parsed.heapAfterGcMb(),
          parsed.maxRssKb()) : parsed;
    } finally {
      simulator.getOutputStream().close();
      if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
        simulator.destroyForcibly();
      }
    }
  }

  /**
   * Extra options for the client's JVM from {@code -Dliveload.clientJvm="..."} (split on spaces;
   * {@code {client}} becomes the client's name), e.g. a flight recording per client:
   * {@code -Dliveload.clientJvm="-XX:StartFlightRecording=filename=/tmp/{client}.jfr"}.
   */
  static List<String> clientJvmOptions(String client) {
    String options = System.getProperty("liveload.clientJvm", "").trim();
    List<String> list = new ArrayList<>();
    if (!options.isEmpty()) {
      for (String option : options.split(" +")) {
        list.add(option.replace("{client}", client));
      }
    }
    return list;
  }

  static void print(List<Report> reports) {
    System.out.println("| client | jobs | stored | polls | wall s | polls/s | client CPU s "
        + "| CPU ms per poll | peak live threads | heap after full GC MB | max RSS MB |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Report r : reports) {
      System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %,.0f | %.1f | %.3f | %d "
              + "| %.1f | %.0f |%n", r.client(), r.jobs(), r.stored(), r.polls(), r.seconds(),
          r.pollsPerSecond(), r.cpuSeconds(), 1000 * r.cpuSeconds() / Math.max(1, r.polls()),
          r.peakThreads(), r.heapAfterGcMb(), r.maxRssKb() / 1024.0);
    }
    Report t = reports.stream().filter(r -> r.client().equals("threads")).findFirst()
        .orElse(null);
    for (Report e : reports) {
      if (t == null || e == t) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%nthread-per-job ÷ %s: CPU per poll %.2f×", e.client(),
          (t.cpuSeconds() / Math.max(1, t.polls())) / (e.cpuSeconds() / Math.max(1, e.polls())));
      System.out.printf(Locale.ROOT, ", threads %.0f×, heap %.1f×, polls/s"
              + " %.2f×, CPU %.2f×, RSS %.1f×%n", (double) t.peakThreads() / e.peakThreads(),
          t.heapAfterGcMb() / e.heapAfterGcMb(), t.pollsPerSecond() / e.pollsPerSecond(),
          t.cpuSeconds() / e.cpuSeconds(), (double) t.maxRssKb() / e.maxRssKb());
    }
  }

  static Process java(List<String> jvmOptions, String classPath, Class<?> main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** The ids of the run's jobs, the same in both processes. */
  static List<JobId> ids(int jobs) {
    List<JobId> ids = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      ids.add(new JobId(new UUID(0x11_0ad, i)));
    }
    return ids;
  }
}
