package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.ms;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Polling as the safety net while callbacks are seen to tell of endings, in virtual time: a job
 * is submitted every 20 s; its callback (a hint) comes 0.5 s after its end, or not at all.
 * Renders of 60 s under a 2-minute max interval show the savings; renders of 150 s under a
 * 1-minute max interval show the delays (the normal cadence aims at the end, the safety net
 * does not).
 */
class CallbackTrustTest {

  static final int JOBS = 40;

  Sim sim;
  RenderWatch watch;
  Duration max;
  final List<JobId> ids = new ArrayList<>();
  final Map<JobId, Instant> seen = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() {
    sim = new Sim();
  }

  /**
   * Submits and watches the jobs, each rendering {@code render}, under the max interval
   * {@code maxInterval}; job {@code i}'s callback comes when {@code calledBack}.
   */
  void run(Duration render, Duration maxInterval, IntPredicate calledBack) {
    max = maxInterval;
    watch = sim.engine(PollPolicy.builder().intervals(s(10), max).build());
    for (int i = 0; i < JOBS; i++) {
      int n = i;
      sim.clock.schedule(s(20L * i), () -> {
        JobId id = sim.account.submit(JobScript.completing(s(0), render), sim.clock.now());
        ids.add(id);
        watch.watch(id).result().thenAccept(done -> seen.put(id, sim.clock.now()));
        if (calledBack.test(n)) {
          sim.clock.schedule(render.plus(ms(500)), () -> watch.hint(id));
        }
      });
    }
    sim.clock.advanceBy(s(20L * JOBS).plus(Duration.ofMinutes(10)));
    assertThat(seen).as("every result").hasSize(JOBS);
  }

  double requestsPerJob(List<JobId> jobs) {
    return jobs.stream().mapToInt(sim::pollsOf).sum() / (double) jobs.size();
  }

  Duration delay(JobId id) {
    return Duration.between(sim.account.endsAt(id).orElseThrow(), seen.get(id));
  }

  void assertNoGapLongerThanTheMaxInterval() {
    for (JobId id : ids) {
      List<Instant> polls = sim.polls.get(id);
      for (int i = 1; i < polls.size(); i++) {
        assertThat(Duration.between(polls.get(i - 1), polls.get(i)))
            .as("gap %d of job %s", i, id).isLessThanOrEqualTo(max);
      }
    }
  }

  @Test
  void onceCallbacksAreSeenToTellOfEndingsPollsAreOnlyTheSafetyNet() {
    run(s(60), Duration.ofMinutes(2), i -> true);

    List<JobId> later = ids.subList(JOBS - 10, JOBS);
    assertThat(requestsPerJob(later)).as("requests per job once trusted").isLessThanOrEqualTo(1.2);
    for (JobId id : later) {
      assertThat(delay(id)).as("job %s seen after its end", id).isLessThanOrEqualTo(ms(1500));
    }
    assertNoGapLongerThanTheMaxInterval();
  }

  @Test
  void withoutCallbacksEachJobIsPolledAtTheNormalCadence() {
    run(s(60), Duration.ofMinutes(2), i -> false);

    assertThat(requestsPerJob(ids)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void whileTrustedALongRenderIsOnlyCaughtByItsCallbackOrTheSafetyNet() {
    run(s(150), Duration.ofMinutes(1), i -> true);

    List<JobId> later = ids.subList(JOBS - 10, JOBS);
    // The safety net polls at 59 s and 118 s (the first poll deferred), then the callback.
    assertThat(requestsPerJob(later)).isLessThanOrEqualTo(3.2);
    assertNoGapLongerThanTheMaxInterval();
  }

  @Test
  void whenCallbacksStopTheNormalCadenceComesBack() {
    run(s(150), Duration.ofMinutes(1), i -> i < JOBS / 2);

    for (JobId id : ids.subList(JOBS - 10, JOBS)) {
      assertThat(delay(id)).as("job %s seen after its end", id).isLessThanOrEqualTo(s(5));
    }
    assertNoGapLongerThanTheMaxInterval();
  }

  @Test
  void withThreeCallbacksInTenDroppedThePollsStillAimAtEachEnd() {
    run(s(150), Duration.ofMinutes(1), i -> i % 10 >= 3);

    for (int i = 0; i < JOBS; i++) {
      if (i % 10 < 3) {
        assertThat(delay(ids.get(i))).as("job %d, its callback dropped", i)
            .isLessThanOrEqualTo(s(5));
      }
    }
    assertNoGapLongerThanTheMaxInterval();
  }
}
