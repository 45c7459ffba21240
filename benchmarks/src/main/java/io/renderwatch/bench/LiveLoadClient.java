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
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.jdbc.JdbcStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The client's JVM for {@link LiveLoad} ({@code engine|engine-sync|threads baseUrl jobs
 * limitSeconds}): the engine or the thread-per-job poller, sampled for CPU and memory; prints a
 * REPORT line.
 */
public final class LiveLoadClient {
  private LiveLoadClient() {}

  /** Runs one client and prints its report. */
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    String baseUrl = args[1];
    int jobs = Integer.parseInt(args[2]);
    Duration limit = Duration.ofSeconds(Long.parseLong(args[3]));
    Path dir = Files.createTempDirectory("renderwatch-liveload-");
    try {
      LiveLoad.Report report = kind.equals("threads")
          ? threads(baseUrl, LiveLoad.ids(jobs), dir, limit)
          : engine(kind, baseUrl, LiveLoad.ids(jobs), dir, limit);
      System.out.println(report.line());
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * The engine: {@code engine} writes progress behind ({@link LiveLoad#PROGRESS_DELAY}),
   * {@code engine-sync} stores every answer before applying it (the engine's default).
   */
  static LiveLoad.Report engine(String kind, String baseUrl, List<JobId> ids, Path dir,
      Duration limit) throws Exception {
    AtomicLong polls = new AtomicLong();
    try (JdbcStores jdbc = JdbcStores.h2File(dir.resolve("jobs"));
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(LiveLoad.KEY).baseUrl(baseUrl)
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
          .writeProgressBehind(kind.equals("engine-sync") ? Duration.ZERO : LiveLoad.PROGRESS_DELAY)
          .policy(policy).build()) {
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        List<JobWatch> watches = watch.watchAll(ids,
            WatchOptions.defaults().withTimeout(limit), WatchListener.NONE);
        System.err.printf(java.util.Locale.ROOT, "watchAll of %,d jobs: %.2f s wall, %.2f s CPU"
                + " of the calling thread%n", ids.size(), (System.nanoTime() - wallBefore) / 1e9,
            (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9);
        CompletableFuture<?>[] results = watches.stream().map(JobWatch::result)
            .toArray(CompletableFuture[]::new);
        sampler.awaitOrLimit(CompletableFuture.allOf(results), limit);
        ThreadCpu.print(polls.get()); // before closing: the engine's threads still live
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return sampler.report(kind, ids.size(), stored(jdbc.jobStore()), polls.get(), seconds);
    }
  }

  static LiveLoad.Report threads(String baseUrl, List<JobId> ids, Path dir, Duration limit)
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
            Thread.sleep(ThreadLocalRandom.current().nextLong(LiveLoad.NAIVE_INTERVAL.toMillis()));
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(baseUrl + "/pictoryapis/v1/jobs/" + id))
                .header("Authorization", LiveLoad.KEY).header("Accept", "application/json")
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
              Thread.sleep(LiveLoad.NAIVE_INTERVAL.toMillis());
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
      ThreadCpu.print(polls.get());
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

    LiveLoad.Report report(String client, int jobs, int stored, long polls, double seconds) {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new LiveLoad.Report(client, jobs, stored, polls, seconds, os.getProcessCpuTime() / 1e9,
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
