package io.renderwatch.bench;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ProgressCurve;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs every polling policy through the same simulated, rate-limited Pictory account in virtual
 * time, and reports requests per job, 429s, detection delay and simulator speed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.PolicySimulation [seed]
 * [results.csv] [scenario...]}.
 */
public final class PolicySimulation {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration LATENCY = Duration.ofMillis(150);
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final int RATE = 5;
  static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  private PolicySimulation() {}

  /** One job of a scenario: when it is submitted, and its script. */
  record Arrival(JobId id, Duration at, JobScript script) {}

  /** A named list of arrivals and how long to simulate after the last one. */
  record Scenario(String name, List<Arrival> arrivals, Duration horizon) {}

  /** The figures of one policy in one scenario. */
  record Result(String scenario, String policy, int jobs, double requestsPerJob, long tooMany,
      double p50, double p95, double max, int gaveUp, double pollsPerCpuSecond, int late) {}

  /**
   * The latest a fixed 30 s poller without 429s sees a job: one interval and one answer after it
   * ends. A job seen later than this counts as "late".
   */
  static final double FIXED_30S_WORST = 30 + LATENCY.toMillis() / 1000.0;

  /** A way of polling, run on the scenario's virtual clock. */
  interface Policy {
    String name();

    /** Starts watching every job at its arrival; calls {@code seen} with the first terminal. */
    void run(Scenario scenario, VirtualScheduler clock, SimulatedAccount account,
        Consumer<JobSnapshot> seen);
  }

  // ------------------------------------------------------------------ scenarios

  static Scenario light(long seed) {
    return poisson("light", 500, Duration.ofHours(1), seed);
  }

  static Scenario heavy(long seed) {
    return poisson("heavy", 3600, Duration.ofHours(1), seed);
  }

  static Scenario burst(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Arrival> arrivals = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      arrivals.add(new Arrival(new JobId(new java.util.UUID(seed, i)), Duration.ZERO,
          script(random)));
    }
    return new Scenario("burst", arrivals, Duration.ofHours(3));
  }

  static Scenario poisson(String name, int jobs, Duration span, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double meanGap = (double) span.toNanos() / jobs;
    List<Arrival> arrivals = new ArrayList<>();
    double at = 0;
    for (int i = 0; i < jobs; i++) {
      at += -Math.log(1 - random.nextDouble()) * meanGap;
      arrivals.add(new Arrival(new JobId(new java.util.UUID(seed, i)),
          Duration.ofNanos((long) at), script(random)));
    }
    return new Scenario(name, arrivals, Duration.ofHours(2));
  }

  /**
   * Queued uniform 0–60 s; render log-normal with median 4 min and p95 of about 15 min; progress
   * roughly linear with noise and, for one job in five, a stall.
   */
  static JobScript script(SplittableRandom random) {
    double sigma = Math.log(15.0 / 4.0) / 1.6449;
    double render = 240 * Math.exp(sigma * gaussian(random));
    Duration queued = Duration.ofMillis((long) (random.nextDouble() * 60_000));
    Duration running = Duration.ofMillis((long) (render * 1000));
    boolean stalls = random.nextDouble() < 0.2;
    double stallAt = 0.2 + 0.6 * random.nextDouble();
    double stallLength = stalls ? 0.05 + 0.15 * random.nextDouble() : 0;
    long noiseSeed = random.nextLong();
    return JobScript.completing(queued, running)
        .withCurve(new NoisyCurve(stallAt, stallLength, noiseSeed));
  }

  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Linear progress with a flat stall and a few percent of deterministic noise. */
  record NoisyCurve(double stallAt, double stallLength, long seed) implements ProgressCurve {
    @Override
    public int percentAt(double fraction) {
      // Outside the stall progress runs 1/(1 - stallLength) faster, so it reaches 100 at the end.
      double rate = 1 / (1 - stallLength);
      double effective;
      if (fraction < stallAt) {
        effective = fraction * rate;
      } else if (fraction < stallAt + stallLength) {
        effective = stallAt * rate;
      } else {
        effective = (fraction - stallLength) * rate;
      }
      long bucket = (long) (fraction * 50);
      double noise = (new SplittableRandom(seed ^ (bucket * 0x9E3779B97F4A7C15L)).nextDouble()
          - 0.5) * 4;
      return ProgressCurve.clamp((int) Math.round(effective * 100 + noise));
    }
  }

  // ------------------------------------------------------------------ policies

  /** Renderwatch's engine with its default policy. */
  static final class Engine implements Policy {
    @Override
    public String name() {
      return "renderwatch";
    }

    @Override
    public void run(Scenario scenario, VirtualScheduler clock, SimulatedAccount account,
        Consumer<JobSnapshot> seen) {
      JobStatusSource source = new ScriptedStatusSource(account, clock, LATENCY, TIMEOUT);
      RenderWatch watch = RenderWatch.builder().source(source).store(new InMemoryJobStore())
          .registry(new InMemoryWatchRegistry()).scheduler(clock)
          .policy(PollPolicy.defaults()).seed(1).build();
      for (Arrival arrival : scenario.arrivals()) {
        clock.schedule(arrival.at(), () -> watch.watch(arrival.id(), WatchOptions.defaults(),
            WatchListener.NONE).result().thenAccept(seen));
      }
    }
  }

  /** A poller per job at a fixed interval that waits the Retry-After on a 429. */
  static final class Fixed implements Policy {
    private final Duration interval;
    private final Duration giveUp;
    private final String name;

    Fixed(String name, Duration interval, Duration giveUp) {
      this.name = name;
      this.interval = interval;
      this.giveUp = giveUp;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void run(Scenario scenario, VirtualScheduler clock, SimulatedAccount account,
        Consumer<JobSnapshot> seen) {
      JobStatusSource source = new ScriptedStatusSource(account, clock, LATENCY, TIMEOUT);
      for (Arrival arrival : scenario.arrivals()) {
        clock.schedule(arrival.at(), () -> poll(source, clock, arrival.id(), clock.now(), seen));
      }
    }

    private void poll(JobStatusSource source, VirtualScheduler clock, JobId id, Instant start,
        Consumer<JobSnapshot> seen) {
      if (giveUp != null && Duration.between(start, clock.now()).compareTo(giveUp) > 0) {
        return;
      }
      source.fetch(id).whenComplete((snapshot, error) -> {
        if (snapshot != null && snapshot.isTerminal()) {
          seen.accept(snapshot);
          return;
        }
        Duration wait = interval;
        Duration retryAfter = retryAfter(error);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
          wait = retryAfter;
        }
        clock.schedule(wait, () -> poll(source, clock, id, start, seen));
      });
    }
  }

  /** Google's long-running-operation defaults: 5 s × 1.5 up to 45 s, full jitter. */
  static final class Exponential implements Policy {
    @Override
    public String name() {
      return "exponential 5s×1.5≤45s";
    }

    @Override
    public void run(Scenario scenario, VirtualScheduler clock, SimulatedAccount account,
        Consumer<JobSnapshot> seen) {
      JobStatusSource source = new ScriptedStatusSource(account, clock, LATENCY, TIMEOUT);
      SplittableRandom random = new SplittableRandom(3);
      for (Arrival arrival : scenario.arrivals()) {
        clock.schedule(arrival.at(), () -> poll(source, clock, random, arrival.id(), 0, seen));
      }
    }

    private void poll(JobStatusSource source, VirtualScheduler clock, SplittableRandom random,
        JobId id, int attempt, Consumer<JobSnapshot> seen) {
      source.fetch(id).whenComplete((snapshot, error) -> {
        if (snapshot != null && snapshot.isTerminal()) {
          seen.accept(snapshot);
          return;
        }
        double ceiling = Math.min(45, 5 * Math.pow(1.5, attempt));
        Duration wait = Duration.ofMillis((long) (random.nextDouble() * ceiling * 1000));
        Duration retryAfter = retryAfter(error);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
          wait = retryAfter;
        }
        clock.schedule(wait, () -> poll(source, clock, random, id, attempt + 1, seen));
      });
    }
  }

  /** One request exactly at completion, from an account without a rate limit: the bound. */
  static final class Oracle implements Policy {
    @Override
    public String name() {
      return "oracle";
    }

    @Override
    public void run(Scenario scenario, VirtualScheduler clock, SimulatedAccount account,
        Consumer<JobSnapshot> seen) {
      JobStatusSource source = new ScriptedStatusSource(account, clock, LATENCY, TIMEOUT);
      for (Arrival arrival : scenario.arrivals()) {
        Duration end = arrival.at().plus(arrival.script().endsAfter());
        clock.schedule(end, () -> source.fetch(arrival.id()).thenAccept(seen));
      }
    }
  }

  static Duration retryAfter(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof SourceException failure
        && failure.kind() == SourceException.Kind.RATE_LIMITED) {
      return failure.retryAfter().orElse(RETRY_AFTER);
    }
    return null;
  }

  static List<Policy> policies() {
    return List.of(new Engine(), new Fixed("fixed 10s", Duration.ofSeconds(10), null),
        new Fixed("fixed 30s + 30 min give-up", Duration.ofSeconds(30), Duration.ofMinutes(30)),
        new Exponential(), new Oracle());
  }

  // ------------------------------------------------------------------ running

  static Result run(Scenario scenario, Policy policy) {
    VirtualScheduler clock = new VirtualScheduler(T0);
    SimulatedAccount.Builder builder = SimulatedAccount.builder().retryAfter(RETRY_AFTER);
    if (!(policy instanceof Oracle)) {
      builder.rateLimit(RATE, Duration.ofSeconds(1));
    }
    SimulatedAccount account = builder.build();
    Map<JobId, Instant> ends = new HashMap<>();
    for (Arrival arrival : scenario.arrivals()) {
      account.add(arrival.id(), arrival.script(), T0.plus(arrival.at()));
      ends.put(arrival.id(), T0.plus(arrival.at()).plus(arrival.script().endsAfter()));
    }
    Map<JobId, Instant> seenAt = new HashMap<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    policy.run(scenario, clock, account, snapshot ->
        seenAt.putIfAbsent(snapshot.id(), snapshot.observedAt()));
    Duration last = scenario.arrivals().stream().map(Arrival::at).max(Duration::compareTo)
        .orElse(Duration.ZERO);
    clock.advanceBy(last.plus(scenario.horizon()));
    long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;

    // A job never seen counts as an infinite delay: percentiles are over all jobs.
    double[] delays = ends.entrySet().stream()
        .mapToDouble(e -> seenAt.containsKey(e.getKey())
            ? Duration.between(e.getValue(), seenAt.get(e.getKey())).toNanos() / 1e9
            : Double.POSITIVE_INFINITY)
        .sorted().toArray();
    int jobs = scenario.arrivals().size();
    return new Result(scenario.name(), policy.name(), jobs, (double) account.requests() / jobs,
        account.rateLimited(), percentile(delays, 0.50), percentile(delays, 0.95),
        delays[delays.length - 1], jobs - seenAt.size(), account.requests() / (cpu / 1e9),
        (int) Arrays.stream(delays).filter(d -> d > FIXED_30S_WORST + 1e-9).count());
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Runs the scenarios named (all by default) and prints a Markdown table. */
  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 2026;
    Path csv = args.length > 1 ? Path.of(args[1]) : null;
    List<String> wanted = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
        : List.of("light", "heavy", "burst");
    List<Result> results = new ArrayList<>();
    for (String name : wanted) {
      Scenario scenario = switch (name) {
        case "light" -> light(seed);
        case "heavy" -> heavy(seed);
        case "burst" -> burst(seed);
        default -> {
          if (!CurveScenarios.NAMES.contains(name)) {
            throw new IllegalArgumentException("Unknown scenario: " + name
                + " (light, heavy, burst, " + String.join(", ", CurveScenarios.NAMES) + ")");
          }
          yield CurveScenarios.of(name, seed);
        }
      };
      String only = System.getProperty("policy", "");
      for (Policy policy : policies()) {
        if (only.isEmpty() || policy.name().startsWith(only)) {
          results.add(run(scenario, policy));
        }
      }
    }
    print(results, System.out);
    if (csv != null) {
      StringBuilder out = new StringBuilder(
          "scenario,policy,jobs,requests_per_job,429s,p50_s,p95_s,max_s,gave_up,polls_per_cpu_s,"
              + "late_over_30s\n");
      for (Result r : results) {
        out.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%d,%.2f,%.2f,%.2f,%d,%.0f,%d%n",
            r.scenario(), r.policy(), r.jobs(), r.requestsPerJob(), r.tooMany(), r.p50(), r.p95(),
            r.max(), r.gaveUp(), r.pollsPerCpuSecond(), r.late()));
      }
      Files.writeString(csv, out);
    }
  }

  static void print(List<Result> results, PrintStream out) {
    out.println("| scenario | policy | requests/job | × oracle | 429s | delay p50 s | p95 s "
        + "| max s | gave up | seen > 30.15 s late | polls per CPU-s |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Map<String, Double> oracle = new HashMap<>();
    for (Result r : results) {
      if (r.policy().equals("oracle")) {
        oracle.put(r.scenario(), r.requestsPerJob());
      }
    }
    for (Result r : results) {
      double ratio = r.requestsPerJob() / oracle.getOrDefault(r.scenario(), Double.NaN);
      out.printf(Locale.ROOT,
          "| %s | %s | %.2f | %.2f | %d | %.1f | %.1f | %.1f | %d | %d | %,.0f |%n",
          r.scenario(), r.policy(), r.requestsPerJob(), ratio, r.tooMany(), r.p50(), r.p95(),
          r.max(), r.gaveUp(), r.late(), r.pollsPerCpuSecond());
    }
  }
}
