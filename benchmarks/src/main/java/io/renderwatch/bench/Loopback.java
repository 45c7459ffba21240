package io.renderwatch.bench;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.http.ServedRequest;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16's side-by-side workload: 20 jobs queued uniformly 0–60 s, rendering log-normal with
 * median 240 s and σ 0.8 clamped to 40–1200 s, progress linear; Renderwatch (default intervals
 * 10–30 s, {@code --rate} equal to the account's limit of 3/s) against Pictory's own helper, a
 * fixed 30 s poller per job. Each client gets its own simulator over the same scripts, started at
 * the same moment; the fixed poller's has no rate limit (with one it dies on its first 429).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.Loopback [seed] [real|virtual]}:
 * {@code real} runs on loopback HTTP in real time (about 21 minutes), {@code virtual} the same
 * in virtual time in a second.
 */
public final class Loopback {

  static final int JOBS = 20;
  static final int LIMIT = 3;
  static final Duration FIXED = Duration.ofSeconds(30);
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);
  static final String KEY = "pictai_loopback_5c1d0e";

  private Loopback() {}

  /** One client's figures. */
  record Row(String client, double requestsPerJob, double p50, double p95, double max,
      long tooMany, int unseen, int closerThanMin, int furtherThanMax) {}

  /** The workload's scripts, by job, for the seed. */
  static Map<JobId, JobScript> scripts(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<JobId, JobScript> scripts = new java.util.LinkedHashMap<>();
    for (int i = 0; i < JOBS; i++) {
      Duration queued = Duration.ofMillis((long) (random.nextDouble() * 60_000));
      double render = 240 * Math.exp(0.8 * PolicySimulation.gaussian(random));
      render = Math.max(40, Math.min(1200, render));
      scripts.put(new JobId(new UUID(seed, i)),
          JobScript.completing(queued, Duration.ofMillis((long) (render * 1000))));
    }
    return scripts;
  }

  static SimulatedAccount account(Map<JobId, JobScript> scripts, int limit, Instant start) {
    SimulatedAccount account = SimulatedAccount.builder().rateLimit(limit, Duration.ofSeconds(1))
        .retryAfter(RETRY_AFTER).build();
    scripts.forEach((id, script) -> account.add(id, script, start));
    return account;
  }

  /** The engine's policy: the defaults with {@code --rate} equal to the account's limit. */
  static PollPolicy policy() {
    return PollPolicy.defaults().toBuilder().budget(LIMIT, Duration.ofSeconds(1)).build();
  }

  // ------------------------------------------------------------------ virtual time

  static List<Row> virtual(long seed) {
    Map<JobId, JobScript> scripts = scripts(seed);
    List<Row> rows = new ArrayList<>();
    {
      VirtualScheduler clock = new VirtualScheduler(PolicySimulation.T0);
      SimulatedAccount account = account(scripts, LIMIT, clock.now());
      Map<JobId, List<Instant>> polls = new ConcurrentHashMap<>();
      ScriptedStatusSource scripted = new ScriptedStatusSource(account, clock,
          Duration.ofMillis(5), Duration.ofSeconds(30));
      JobStatusSource source = id -> {
        polls.computeIfAbsent(id, k -> new ArrayList<>()).add(clock.now());
        return scripted.fetch(id);
      };
      Map<JobId, Instant> seen = new ConcurrentHashMap<>();
      RenderWatch engine = RenderWatch.builder().source(source).scheduler(clock)
          .policy(policy()).seed(seed).build();
      for (JobId id : scripts.keySet()) {
        engine.watch(id, WatchOptions.defaults(), WatchListener.NONE).result()
            .thenAccept(s -> seen.put(id, clock.now()));
      }
      clock.advanceBy(Duration.ofMinutes(30));
      engine.close();
      rows.add(row("renderwatch", account, scripts, PolicySimulation.T0,
          seen, polls));
    }
    {
      VirtualScheduler clock = new VirtualScheduler(PolicySimulation.T0);
      SimulatedAccount account = account(scripts, 0, clock.now());
      ScriptedStatusSource source = new ScriptedStatusSource(account, clock,
          Duration.ofMillis(5), Duration.ofSeconds(30));
      Map<JobId, Instant> seen = new ConcurrentHashMap<>();
      for (JobId id : scripts.keySet()) {
        fixedVirtual(source, clock, id, seen);
      }
      clock.advanceBy(Duration.ofMinutes(30));
      rows.add(row("fixed 30 s poller", account, scripts, PolicySimulation.T0, seen, Map.of()));
    }
    return rows;
  }

  private static void fixedVirtual(ScriptedStatusSource source, VirtualScheduler clock, JobId id,
      Map<JobId, Instant> seen) {
    source.fetch(id).whenComplete((snapshot, error) -> {
      if (snapshot != null && snapshot.isTerminal()) {
        seen.put(id, clock.now());
      } else {
        clock.schedule(FIXED, () -> fixedVirtual(source, clock, id, seen));
      }
    });
  }

  // ------------------------------------------------------------------ real time

  static List<Row> real(long seed) throws Exception {
    Map<JobId, JobScript> scripts = scripts(seed);
    Instant start = Instant.now();
    SimulatedAccount engineAccount = account(scripts, LIMIT, start);
    SimulatedAccount fixedAccount = account(scripts, 0, start);
    try (PictorySimulator engineSim = PictorySimulator.builder().apiKey(KEY).port(0)
            .account(engineAccount).build();
        PictorySimulator fixedSim = PictorySimulator.builder().apiKey(KEY).port(0)
            .account(fixedAccount).build();
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
            .baseUrl(engineSim.baseUrl().toString()).build();
        RenderWatch engine = RenderWatch.builder().source(http).policy(policy()).seed(seed)
            .build()) {
      Map<JobId, Instant> engineSeen = new ConcurrentHashMap<>();
      List<CompletableFuture<?>> done = new ArrayList<>();
      for (JobId id : scripts.keySet()) {
        done.add(engine.watch(id, WatchOptions.defaults(), WatchListener.NONE).result()
            .thenAccept(s -> engineSeen.put(id, Instant.now())));
      }
      Map<JobId, Instant> fixedSeen = new ConcurrentHashMap<>();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<Thread> pollers = new ArrayList<>();
      for (JobId id : scripts.keySet()) {
        Thread poller = new Thread(() -> fixedReal(client, fixedSim.baseUrl(), id, fixedSeen),
            "fixed-" + id);
        poller.setDaemon(true);
        poller.start();
        pollers.add(poller);
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
      for (Thread poller : pollers) {
        poller.join(TimeUnit.MINUTES.toMillis(2));
      }
      List<Row> rows = new ArrayList<>();
      rows.add(row("renderwatch", engineAccount, scripts, start, engineSeen,
          pollsOf(engineSim.served())));
      rows.add(row("fixed 30 s poller", fixedAccount, scripts, start, fixedSeen, Map.of()));
      return rows;
    }
  }

  /** Pictory's helper: ask, and if not done sleep 30 s and ask again; give up on any 429. */
  private static void fixedReal(HttpClient client, URI base, JobId id, Map<JobId, Instant> seen) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/pictoryapis/v1/jobs/" + id))
        .header("Authorization", KEY).GET().build();
    try {
      while (true) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429) {
          return;
        }
        String body = response.body();
        if (body.contains("\"status\":\"completed\"") || body.contains("\"status\":\"failed\"")) {
          seen.put(id, Instant.now());
          return;
        }
        Thread.sleep(FIXED.toMillis());
      }
    } catch (Exception e) {
      // A poller that fails stops, as the helper's process would.
    }
  }

  private static Map<JobId, List<Instant>> pollsOf(List<ServedRequest> served) {
    Map<JobId, List<Instant>> polls = new java.util.HashMap<>();
    for (ServedRequest r : served) {
      if (!r.jobId().isEmpty()) {
        polls.computeIfAbsent(JobId.parse(r.jobId()), k -> new ArrayList<>()).add(r.at());
      }
    }
    return polls;
  }

  // ------------------------------------------------------------------ figures

  static Row row(String client, SimulatedAccount account, Map<JobId, JobScript> scripts,
      Instant start, Map<JobId, Instant> seen, Map<JobId, List<Instant>> polls) {
    double[] delays = scripts.entrySet().stream()
        .mapToDouble(e -> seen.containsKey(e.getKey())
            ? Duration.between(start.plus(e.getValue().endsAfter()), seen.get(e.getKey()))
                .toMillis() / 1000.0
            : Double.POSITIVE_INFINITY)
        .sorted().toArray();
    PollPolicy policy = policy();
    int closer = 0;
    int further = 0;
    for (List<Instant> times : polls.values()) {
      List<Instant> sorted = times.stream().sorted().toList();
      for (int i = 1; i < sorted.size(); i++) {
        Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
        if (gap.compareTo(policy.minInterval()) < 0) {
          closer++;
        }
        if (gap.compareTo(policy.maxInterval()) > 0) {
          further++;
        }
      }
    }
    return new Row(client, (double) account.requests() / scripts.size(),
        PolicySimulation.percentile(delays, 0.5), PolicySimulation.percentile(delays, 0.95),
        delays[delays.length - 1], account.rateLimited(), scripts.size() - seen.size(), closer,
        further);
  }

  /** Runs the comparison and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 2026;
    boolean real = args.length > 1 && args[1].equals("real");
    List<Row> rows = real ? real(seed) : virtual(seed);
    System.out.printf(Locale.ROOT, "%s time, seed %d, %d jobs, account limit %d/s%n",
        real ? "real" : "virtual", seed, JOBS, LIMIT);
    System.out.println("| client | requests/job | delay p50 s | p95 s | max s | 429s | unseen "
        + "| gaps < min | gaps > max |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f | %d | %d | %d | %d |%n",
          r.client(), r.requestsPerJob(), r.p50(), r.p95(), r.max(), r.tooMany(), r.unseen(),
          r.closerThanMin(), r.furtherThanMax());
    }
  }
}
