package io.renderwatch.demo.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The planner's figures against a direct simulation of the same jobs: every job added to the
 * account up front, the engine with an ordinary in-memory store, watches scheduled at their
 * arrivals, delays taken from the results. Streaming the jobs and forgetting them must not change
 * what the engine does.
 */
class PlannerTest {

  private static final Instant T0 = Planner.T0;

  /** The figures of the direct simulation. */
  record Direct(double requestsPerJob, double p50, double p95, double max, int seen,
      long tooMany) {}

  static Direct direct(Planner planner, Workload workload, int limit) {
    VirtualScheduler clock = new VirtualScheduler(T0);
    SimulatedAccount account = SimulatedAccount.builder()
        .rateLimit(limit, Duration.ofSeconds(1)).retryAfter(Planner.RETRY_AFTER).build();
    List<Workload.Job> jobs = new ArrayList<>();
    Workload.Jobs stream = workload.stream();
    while (stream.hasNext()) {
      Workload.Job job = stream.next();
      jobs.add(job);
      account.add(job.id(), job.script(), T0.plus(job.arrival()));
    }
    RenderWatch engine = RenderWatch.builder()
        .source(new ScriptedStatusSource(account, clock, Planner.LATENCY, Duration.ofSeconds(30)))
        .store(new InMemoryJobStore()).registry(new InMemoryWatchRegistry()).scheduler(clock)
        .policy(planner.policy()).owner("planner").seed(workload.seed()).build();
    WatchOptions options = WatchOptions.defaults().withTimeout(planner.deadline());
    Map<JobId, Instant> seenAt = new HashMap<>();
    for (Workload.Job job : jobs) {
      clock.schedule(job.arrival(), () -> engine.watch(job.id(), options, WatchListener.NONE)
          .result().thenAccept(s -> seenAt.putIfAbsent(s.id(), s.observedAt())));
    }
    Duration last = jobs.get(jobs.size() - 1).arrival();
    clock.advanceBy(last.plus(planner.deadline()).plus(Duration.ofHours(1)));
    engine.close();
    double[] delays = jobs.stream().filter(j -> seenAt.containsKey(j.id()))
        .mapToDouble(j -> Duration.between(T0.plus(j.end()), seenAt.get(j.id())).toNanos() / 1e9)
        .sorted().toArray();
    return new Direct((double) account.requests() / jobs.size(), percentile(delays, 0.5),
        percentile(delays, 0.95), delays[delays.length - 1], delays.length,
        account.rateLimited());
  }

  static double percentile(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Test
  void aLightWorkloadsFiguresAreThoseOfADirectSimulation() {
    Workload workload = new Workload(300, 600, 0, Duration.ofMinutes(4), 7);
    Planner planner = new Planner(workload, 5, 5, OptionalDouble.empty());

    Plan plan = planner.run();
    Direct direct = direct(planner, workload, 5);

    assertThat(plan.seen()).isEqualTo(direct.seen()).isEqualTo(600);
    assertThat(plan.requestsPerJob()).isCloseTo(direct.requestsPerJob(), within(0.01));
    assertThat(plan.p50()).isCloseTo(direct.p50(), within(0.01));
    assertThat(plan.p95()).isCloseTo(direct.p95(), within(0.01));
    assertThat(plan.max()).isCloseTo(direct.max(), within(0.01));
    assertThat(plan.tooMany()).isEqualTo(direct.tooMany()).isZero();
    assertThat(plan.risk()).isNotEqualTo("high");
  }

  @Test
  void aBurstThatFillsTheBudgetHasTheFiguresOfADirectSimulation() {
    Workload workload = new Workload(3600, 1500, 1000, Duration.ofMinutes(4), 11);
    Planner planner = new Planner(workload, 5, 5, OptionalDouble.empty());

    Plan plan = planner.run();
    Direct direct = direct(planner, workload, 5);

    assertThat(plan.seen()).isEqualTo(direct.seen());
    assertThat(plan.requestsPerJob()).isCloseTo(direct.requestsPerJob(), within(0.01));
    assertThat(plan.p50()).isCloseTo(direct.p50(), within(0.01));
    assertThat(plan.p95()).isCloseTo(direct.p95(), within(0.01));
    assertThat(plan.tooMany()).isEqualTo(direct.tooMany()).isZero();
    assertThat(plan.saturated()).isGreaterThan(0.2);
    assertThat(plan.recommendation()).contains("The budget binds").contains("--rate");
  }

  @Test
  void aLightWorkloadIsToldItsRateIsEnough() {
    Plan plan = new Planner(new Workload(60, 200, 0, Duration.ofMinutes(4), 3), 5, 5,
        OptionalDouble.empty()).run();

    assertThat(plan.unseen()).isZero();
    assertThat(plan.recommendation()).startsWith("--rate 5 is enough");
  }

  @Test
  void aBudgetAboveTheAccountsLimitDraws429sAndIsToldSo() {
    Plan plan = new Planner(new Workload(3600, 600, 500, Duration.ofMinutes(4), 5), 8, 3,
        OptionalDouble.empty()).run();

    assertThat(plan.tooMany()).isPositive();
    assertThat(plan.risk()).isEqualTo("high");
    assertThat(plan.recommendation()).contains("pass --rate 3");
  }

  @Test
  void webhooksThatArriveCutTheDelayToAboutTheirOwn() {
    Workload workload = new Workload(300, 400, 0, Duration.ofMinutes(4), 9);
    Plan none = new Planner(workload, 5, 5, OptionalDouble.empty()).run();
    Plan allLost = new Planner(workload, 5, 5, OptionalDouble.of(1)).run();
    Plan delivered = new Planner(workload, 5, 5, OptionalDouble.of(0)).run();

    // Every webhook lost: exactly the polling figures.
    assertThat(allLost.requestsPerJob()).isEqualTo(none.requestsPerJob());
    assertThat(allLost.p95()).isEqualTo(none.p95());
    // Every webhook delivered: most seen within the webhook's delay and one request (a few wait
    // a moment for the shared budget), the rest sooner by polling.
    double webhook = (Planner.WEBHOOK_DELAY.toMillis() + Planner.LATENCY.toMillis()) / 1000.0;
    assertThat(delivered.p50()).isLessThanOrEqualTo(webhook + 0.001);
    assertThat(delivered.max()).isLessThan(webhook + 1);
    assertThat(delivered.p95()).isLessThan(none.p95());
    assertThat(delivered.seen()).isEqualTo(400);
  }

  @Test
  void aWorkloadIsDrawnTheSameForTheSameSeed() {
    Workload workload = new Workload(1000, 50, 10, Duration.ofMinutes(2), 42);
    Workload.Jobs a = workload.stream();
    Workload.Jobs b = workload.stream();
    while (a.hasNext()) {
      assertThat(a.next()).isEqualTo(b.next());
    }
    Workload.Jobs burst = workload.stream();
    for (int i = 0; i < 10; i++) {
      assertThat(burst.next().arrival()).isEqualTo(Duration.ZERO);
    }
    double[] renders = new double[50];
    Workload.Jobs c = workload.stream();
    for (int i = 0; i < 50; i++) {
      renders[i] = c.next().script().runningFor().toMillis() / 1000.0;
    }
    assertThat(Arrays.stream(renders).min().orElseThrow()).isGreaterThanOrEqualTo(20 - 0.001);
    assertThat(Arrays.stream(renders).max().orElseThrow()).isLessThanOrEqualTo(600 + 0.001);
  }

  @Test
  void unusableFiguresAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new Workload(0, 10, 0, Duration.ofMinutes(4), 1))
        .hasMessageContaining("jobs per hour");
    assertThatThrownBy(() -> new Workload(10, 10, 11, Duration.ofMinutes(4), 1))
        .hasMessageContaining("burst");
    assertThatThrownBy(() -> new Planner(new Workload(10, 10, 0, Duration.ofMinutes(4), 1), 0, 5,
        OptionalDouble.empty())).hasMessageContaining("rate");
  }
}
