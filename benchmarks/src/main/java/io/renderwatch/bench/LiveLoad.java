package io.renderwatch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.renderwatch.cache.Caching;
import io.renderwatch.core.engine.JobWatch;
import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Live loopback load: the Pictory simulator in one JVM (rate limit off), a client in another,
 * {@code N} jobs rendering 20–60 s. The client is either Renderwatch's engine (HTTP source,
 * coalescing source, caching store over an H2 file, 1–3 s intervals, budget 2,000/s, 64 in
 * flight) or a thread-per-job blocking poller (a platform thread per job: sleep 2 s, synchronous
 * {@code java.net.http} call, save the result). Each run gets a fresh simulator.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.LiveLoad [jobs] [engine|threads|both]
 * [limitSeconds]}. Prints one Markdown table. Traffic stays on 127.0.0.1.
 */
public final class LiveLoad {

  static final String KEY = "pictai_liveload";
  static final Duration RENDER_MIN = Duration.ofSeconds(20);
  static final Duration RENDER_MAX = Duration.ofSeconds(60);
  static final Duration NAIVE_INTERVAL = Duration.ofSeconds(2);

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
    for (String client : mode.equals("both") ? List.of("engine", "threads") : List.of(mode)) {
      reports.add(run(client, jobs, limit, RENDER_MIN, RENDER_MAX));
    }
    print(reports);
  }

  /** One client against a fresh simulator, both in child JVMs. */
  static Report run(String client, int jobs, int limitSeconds, Duration renderMin,
      Duration renderMax) throws Exception {
    Process simulator = java(List.of("-Xmx1g"), Simulator.class, String.valueOf(jobs),
        String.valueOf(renderMin.toMillis()), String.valueOf(renderMax.toMillis()));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
          StandardCharsets.UTF_8));
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("READY ")) {
        throw new IllegalStateException("The simulator did not start: " + ready);
      }
      String baseUrl = ready.substring("READY ".length());
      List<String> jvm = client.equals("threads")
          // 10,000 platform threads: small stacks (they only sleep and do a blocking call).
          ? List.of("-Xss256k", "-Xmx1g")
          : List.of("-Xmx1g");
      Process child = java(jvm, Client.class, client, baseUrl, String.valueOf(jobs),
          String.valueOf(limitSeconds));
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
      return Report.parse(report);
    } finally {
      simulator.getOutputStream().close();
      if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
        simulator.destroyForcibly();
      }
    }
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
    if (reports.size() == 2) {
      Report e = reports.get(0);
      Report t = reports.get(1);
      System.out.printf(Locale.ROOT, "%nthread-per-job ÷ engine: threads %.0f×, heap %.1f×, polls/s"
              + " %.2f×, CPU %.2f×, RSS %.1f×%n", (double) t.peakThreads() / e.peakThreads(),
          t.heapAfterGcMb() / e.heapAfterGcMb(), t.pollsPerSecond() / e.pollsPerSecond(),
          t.cpuSeconds() / e.cpuSeconds(), (double) t.maxRssKb() / e.maxRssKb());
    }
  }

  static Process java(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
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

  // ------------------------------------------------------------------ the simulator process

  /**
   * The simulator's JVM ({@code jobs renderMinMs renderMaxMs}): submits the jobs, prints
   * {@code READY <baseUrl>}, ends at stdin's end.
   */
  public static final class Simulator {
    private Simulator() {}

    public static void main(String[] args) throws IOException {
      int jobs = Integer.parseInt(args[0]);
      Duration renderMin = Duration.ofMillis(Long.parseLong(args[1]));
      Duration renderMax = Duration.ofMillis(Long.parseLong(args[2]));
      SimulatedAccount account = SimulatedAccount.builder().build();
      SplittableRandom random = new SplittableRandom(2026);
      Instant now = Instant.now();
      long spread = renderMax.minus(renderMin).toMillis();
      for (JobId id : ids(jobs)) {
        Duration render = renderMin.plusMillis((long) (random.nextDouble() * spread));
        account.add(id, JobScript.completing(Duration.ZERO, render), now);
      }
      try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).port(0)
          .account(account).executorThreads(4).build()) {
        System.out.println("READY " + simulator.baseUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
          // Runs until the parent closes our stdin (or dies).
        }
        System.err.println("simulator answered " + simulator.requestCount() + " requests");
      }
    }
  }

  // ------------------------------------------------------------------ the client process

  /** The client's JVM: {@code engine|threads baseUrl jobs limitSeconds}; prints a REPORT line. */
  public static final class Client {
    private Client() {}

    public static void main(String[] args) throws Exception {
      String kind = args[0];
      String baseUrl = args[1];
      int jobs = Integer.parseInt(args[2]);
      Duration limit = Duration.ofSeconds(Long.parseLong(args[3]));
      Path dir = Files.createTempDirectory("renderwatch-liveload-");
      try {
        Report report = kind.equals("engine")
            ? engine(baseUrl, ids(jobs), dir, limit)
            : threads(baseUrl, ids(jobs), dir, limit);
        System.out.println(report.line());
      } finally {
        deleteTree(dir);
      }
    }
  }

  static Report engine(String baseUrl, List<JobId> ids, Path dir, Duration limit)
      throws Exception {
    AtomicLong polls = new AtomicLong();
    try (JdbcStores jdbc = JdbcStores.h2File(dir.resolve("jobs"));
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY).baseUrl(baseUrl)
            .maxRequests(16).maxRequestsPerHost(16).build()) {
      JobStatusSource counted = id -> {
        polls.incrementAndGet();
        return http.fetch(id);
      };
      // 16 in flight: what the HTTP client above sends at once, so none waits in its queue.
      PollPolicy policy = PollPolicy.builder()
          .intervals(Duration.ofSeconds(1), Duration.ofSeconds(3))
          .budget(2_000, Duration.ofSeconds(1))
          .maxInFlight(16)
          .build();
      Sampler sampler = new Sampler();
      long start = System.nanoTime();
      try (RenderWatch watch = RenderWatch.builder().source(Caching.source(counted))
          .store(Caching.store(jdbc.jobStore())).registry(jdbc.watchRegistry())
          .policy(policy).build()) {
        List<JobWatch> watches = watch.watchAll(ids,
            WatchOptions.defaults().withTimeout(limit), WatchListener.NONE);
        CompletableFuture<?>[] results = watches.stream().map(JobWatch::result)
            .toArray(CompletableFuture[]::new);
        sampler.awaitOrLimit(CompletableFuture.allOf(results), limit);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return sampler.report("engine", ids.size(), stored(jdbc.jobStore()), polls.get(), seconds);
    }
  }

  static Report threads(String baseUrl, List<JobId> ids, Path dir, Duration limit)
      throws Exception {
    AtomicLong polls = new AtomicLong();
    try (JdbcStores jdbc = JdbcStores.h2File(dir.resolve("jobs"))) {
      JobStore store = jdbc.jobStore();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      Sampler sampler = new Sampler();
      CountDownLatch done = new CountDownLatch(ids.size());
      AtomicInteger failures = new AtomicInteger();
      long start = System.nanoTime();
      long deadline = start + limit.toNanos();
      List<Thread> threads = new ArrayList<>(ids.size());
      for (JobId id : ids) {
        Thread thread = new Thread(() -> {
          try {
            // The usual loop: wait, ask, look at the status, save when done.
            Thread.sleep(ThreadLocalRandom.current().nextLong(NAIVE_INTERVAL.toMillis()));
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(baseUrl + "/pictoryapis/v1/jobs/" + id))
                .header("Authorization", KEY).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
            while (System.nanoTime() < deadline) {
              polls.incrementAndGet();
              try {
                HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                String body = response.body();
                if (response.statusCode() == 200 && (body.contains("\"status\":\"completed\"")
                    || body.contains("\"status\":\"failed\""))) {
                  JobState state = body.contains("\"status\":\"completed\"")
                      ? new JobState.Completed(RenderOutput.EMPTY)
                      : new JobState.Failed("unknown", "failed");
                  store.save(new JobSnapshot(id, state, Instant.now(), Optional.of(body)));
                  return;
                }
              } catch (IOException e) {
                failures.incrementAndGet();
              }
              Thread.sleep(NAIVE_INTERVAL.toMillis());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        }, "poller-" + id);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      sampler.awaitOrLimit(done, limit.plusSeconds(30));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (failures.get() > 0) {
        System.err.println(failures.get() + " requests failed with an I/O error");
      }
      return sampler.report("threads", ids.size(), stored(store), polls.get(), seconds);
    }
  }

  static int stored(JobStore store) {
    return store.findByKind(JobState.Kind.COMPLETED, Integer.MAX_VALUE).size()
        + store.findByKind(JobState.Kind.FAILED, Integer.MAX_VALUE).size();
  }

  /**
   * Samples the process every second: peak live threads; once, 15 s in (every job still
   * rendering and watched), the heap used after a full GC.
   */
  static final class Sampler {
    private final long start = System.nanoTime();
    private int peakThreads;
    private double heapAfterGc = Double.NaN;

    void awaitOrLimit(Object done, Duration limit) throws Exception {
      long end = start + limit.toNanos();
      while (System.nanoTime() < end) {
        peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
        if (Double.isNaN(heapAfterGc) && System.nanoTime() - start > 15e9) {
          heapAfterGc = heapAfterFullGc();
        }
        boolean finished = done instanceof CompletableFuture<?> future
            ? waitFor(future)
            : ((CountDownLatch) done).await(1, TimeUnit.SECONDS);
        if (finished) {
          break;
        }
      }
      if (Double.isNaN(heapAfterGc)) {
        heapAfterGc = heapAfterFullGc();
      }
    }

    private static boolean waitFor(CompletableFuture<?> future) throws InterruptedException {
      try {
        future.get(1, TimeUnit.SECONDS);
        return true;
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        return true;
      }
    }

    static double heapAfterFullGc() {
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    Report report(String client, int jobs, int stored, long polls, double seconds) {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Report(client, jobs, stored, polls, seconds, os.getProcessCpuTime() / 1e9,
          peakThreads, heapAfterGc, maxRssKb());
    }
  }

  /** The process's peak resident set (VmHWM), or 0 where /proc is missing. */
  static long maxRssKb() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("VmHWM:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
