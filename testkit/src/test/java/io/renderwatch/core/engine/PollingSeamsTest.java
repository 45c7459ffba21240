package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.ms;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.testing.Snapshots;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Seams of one poll that the first engine broke: the budget as the source sees it, backoff by
 * cadence, unreachable causes, unknown statuses, store failures, the caller's future, the
 * listener's thread.
 */
class PollingSeamsTest {

  final Sim sim = new Sim();

  @Test
  void theEngineNeverHandsTheSourceMoreRequestsInFlightThanItCanSendAtOnce() {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(JobId.random());
    }
    // Slow answers (2 s): the budget of 5 per second alone would keep 10 in flight.
    JobStatusSource slow = sim.counted(id -> {
      CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
      sim.clock.schedule(s(2), () -> answer.complete(
          new JobSnapshot(id, new JobState.Running(50, "", ""), sim.clock.now(),
              Optional.empty())));
      return answer;
    });
    RenderWatch watch = sim.engine(slow, PollPolicy.defaults(), "test");
    watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    sim.clock.advanceBy(s(120));

    assertThat(sim.maxInFlight).isEqualTo(PollPolicy.defaults().maxInFlight()).isEqualTo(5);
    List<Instant> sent = new ArrayList<>();
    sim.polls.values().forEach(sent::addAll);
    sent.sort(null);
    for (int i = 5; i < sent.size(); i++) {
      assertThat(Duration.between(sent.get(i - 5), sent.get(i)))
          .as("6 requests inside one second").isGreaterThanOrEqualTo(s(1));
    }
  }

  @Test
  void aBurstOfShortJobsKeepsToTheBudgetInEveryOneSecondWindow() {
    sim.account = SimulatedAccount.builder().rateLimit(5, s(1)).build();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(sim.account.submit(JobScript.completing(s(0), s(1)), T0));
    }
    RenderWatch watch = sim.engine(PollPolicy.builder().intervals(ms(300), s(1)).build());
    List<JobWatch> handles = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    sim.clock.advanceBy(s(120));

    assertThat(handles).allSatisfy(h -> assertThat(h.result().join().isTerminal()).isTrue());
    assertThat(sim.account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(5);
    assertThat(sim.account.rateLimited()).isZero();
  }

  @Test
  void backoffFollowsTheUsersCadenceSoAOneSecondJobIsNotHeldForAMinute() {
    sim.account = SimulatedAccount.builder().faults((id, attempt) -> switch (attempt) {
      case 0 -> Fault.of(Fault.Kind.SERVER_ERROR);
      case 1 -> Fault.of(Fault.Kind.SERVICE_UNAVAILABLE);
      case 2 -> Fault.of(Fault.Kind.MALFORMED_JSON);
      case 3 -> Fault.of(Fault.Kind.TRUNCATED_BODY);
      case 4 -> Fault.of(Fault.Kind.DROP_CONNECTION);
      case 5 -> Fault.of(Fault.Kind.UNKNOWN_STATUS);
      default -> null;
    }).build();
    JobId id = sim.account.submit(JobScript.completing(s(0), s(1)), T0);
    PollPolicy cadence = PollPolicy.builder().intervals(ms(300), s(1)).build();
    RenderWatch watch = sim.engine(cadence);
    JobWatch handle = watch.watch(id);

    sim.clock.advanceBy(s(60));

    List<WatchEvent.PollFailed> failures = sim.events.of(WatchEvent.PollFailed.class);
    assertThat(failures).as("the unknown status is an answer, not a failure").hasSize(5);
    assertThat(sim.events.of(WatchEvent.Unrecognized.class)).hasSize(1);
    Duration ceiling = cadence.backoffCeiling();
    assertThat(ceiling).as("4 x max interval").isEqualTo(s(4));
    for (int n = 1; n <= failures.size(); n++) {
      Duration delay = Duration.between(failures.get(n - 1).at(), failures.get(n - 1).retryAt());
      Duration bound = ms(Math.min(ceiling.toMillis(), 300L << (n - 1)));
      assertThat(delay).as("retry %d", n).isLessThanOrEqualTo(bound);
    }
    Instant seen = handle.result().join().observedAt();
    assertThat(Duration.between(T0, seen)).as("done within the summed ceilings")
        .isLessThanOrEqualTo(ms(300 + 600 + 1200 + 2400 + 4000 + 4000 + 1000 + 1500));
  }

  @Test
  void aRetryAfterStillWinsOverTheBackoff() {
    sim.account = SimulatedAccount.builder().faults(FaultPlan.firstRequests(1,
        new Fault(Fault.Kind.RATE_LIMITED, s(45)))).build();
    JobId id = sim.account.submit(JobScript.completing(s(0), s(1)), T0);
    RenderWatch watch = sim.engine(PollPolicy.builder().intervals(ms(300), s(1)).build());
    watch.watch(id);

    sim.clock.advanceBy(s(120));

    assertThat(sim.polls.get(id).get(1)).isAfterOrEqualTo(T0.plus(s(45)));
  }

  @Test
  void anUnreachableApiIsReportedOnceWithItsCauseUntilTheCauseChanges() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(1)), T0);
    JobStatusSource scripted = sim.source();
    int[] attempt = {0};
    JobStatusSource flaky = id2 -> {
      int n = attempt[0]++;
      String cause = n < 4 ? "unknown host api.pictory.test" : "connection refused by 10.0.0.1";
      return n < 6 ? CompletableFuture.failedFuture(
          new SourceException(SourceException.Kind.UNREACHABLE, cause)) : scripted.fetch(id2);
    };
    RenderWatch watch = sim.engine(flaky,
        PollPolicy.builder().intervals(ms(300), s(1)).build(), "test");
    JobWatch handle = watch.watch(id);

    sim.clock.advanceBy(s(60));

    assertThat(handle.result().join().isTerminal()).isTrue();
    assertThat(sim.events.of(WatchEvent.PollFailed.class))
        .extracting(e -> e.error().getMessage())
        .containsExactly("unknown host api.pictory.test", "connection refused by 10.0.0.1");
  }

  @Test
  void unknownStatusesArePolledAtTheNormalCadenceNeverTighter() {
    JobId id = JobId.random();
    JobStatusSource paused = sim.counted(any -> CompletableFuture.completedFuture(
        new JobSnapshot(any, new JobState.Unrecognized("paused"), sim.clock.now(),
            Optional.empty())));
    PollPolicy policy = PollPolicy.defaults();
    RenderWatch watch = sim.engine(paused, policy, "test");
    JobWatch handle = watch.watch(id, WatchOptions.defaults().withTimeout(s(600)));

    sim.clock.advanceBy(s(900));

    List<Instant> times = sim.polls.get(id);
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i))).as("gap %d", i)
          .isGreaterThanOrEqualTo(policy.minInterval());
    }
    assertThat(times.size()).isLessThanOrEqualTo(600 / 10 + 1);
    assertThat(sim.reasonOf(handle.result())).isEqualTo(Reason.TIMEOUT);
    assertThat(sim.events.of(WatchEvent.Unrecognized.class)).isNotEmpty();
  }

  @Test
  void getNeverHangsWhenTheStoreFails() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(60)), T0);
    InMemoryJobStore inner = new InMemoryJobStore();
    io.renderwatch.core.port.JobStore broken = new io.renderwatch.core.port.JobStore() {
      @Override
      public Optional<JobSnapshot> find(JobId any) {
        return inner.find(any);
      }

      @Override
      public SaveResult save(JobSnapshot snapshot) {
        throw new StoreException("disk full");
      }

      @Override
      public io.renderwatch.core.port.Page<JobSnapshot> page(Optional<String> cursor, int limit) {
        return inner.page(cursor, limit);
      }

      @Override
      public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
        return inner.findByKind(kind, limit);
      }
    };
    RenderWatch watch = RenderWatch.builder().source(sim.source()).store(broken)
        .scheduler(sim.clock).build();

    CompletableFuture<JobSnapshot> got = watch.get(id);
    sim.clock.advanceBy(s(5));

    assertThat(got).isCompletedExceptionally();
    assertThat(catchCause(got)).isInstanceOf(StoreException.class).hasMessage("disk full");
    assertThat(watch.activeWatches()).isZero();
  }

  @Test
  void cancellingTheResultFutureCancelsTheWatch() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(600)), T0);
    RenderWatch watch = sim.engine(PollPolicy.defaults());
    JobWatch handle = watch.watch(id);
    sim.clock.advanceBy(s(30));
    int sent = sim.pollsOf(id);

    handle.result().cancel(true);
    sim.clock.advanceBy(s(600));

    assertThat(sim.pollsOf(id)).isEqualTo(sent);
    assertThat(watch.activeWatches()).isZero();
    assertThat(sim.registry.unfinished()).isEmpty();
  }

  @Test
  void listenersRunOnTheEnginesThreadNeverOnTheCallersOne() throws Exception {
    JobId id = JobId.random();
    sim.store.save(Snapshots.at(id, Snapshots.completed(id), 0));
    Recorder heard = new Recorder();
    try (RenderWatch watch = RenderWatch.builder().source(sim.source()).store(sim.store)
        .listener(heard).build()) {
      JobWatch handle = watch.watch(id, WatchOptions.defaults(), heard);
      handle.result().get(30, TimeUnit.SECONDS);
    }

    assertThat(heard.types()).containsExactly(WatchEvent.Completed.class,
        WatchEvent.Completed.class);
    assertThat(heard.threads).allSatisfy(t -> {
      assertThat(t).isNotSameAs(Thread.currentThread());
      assertThat(t.getName()).startsWith("renderwatch-scheduler-");
    });
  }

  private static Throwable catchCause(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
