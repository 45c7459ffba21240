package io.renderwatch.bench;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.SendReasons;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The profile of the requests in issue 16's loopback workload ({@link Loopback}), in virtual
 * time over many seeds: each client's requests per job broken down by why each was sent and
 * what it found (queued, running, the end, an error), so that the gap between Renderwatch's
 * requests per job and the fixed 30 s poller's can be read line by line. Why Renderwatch sent a
 * poll is read from the engine's own state as the poll leaves ({@link SendReasons}); the fixed
 * poller sends its first poll at registration and every other one 30 s after the last.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.LoopbackRequests [seeds]
 * [first]} (default 100 seeds from 1). Exact; about as fast as {@link LoopbackSeeds}.
 */
public final class LoopbackRequests {

  private LoopbackRequests() {}

  /** Requests by "why / found", summed over jobs and seeds. */
  static final class Tally {
    final Map<String, Long> counts = new TreeMap<>();
    long jobs;
    /** Over the engine's jobs: the running phase's intervals, and their floors at 29 and 30 s. */
    long runningIntervals;
    long floor29;
    long floor30;

    void add(String why, String found) {
      counts.merge(why + " | " + found, 1L, Long::sum);
    }

    double perJob(String key) {
      return counts.getOrDefault(key, 0L) / (double) jobs;
    }

    double found(String answer) {
      return counts.entrySet().stream().filter(e -> e.getKey().endsWith(" | " + answer))
          .mapToLong(Map.Entry::getValue).sum() / (double) jobs;
    }

    double total() {
      return counts.values().stream().mapToLong(Long::longValue).sum() / (double) jobs;
    }
  }

  /** Runs the seeds and prints the profile as a Markdown table. */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
    Tally engine = new Tally();
    Tally fixed = new Tally();
    double lowerBound = 0;
    for (long seed = first; seed < first + seeds; seed++) {
      Map<JobId, JobScript> scripts = Loopback.scripts(seed);
      engine(seed, scripts, engine);
      fixed(scripts, fixed);
      for (JobScript script : scripts.values()) {
        // Polls at most 30 s apart from registration to after the end: ceil(T / 30) + 1.
        lowerBound += Math.ceil(script.endsAfter().toNanos() / 30e9) + 1;
      }
    }
    lowerBound /= engine.jobs;
    System.out.printf(Locale.ROOT, "virtual time, seeds %d..%d, %d jobs each, account limit %d/s;"
        + " requests per job, mean over all jobs of all seeds%n", first, first + seeds - 1,
        Loopback.JOBS, Loopback.LIMIT);
    System.out.println("| why the request was sent | what it found | renderwatch | fixed 30 s "
        + "poller | difference |");
    System.out.println("|---|---|---:|---:|---:|");
    Map<String, Boolean> keys = new LinkedHashMap<>();
    engine.counts.keySet().forEach(k -> keys.put(k, true));
    fixed.counts.keySet().forEach(k -> keys.put(k, true));
    keys.keySet().stream().sorted(LoopbackRequests::byReasonThenAnswer).forEach(key -> {
      String[] parts = key.split(" \\| ");
      System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %+.3f |%n", parts[0], parts[1],
          engine.perJob(key), fixed.perJob(key), engine.perJob(key) - fixed.perJob(key));
    });
    System.out.printf(Locale.ROOT, "| **all** | | **%.3f** | **%.3f** | **%+.3f** (%+.1f %%) |%n",
        engine.total(), fixed.total(), engine.total() - fixed.total(),
        100 * (engine.total() / fixed.total() - 1));
    System.out.printf(Locale.ROOT, "%n| what it found (all reasons) | renderwatch "
        + "| fixed 30 s poller | difference |%n|---|---:|---:|---:|%n");
    for (String found : new String[] {"queued", "running", "the end", "an error"}) {
      double e = engine.found(found);
      double f = fixed.found(found);
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %+.3f |%n", found, e, f, e - f);
    }
    System.out.printf(Locale.ROOT, "%nrenderwatch's running phase (from its first poll that found"
        + " the job running to the one that saw the end), intervals per job: %.3f used; %.3f if"
        + " each were the full 29 s ceiling; %.3f if each were 30 s%n",
        engine.runningIntervals / (double) engine.jobs, engine.floor29 / (double) engine.jobs,
        engine.floor30 / (double) engine.jobs);
    System.out.printf(Locale.ROOT, "%nfloor for any poller whose polls of a job are at most 30 s"
        + " apart, from registration to one poll after the end: ceil(T / 30 s) + 1 = %.3f per"
        + " job%n", lowerBound);
  }

  private static int byReasonThenAnswer(String a, String b) {
    int byReason = Integer.compare(order(a.split(" \\| ")[0]), order(b.split(" \\| ")[0]));
    return byReason != 0 ? byReason : a.compareTo(b);
  }

  private static int order(String why) {
    for (SendReasons.Reason reason : SendReasons.Reason.values()) {
      if (reason.text().equals(why)) {
        return reason.ordinal();
      }
    }
    return SendReasons.Reason.values().length; // the fixed poller's own names last
  }

  /** The engine on the seed's jobs, as in {@link Loopback#virtual}, with each poll's reason. */
  static void engine(long seed, Map<JobId, JobScript> scripts, Tally tally) {
    VirtualScheduler clock = new VirtualScheduler(PolicySimulation.T0);
    SimulatedAccount account = Loopback.account(scripts, Loopback.LIMIT, clock.now());
    ScriptedStatusSource scripted = new ScriptedStatusSource(account, clock,
        Duration.ofMillis(5), Duration.ofSeconds(30));
    Map<JobId, Deque<String>> why = new HashMap<>();
    Map<JobId, long[]> phase = new HashMap<>(); // first running poll, the poll that saw the end
    Map<JobId, Integer> runningPolls = new HashMap<>();
    JobStatusSource source = id -> {
      String reason = why.get(id).pollFirst();
      long sent = clock.now().toEpochMilli();
      CompletableFuture<JobSnapshot> answer = scripted.fetch(id);
      answer.whenComplete((snapshot, error) -> {
        String found = found(snapshot, error);
        tally.add(reason, found);
        long[] span = phase.computeIfAbsent(id, k -> new long[] {-1, -1});
        if (found.equals("running") || found.equals("the end")) {
          if (span[0] < 0) {
            span[0] = sent;
          }
          if (found.equals("the end")) {
            span[1] = sent;
          } else {
            runningPolls.merge(id, 1, Integer::sum);
          }
        }
      });
      return answer;
    };
    RenderWatch watch = RenderWatch.builder().source(source).scheduler(clock)
        .policy(Loopback.policy()).seed(seed).build();
    SendReasons.trace(watch, (id, reason) ->
        why.computeIfAbsent(id, k -> new ArrayDeque<>()).add(reason.text()));
    for (JobId id : scripts.keySet()) {
      watch.watch(id, WatchOptions.defaults(), WatchListener.NONE);
    }
    clock.advanceBy(Duration.ofMinutes(30));
    watch.close();
    tally.jobs += scripts.size();
    for (Map.Entry<JobId, long[]> e : phase.entrySet()) {
      long[] span = e.getValue();
      if (span[0] >= 0 && span[1] >= 0 && span[1] > span[0]) {
        tally.runningIntervals += runningPolls.getOrDefault(e.getKey(), 0);
        tally.floor29 += (long) Math.ceil((span[1] - span[0]) / 29_000.0);
        tally.floor30 += (long) Math.ceil((span[1] - span[0]) / 30_000.0);
      }
    }
  }

  /** Pictory's helper on the same jobs: a poll at registration, then every 30 s until the end. */
  static void fixed(Map<JobId, JobScript> scripts, Tally tally) {
    VirtualScheduler clock = new VirtualScheduler(PolicySimulation.T0);
    SimulatedAccount account = Loopback.account(scripts, 0, clock.now());
    ScriptedStatusSource source = new ScriptedStatusSource(account, clock,
        Duration.ofMillis(5), Duration.ofSeconds(30));
    for (JobId id : scripts.keySet()) {
      poll(source, clock, id, "the registration poll", tally);
    }
    clock.advanceBy(Duration.ofMinutes(30));
    tally.jobs += scripts.size();
  }

  private static void poll(ScriptedStatusSource source, VirtualScheduler clock, JobId id,
      String why, Tally tally) {
    source.fetch(id).whenComplete((snapshot, error) -> {
      tally.add(why, found(snapshot, error));
      if (snapshot == null || !snapshot.isTerminal()) {
        clock.schedule(Loopback.FIXED, () -> poll(source, clock, id, "30 s after the last", tally));
      }
    });
  }

  private static String found(JobSnapshot snapshot, Throwable error) {
    if (error != null) {
      return "an error";
    }
    return snapshot.isTerminal() ? "the end" : snapshot.state().kind().name().toLowerCase(
        Locale.ROOT);
  }
}
