package io.renderwatch.demo.plan;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Runs a {@link Workload} through the real engine ({@link RenderWatch} with its default policy
 * and the given budget) in virtual time, against a simulated account that answers 429 beyond its
 * limit, and sums the run up as a {@link Plan}.
 *
 * <p>Jobs are drawn one at a time as they arrive and forgotten (by the account and the store)
 * once their result is seen, so the heap holds only the jobs in flight. With webhooks, each job
 * whose webhook is not lost is hinted to the engine ({@link RenderWatch#hint}) one second after
 * it ends: one confirming poll through the shared budget, sharing one already due or in flight.
 */
public final class Planner {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** How long each simulated request takes. */
  static final Duration LATENCY = Duration.ofMillis(150);
  /** The Retry-After the account sends with a 429. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(10);
  /** How long after a job ends its webhook arrives. */
  static final Duration WEBHOOK_DELAY = Duration.ofSeconds(1);
  /** How much virtual time passes between checks that every job is settled. */
  private static final Duration STEP = Duration.ofMinutes(10);

  private final Workload workload;
  private final int rate;
  private final int accountLimit;
  private final OptionalDouble webhooksLost;

  /**
   * A planner for the workload.
   *
   * @param rate the engine's budget, requests per second
   * @param accountLimit the account's limit, requests per second
   * @param webhooksLost the share (0–1) of completion webhooks lost, or empty for no webhooks
   */
  public Planner(Workload workload, int rate, int accountLimit, OptionalDouble webhooksLost) {
    this.workload = Objects.requireNonNull(workload, "workload == null");
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be >= 1 but was " + rate);
    }
    if (accountLimit < 1) {
      throw new IllegalArgumentException("account limit must be >= 1 but was " + accountLimit);
    }
    Objects.requireNonNull(webhooksLost, "webhooksLost == null");
    webhooksLost.ifPresent(lost -> {
      if (!(lost >= 0 && lost <= 1)) {
        throw new IllegalArgumentException("the share of webhooks lost must be between 0 and 1"
            + " but was " + lost);
      }
    });
    this.rate = rate;
    this.accountLimit = accountLimit;
    this.webhooksLost = webhooksLost;
  }

  /** The deadline each watch runs with: the CLI's 1 h, or three times the longest job if longer. */
  Duration deadline() {
    Duration longest = Workload.MAX_QUEUED.plus(workload.longestRender());
    Duration hour = Duration.ofHours(1);
    return longest.multipliedBy(3).compareTo(hour) > 0 ? longest.multipliedBy(3) : hour;
  }

  /** The engine's policy: the defaults, with the budget. */
  PollPolicy policy() {
    return PollPolicy.defaults().toBuilder().budget(rate, Duration.ofSeconds(1)).build();
  }

  /** Runs the workload to its end and returns the figures. */
  public Plan run() {
    return new Run().complete();
  }

  /** One planning run's moving parts. */
  private final class Run {
    final VirtualScheduler clock = new VirtualScheduler(T0);
    final SimulatedAccount account = SimulatedAccount.builder()
        .rateLimit(accountLimit, Duration.ofSeconds(1)).retryAfter(RETRY_AFTER).build();
    final RequestMeter meter = new RequestMeter(clock);
    final ForgetfulJobStore store = new ForgetfulJobStore();
    final RenderWatch engine = RenderWatch.builder()
        .source(meter.around(new ScriptedStatusSource(account, clock, LATENCY,
            Duration.ofSeconds(30))))
        .store(store).registry(new InMemoryWatchRegistry()).scheduler(clock)
        .policy(policy()).owner("planner").seed(workload.seed()).build();
    final WatchOptions options = WatchOptions.defaults().withTimeout(deadline());
    final Workload.Jobs jobs = workload.stream();
    final SplittableRandom webhooks = new SplittableRandom(workload.seed() ^ 0x5DEECE66DL);
    final Map<JobId, Pending> pending = new HashMap<>();
    final float[] delays = new float[workload.jobs()];
    int seen;
    int settled;
    long lastSettledNanos;
    Workload.Job next;

    /** A job being watched: when it ends, in nanoseconds from the start. */
    record Pending(long endNanos) {}

    Plan complete() {
      next = jobs.next();
      clock.schedule(next.arrival(), this::arrive);
      long limitNanos = (long) (workload.jobs() / workload.jobsPerHour() * 3600e9)
          + deadline().multipliedBy(2).toNanos();
      while (settled < workload.jobs() && clock.elapsedNanos() < limitNanos) {
        clock.advanceBy(STEP);
      }
      engine.close();
      float[] sorted = Arrays.copyOf(delays, seen);
      Arrays.sort(sorted);
      double span = Math.max(1, lastSettledNanos / 1e9);
      return new Plan(workload, rate, accountLimit, webhooksLost, seen,
          (double) account.requests() / workload.jobs(), percentile(sorted, 0.50),
          percentile(sorted, 0.95), seen == 0 ? Double.NaN : sorted[seen - 1],
          account.rateLimited(), account.requests() / (rate * span), meter.peak(),
          meter.secondsAtLeast(rate, (long) Math.ceil(span)) / Math.ceil(span),
          Duration.ofNanos(lastSettledNanos), deadline());
    }

    /** Starts watching every job due now, then schedules the next arrival. */
    void arrive() {
      long now = clock.elapsedNanos();
      while (next != null && next.arrival().toNanos() <= now) {
        start(next);
        next = jobs.hasNext() ? jobs.next() : null;
      }
      if (next != null) {
        clock.schedule(next.arrival().minusNanos(now), this::arrive);
      }
    }

    void start(Workload.Job job) {
      JobId id = job.id();
      account.add(id, job.script(), T0.plus(job.arrival()));
      Pending watched = new Pending(job.end().toNanos());
      pending.put(id, watched);
      boolean hooked = webhooksLost.isPresent()
          && webhooks.nextDouble() >= webhooksLost.getAsDouble();
      engine.watch(id, options, WatchListener.NONE).result()
          .whenComplete((snapshot, error) -> settle(id, snapshot));
      if (hooked) {
        clock.schedule(job.end().plus(WEBHOOK_DELAY).minus(job.arrival()), () -> {
          if (pending.containsKey(id)) {
            engine.hint(id);
          }
        });
      }
    }

    /** Records the job's first result (or its watch's end without one) and forgets it. */
    void settle(JobId id, JobSnapshot snapshot) {
      Pending job = pending.remove(id);
      if (job == null) {
        return;
      }
      settled++;
      long now = clock.elapsedNanos();
      lastSettledNanos = Math.max(lastSettledNanos, now);
      if (snapshot != null && snapshot.isTerminal()) {
        long seenNanos = Duration.between(T0, snapshot.observedAt()).toNanos();
        delays[seen++] = (float) ((seenNanos - job.endNanos) / 1e9);
      }
      account.remove(id);
    }
  }

  static double percentile(float[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
