package io.renderwatch.bench;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.http.WebhookPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.web.JobFeed;
import io.renderwatch.web.ServeMetrics;
import io.renderwatch.web.WebServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code serve} under load on loopback, in one JVM: the HTTP simulator calling back, the real
 * HTTP source, the engine and the web server. N jobs render 20–60 s; for (a) every callback
 * delivered, (b) 30 % dropped, (c) polling only, it reports requests per job and the detection
 * delay (job ends → result stored) p50/p95; then 1,000 callbacks in about a second, their
 * acceptance latency p99, and threads and heap.
 *
 * <p>The burst's client is a pooled one ({@link BurstClient}: HTTP/1.1 keep-alive, a bounded
 * number of connections and threads), so that the latency measured is the service's.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.ServeLoad [jobs] [rate]}; the
 * burst alone: {@code ... ServeLoad 0}.
 */
public final class ServeLoad {

  private static final String KEY = "pictai_bench_serve";
  private static final String SECRET = "bench-secret-0123456789";
  private static final int WARM_UP = 300;

  private ServeLoad() {}

  /** Runs the three scenarios and the burst; prints Markdown. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    System.out.println("| case | jobs | requests/job | detection p50 | detection p95 | lost |");
    System.out.println("|---|---|---|---|---|---|");
    List<JobId> ended = new ArrayList<>();
    Scenario last = null;
    for (double drop : jobs > 0 ? new double[] {0.0, 0.3, -1} : new double[0]) {
      last = run(jobs, rate, drop, ended);
    }
    while (ended.size() < 1000) {
      ended.add(JobId.random());
    }
    burst(last, ended);
  }

  private record Scenario(WebServer server, RenderWatch engine, PictorySimulator simulator) {}

  private static Scenario run(int jobs, int rate, double drop, List<JobId> ended) throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    SplittableRandom random = new SplittableRandom(42);
    Instant start = Instant.now();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(account.submit(JobScript.completing(Duration.ZERO,
          Duration.ofMillis(20_000 + random.nextInt(40_001))), start));
    }
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    PictorySimulator.Builder sim = PictorySimulator.builder().apiKey(KEY).account(account)
        .executorThreads(16);
    if (drop >= 0) {
      sim.webhook(WebhookPlan.to(URI.create("http://127.0.0.1:" + port + "/webhooks/pictory/"
          + SECRET)).dropping(drop));
    }
    PictorySimulator simulator = sim.build();
    PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
        .baseUrl(simulator.baseUrl().toString()).allowInsecureHttp(true)
        .maxRequests(16).maxRequestsPerHost(16).build();
    JobFeed feed = new JobFeed();
    ServeMetrics metrics = new ServeMetrics();
    Map<JobId, Instant> stored = new ConcurrentHashMap<>();
    InMemoryJobStore store = new InMemoryJobStore();
    RenderWatch engine = RenderWatch.builder()
        .source(metrics.counting(http))
        .store(store)
        .listener(event -> {
          feed.onEvent(event);
          if (event instanceof WatchEvent.Completed) {
            stored.putIfAbsent(event.jobId(), Instant.now());
          }
        })
        .policy(PollPolicy.builder().intervals(Duration.ofSeconds(10), Duration.ofSeconds(30))
            .budget(rate, Duration.ofSeconds(1)).maxInFlight(16).build())
        .build();
    WebServer server = WebServer.builder().engine(engine).store(store).feed(feed)
        .metrics(metrics).webhookSecret(SECRET).host("127.0.0.1").port(port).build();
    server.start();
    for (JobId id : ids) {
      engine.watch(id);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (stored.size() < jobs && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<Long> delays = new ArrayList<>();
    for (JobId id : ids) {
      Instant at = stored.get(id);
      if (at != null) {
        delays.add(Duration.between(account.endsAt(id).orElseThrow(), at).toMillis());
      }
    }
    delays.sort(Long::compare);
    String name = drop < 0 ? "(c) polling only" : drop == 0 ? "(a) every callback"
        : "(b) " + Math.round(drop * 100) + " % callbacks dropped";
    System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f s | %.2f s | %d |%n", name, jobs,
        account.requests() / (double) jobs, pct(delays, 0.50) / 1000.0,
        pct(delays, 0.95) / 1000.0, jobs - delays.size());
    if (drop == 0) {
      ended.addAll(ids);
    }
    if (drop >= 0) {
      server.close();
      engine.close();
      http.close();
      simulator.close();
      return null;
    }
    return new Scenario(server, engine, simulator);
  }

  private static void burst(Scenario scenario, List<JobId> ended) throws Exception {
    // Callbacks for jobs whose results are stored: each is accepted and costs no request.
    SimulatedAccount none = SimulatedAccount.builder().build();
    InMemoryJobStore store = new InMemoryJobStore();
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(none)
        .build();
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
            .baseUrl(simulator.baseUrl().toString()).allowInsecureHttp(true).build()) {
      JobFeed feed = new JobFeed();
      ServeMetrics metrics = new ServeMetrics();
      RenderWatch engine = RenderWatch.builder().source(metrics.counting(http)).store(store)
          .listener(feed).build();
      for (JobId id : ended) {
        store.save(io.renderwatch.core.model.JobSnapshot.of(id,
            new io.renderwatch.core.model.JobState.Completed(JobScript.outputOf(id)),
            Instant.now()));
      }
      WebServer server = WebServer.builder().engine(engine).store(store).feed(feed)
          .metrics(metrics).webhookSecret(SECRET).host("127.0.0.1").port(0).build();
      server.start();
      BurstClient client = new BurstClient(URI.create(server.url() + "/webhooks/pictory/"
          + SECRET));
      client.burst(ended, WARM_UP, Duration.ofMillis(WARM_UP)); // JIT and connections, unmeasured
      BurstClient.Result result = client.burst(ended, 1000, Duration.ofSeconds(1));
      client.close();
      List<Long> latencies = result.micros();
      int refused = result.refused();
      latencies.sort(Long::compare);
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(Locale.ROOT, "%nBurst: 1,000 callbacks in %.2f s (after %d unmeasured,"
          + " over at most %d keep-alive connections): acceptance p50 %.1f ms, p99 %.1f ms, %d not"
          + " accepted, %d requests to Pictory; %d threads, heap %d MiB after GC.%n",
          result.seconds(), WARM_UP, BurstClient.CONNECTIONS, pct(latencies, 0.5) / 1000.0,
          pct(latencies, 0.99) / 1000.0, refused, none.requests(), Thread.activeCount(),
          heap / (1024 * 1024));
      server.close();
      engine.close();
    }
    if (scenario != null) {
      scenario.server().close();
      scenario.engine().close();
      scenario.simulator().close();
    }
    Optional.empty();
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
