package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.core.testing.Snapshots;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The engine in virtual time: every assertion is exact, nothing sleeps. */
class RenderWatchTest {

  static final Instant T0 = Snapshots.T0;
  static final Duration LATENCY = Duration.ofMillis(200);

  final VirtualScheduler clock = new VirtualScheduler(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final InMemoryWatchRegistry registry = new InMemoryWatchRegistry();
  final Recorder events = new Recorder();
  SimulatedAccount account = SimulatedAccount.builder().build();
  final Map<JobId, List<Instant>> polls = new HashMap<>();

  /** A source over the account that records when each job was polled. */
  JobStatusSource source() {
    ScriptedStatusSource scripted = new ScriptedStatusSource(account, clock, LATENCY,
        Duration.ofSeconds(30));
    return id -> {
      polls.computeIfAbsent(id, k -> new ArrayList<>()).add(clock.now());
      return scripted.fetch(id);
    };
  }

  RenderWatch engine(PollPolicy policy) {
    return RenderWatch.builder().source(source()).store(store).registry(registry)
        .scheduler(clock).policy(policy).listener(events).owner("test").seed(42).build();
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  static Reason reasonOf(CompletableFuture<JobSnapshot> result) {
    assertThat(result).isCompletedExceptionally();
    try {
      result.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return ((WatchEndedException) e.getCause()).reason();
    }
  }

  @Test
  void watchesAJobToCompletionAndStoresItBeforeAnyoneHears() {
    JobId id = account.submit(JobScript.completing(s(30), s(120)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());
    List<Boolean> storedWhenHeard = new ArrayList<>();
    JobWatch handle = watch.watch(id, WatchOptions.defaults(), event -> {
      if (event instanceof WatchEvent.Completed) {
        storedWhenHeard.add(store.find(id).map(JobSnapshot::isTerminal).orElse(false));
      }
    });
    handle.result().thenRun(() ->
        storedWhenHeard.add(store.find(id).map(JobSnapshot::isTerminal).orElse(false)));

    clock.advanceBy(s(600));

    assertThat(handle.result()).isCompleted();
    JobSnapshot done = handle.result().join();
    assertThat(done.state()).isEqualTo(new JobState.Completed(JobScript.outputOf(id)));
    assertThat(store.find(id)).contains(done);
    assertThat(storedWhenHeard).containsExactly(true, true);
    assertThat(events.types()).startsWith(WatchEvent.Queued.class)
        .contains(WatchEvent.Progressed.class).endsWith(WatchEvent.Completed.class);
    assertThat(registry.unfinished()).isEmpty();
    assertThat(watch.activeWatches()).isZero();
  }

  @Test
  void pollsStayWithinTheIntervalBoundsAndAimAtThePredictedCompletion() {
    JobId id = account.submit(JobScript.completing(s(20), s(600)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());
    JobWatch handle = watch.watch(id);

    clock.advanceBy(s(900));

    List<Instant> times = polls.get(id);
    for (int i = 1; i < times.size(); i++) {
      Duration gap = Duration.between(times.get(i - 1), times.get(i));
      assertThat(gap).as("gap %d", i).isBetween(s(9), s(30));
    }
    Instant completion = T0.plus(s(620));
    Instant seen = handle.result().join().observedAt();
    assertThat(Duration.between(completion, seen))
        .as("completion is seen soon after it happens").isLessThanOrEqualTo(s(12));
    // A fixed 10 s poller would need 62+ requests; the engine relaxes to the 30 s bound.
    assertThat(times.size()).isLessThan(40);
    assertThat(events.of(WatchEvent.Progressed.class)).anySatisfy(
        e -> assertThat(e.estimatedCompletion()).isPresent());
  }

  @Test
  void aShortRenderIsCaughtByAimingAtItsEta() {
    JobId id = account.submit(JobScript.completing(s(0), s(45)), T0);
    RenderWatch watch = engine(PollPolicy.builder().jitter(0).build());
    JobWatch handle = watch.watch(id);

    clock.advanceBy(s(300));

    // The first answer (0 %) says nothing of the pace: the next poll waits the 30 s bound less
    // a second of room (29 s). Readings at 0.2 s (0 %) and 29.2 s (64 %) mean linear progress
    // ends by 45.8 s at the latest (one point less than shown over the span), so the last poll
    // is aimed there: less than a second after the 45 s completion, three polls in all.
    assertThat(polls.get(id)).hasSize(3);
    assertThat(polls.get(id).subList(0, 2)).containsExactly(T0, T0.plus(s(29)));
    assertThat(Duration.between(T0.plus(s(45)), polls.get(id).get(2)))
        .isBetween(Duration.ZERO, s(1));
    assertThat(handle.result().join().isTerminal()).isTrue();
  }

  @Test
  void theAccountBudgetHoldsInEverySecondAndNoJobStarves() {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(account.submit(JobScript.completing(s(i % 60), s(60 + i % 240)), T0));
    }
    account = rebuild(SimulatedAccount.builder().rateLimit(5, s(1)), ids);
    RenderWatch watch = engine(PollPolicy.defaults());
    List<JobWatch> handles = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    clock.advanceBy(s(3600));

    assertThat(handles).allSatisfy(h -> assertThat(h.result()).isCompleted());
    assertThat(account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(5);
    assertThat(account.rateLimited()).isZero();
    // Earliest due first: the first poll of every job happens within the first 300/5 rounds,
    // a round being one window plus the answer's latency (a budget slot is free again one
    // window after its answer, so the budget also holds on the wire).
    Instant lastRound = T0.plus(s(1).plus(LATENCY).multipliedBy(300 / 5));
    assertThat(ids).allSatisfy(id ->
        assertThat(polls.get(id).get(0)).isBefore(lastRound.plus(s(1))));
  }

  SimulatedAccount rebuild(SimulatedAccount.Builder builder, List<JobId> ids) {
    SimulatedAccount fresh = builder.build();
    for (JobId id : ids) {
      fresh.add(id, account.script(id).orElseThrow(), T0);
    }
    return fresh;
  }

  @Test
  void a429PausesEveryPollUntilItsRetryAfterThenResumesWithinBudget() {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(account.submit(JobScript.completing(s(5), s(60)), T0));
    }
    JobId unlucky = ids.get(0);
    account = rebuild(SimulatedAccount.builder().faults((id, attempt) ->
        id.equals(unlucky) && attempt == 0 ? new Fault(Fault.Kind.RATE_LIMITED, s(7)) : null),
        ids);
    RenderWatch watch = engine(PollPolicy.defaults());
    watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    clock.advanceBy(s(1));
    long before = account.requests();
    assertThat(before).isEqualTo(5);
    clock.advanceTo(T0.plus(s(7)));
    assertThat(account.requests()).as("nothing is sent while paused").isEqualTo(before);
    clock.advanceTo(T0.plus(s(7)).plusMillis(300));
    clock.advanceBy(s(120));

    assertThat(account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(5);
    WatchEvent.PollFailed failed = events.of(WatchEvent.PollFailed.class).get(0);
    assertThat(failed.jobId()).isEqualTo(unlucky);
    assertThat(failed.retryAt()).isEqualTo(T0.plus(s(7)).plus(LATENCY));
    List<Instant> resumed = new ArrayList<>();
    polls.values().forEach(times -> times.stream()
        .filter(t -> t.isAfter(T0.plus(s(1)))).forEach(resumed::add));
    assertThat(resumed).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(T0.plus(s(7))
        .plus(LATENCY)));
  }

  @Test
  void transientErrorsBackOffFromTheMinimumIntervalWithinTheCeilingThenGiveUp() {
    JobId id = account.submit(JobScript.completing(s(5), s(60)), T0);
    account = rebuild(SimulatedAccount.builder()
        .faults(FaultPlan.always(Fault.of(Fault.Kind.SERVICE_UNAVAILABLE))), List.of(id));
    PollPolicy policy = PollPolicy.builder().intervals(s(2), s(5)).maxConsecutiveFailures(8)
        .defaultTimeout(Duration.ofHours(2)).build();
    RenderWatch watch = engine(policy);
    JobWatch handle = watch.watch(id);

    clock.advanceBy(Duration.ofHours(1));

    List<WatchEvent.PollFailed> failures = events.of(WatchEvent.PollFailed.class);
    assertThat(failures).hasSize(7);
    for (int n = 1; n <= failures.size(); n++) {
      WatchEvent.PollFailed event = failures.get(n - 1);
      Duration delay = Duration.between(event.at(), event.retryAt());
      long ceiling = Math.min(20, 2L << (n - 1));
      assertThat(delay).as("retry %d", n).isBetween(Duration.ZERO, Duration.ofSeconds(ceiling));
    }
    assertThat(reasonOf(handle.result())).isEqualTo(Reason.UNAVAILABLE);
    assertThat(polls.get(id)).hasSize(8);
    assertThat(registry.unfinished()).as("ended, its lease freed").isEmpty();
  }

  @Test
  void anUnauthorizedAnswerEndsEveryWatchAtOnceWithoutAStorm() {
    int[] requests = {0};
    JobStatusSource refusing = id -> {
      requests[0]++;
      CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
      clock.schedule(LATENCY, () -> answer.completeExceptionally(
          new SourceException(SourceException.Kind.UNAUTHORIZED, "HTTP 401: key refused")));
      return answer;
    };
    RenderWatch watch = RenderWatch.builder().source(refusing).store(store).registry(registry)
        .scheduler(clock).listener(events).seed(1).build();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add(JobId.random());
    }
    List<JobWatch> handles = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    clock.advanceBy(s(600));

    assertThat(handles).allSatisfy(h ->
        assertThat(reasonOf(h.result())).isEqualTo(Reason.UNAUTHORIZED));
    assertThat(requests[0]).as("only the first second's budget went out").isEqualTo(5);
    assertThat(events.of(WatchEvent.Ended.class)).hasSize(50);
    assertThat(registry.unfinished()).as("ended, leases freed").isEmpty();
    assertThat(registry.claim("other", clock.now(), s(60), 100)).as("never taken over")
        .isEmpty();
  }

  @Test
  void notFoundEndsThatWatchOnlyUnlessWithinTheGracePeriod() {
    JobId known = account.submit(JobScript.completing(s(5), s(30)), T0);
    JobId unknown = JobId.random();
    RenderWatch watch = engine(PollPolicy.defaults());
    JobWatch missing = watch.watch(unknown);
    JobWatch found = watch.watch(known);

    clock.advanceBy(s(300));

    assertThat(reasonOf(missing.result())).isEqualTo(Reason.NOT_FOUND);
    assertThat(polls.get(unknown)).hasSize(1);
    assertThat(found.result().join().isTerminal()).isTrue();

    JobId late = JobId.random();
    RenderWatch patient = engine(PollPolicy.builder().notFoundGrace(s(25)).build());
    JobWatch graced = patient.watch(late);
    clock.advanceBy(s(12));
    account.add(late, JobScript.completing(s(0), s(5)), clock.now());
    clock.advanceBy(s(120));
    assertThat(graced.result().join().isTerminal()).isTrue();
  }

  @Test
  void aWatchEndsAtItsDeadline() {
    JobId id = account.submit(JobScript.never(s(0), s(60)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());
    JobWatch handle = watch.watch(id, WatchOptions.defaults().withTimeout(s(120)));

    clock.advanceTo(T0.plus(s(119)));
    assertThat(handle.result()).isNotDone();
    clock.advanceTo(T0.plus(s(120)));

    assertThat(reasonOf(handle.result())).isEqualTo(Reason.TIMEOUT);
    int sent = polls.get(id).size();
    clock.advanceBy(s(600));
    assertThat(polls.get(id)).hasSize(sent);
    assertThat(registry.unfinished()).isEmpty();
  }

  @Test
  void theTimeoutDerivesFromTheExpectedVideoLength() {
    PollPolicy policy = PollPolicy.defaults();
    assertThat(policy.timeoutFor(WatchOptions.defaults())).isEqualTo(Duration.ofHours(1));
    assertThat(policy.timeoutFor(WatchOptions.defaults().withExpectedLength(s(90))))
        .isEqualTo(Duration.ofMinutes(25));
    assertThat(policy.timeoutFor(WatchOptions.defaults().withExpectedLength(s(90))
        .withTimeout(s(5)))).isEqualTo(s(5));
  }

  @Test
  void cancelStopsAllRequestsForThatJobAtOnce() {
    JobId id = account.submit(JobScript.completing(s(0), s(600)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());
    JobWatch handle = watch.watch(id);
    clock.advanceBy(s(45));
    int sent = polls.get(id).size();

    assertThat(handle.cancel()).isTrue();
    clock.advanceBy(s(900));

    assertThat(polls.get(id)).hasSize(sent);
    assertThat(reasonOf(handle.result())).isEqualTo(Reason.CANCELLED);
    assertThat(handle.cancel()).isFalse();
    assertThat(registry.unfinished()).isEmpty();
  }

  @Test
  void cancelWhileARequestIsInFlightIgnoresItsAnswer() {
    JobId id = account.submit(JobScript.completing(s(0), s(1)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());
    JobWatch handle = watch.watch(id);
    clock.runDue();
    assertThat(polls.get(id)).hasSize(1);

    handle.cancel();
    clock.advanceBy(s(60));

    assertThat(polls.get(id)).hasSize(1);
    assertThat(reasonOf(handle.result())).isEqualTo(Reason.CANCELLED);
  }

  @Test
  void concurrentWatchesOfOneJobShareOnePollLoop() {
    JobId id = account.submit(JobScript.completing(s(10), s(200)), T0);
    JobId alone = JobId.random();
    account.add(alone, JobScript.completing(s(10), s(200)), T0);
    RenderWatch watch = engine(PollPolicy.builder().jitter(0).build());
    JobWatch first = watch.watch(id);
    JobWatch second = watch.watch(id);
    watch.watch(alone);

    clock.advanceBy(s(600));

    assertThat(first.result().join()).isEqualTo(second.result().join());
    assertThat(polls.get(id)).hasSameSizeAs(polls.get(alone));
    assertThat(events.of(WatchEvent.Completed.class)).hasSize(2);
  }

  @Test
  void aStoredFinalResultIsAnsweredWithoutARequest() {
    JobId id = JobId.random();
    store.save(Snapshots.at(id, Snapshots.completed(id), 0));
    RenderWatch watch = engine(PollPolicy.defaults());

    JobWatch handle = watch.watch(id);
    CompletableFuture<JobSnapshot> got = watch.get(id);
    clock.advanceBy(s(60));

    assertThat(handle.result().join().isTerminal()).isTrue();
    assertThat(got.join().isTerminal()).isTrue();
    assertThat(polls).isEmpty();
    assertThat(watch.lookupOffline(id)).isPresent();
    assertThat(watch.lookupOffline(JobId.random())).isEmpty();
  }

  @Test
  void getAsksOnceThroughTheBudgetAndStoresTheAnswer() {
    JobId id = account.submit(JobScript.completing(s(100), s(100)), T0);
    RenderWatch watch = engine(PollPolicy.defaults());

    CompletableFuture<JobSnapshot> got = watch.get(id);
    clock.advanceBy(s(60));

    assertThat(got.join().state()).isEqualTo(JobState.QUEUED);
    assertThat(polls.get(id)).hasSize(1);
    assertThat(store.find(id)).contains(got.join());
    assertThat(watch.activeWatches()).isZero();
  }

  @Test
  void resumeAfterARestartContinuesWithTheOriginalDeadlines() {
    JobId finishes = account.submit(JobScript.completing(s(10), s(300)), T0);
    JobId tooSlow = account.submit(JobScript.completing(s(10), s(3000)), T0);
    RenderWatch first = engine(PollPolicy.defaults());
    first.watch(finishes, WatchOptions.defaults().withTimeout(s(900)));
    JobWatch slow = first.watch(tooSlow, WatchOptions.defaults().withTimeout(s(900)));
    clock.advanceBy(s(100));

    first.close();
    assertThat(reasonOf(slow.result())).isEqualTo(Reason.CLOSED);
    assertThat(registry.unfinished()).hasSize(2);
    long sentBefore = account.requests();
    clock.advanceBy(s(200));
    assertThat(account.requests()).as("a closed engine sends nothing").isEqualTo(sentBefore);

    RenderWatch second = engine(PollPolicy.defaults());
    Recorder resumedEvents = new Recorder();
    List<JobWatch> resumed = second.resume(resumedEvents);
    assertThat(resumed).extracting(JobWatch::jobId).containsExactlyInAnyOrder(finishes, tooSlow);
    clock.advanceBy(s(3600));

    JobWatch resumedSlow = resumed.stream().filter(w -> w.jobId().equals(tooSlow)).findFirst()
        .orElseThrow();
    assertThat(reasonOf(resumedSlow.result())).isEqualTo(Reason.TIMEOUT);
    assertThat(resumedEvents.of(WatchEvent.Ended.class)).singleElement()
        .satisfies(e -> assertThat(e.at()).isEqualTo(T0.plus(s(900))));
    assertThat(store.find(finishes).orElseThrow().isTerminal()).isTrue();
    assertThat(registry.unfinished()).isEmpty();
  }

  @Test
  void anotherInstanceTakesOverAbandonedWatchesOnlyAfterTheirLeaseRunsOut() {
    JobId id = account.submit(JobScript.completing(s(5), s(300)), T0);
    PollPolicy shortLease = PollPolicy.builder().lease(s(30)).build();
    RenderWatch crashed = RenderWatch.builder().source(source()).store(store)
        .registry(registry).scheduler(clock).policy(shortLease).owner("a").seed(1).build();
    crashed.watch(id);
    clock.advanceBy(s(20));
    // "a" dies without closing: its lease is no longer renewed, but has not run out yet.
    RenderWatch survivor = RenderWatch.builder().source(source()).store(store)
        .registry(registry).scheduler(clock).policy(shortLease).owner("b").seed(2).build();
    assertThat(survivor.resume(WatchListener.NONE)).isEmpty();

    crashed.close();
    registry.register(new io.renderwatch.core.port.WatchRegistration(id, T0, T0.plus(s(3600))),
        "a", T0.plus(s(10)), s(30));
    clock.advanceTo(T0.plus(s(39)));
    assertThat(survivor.resume(WatchListener.NONE)).isEmpty();
    clock.advanceTo(T0.plus(s(41)));
    List<JobWatch> taken = survivor.resume(WatchListener.NONE);
    assertThat(taken).extracting(JobWatch::jobId).containsExactly(id);
    assertThat(survivor.resume(WatchListener.NONE)).as("already watched").isEmpty();
    clock.advanceBy(s(600));

    assertThat(taken.get(0).result().join().isTerminal()).isTrue();
    assertThat(registry.unfinished()).isEmpty();
  }

  @Test
  void tenThousandWatchesOnOneThreadStayWithinTheBudget() {
    int jobs = 10_000;
    List<JobId> ids = new ArrayList<>(jobs);
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    SimulatedAccount limited = SimulatedAccount.builder().rateLimit(5, s(1)).build();
    for (int i = 0; i < jobs; i++) {
      JobId id = JobId.random();
      limited.add(id, JobScript.completing(s(random.nextInt(60)),
          s(120 + random.nextInt(900))), T0);
      ids.add(id);
    }
    account = limited;
    RenderWatch watch = engine(PollPolicy.builder().defaultTimeout(Duration.ofHours(6)).build());
    long started = System.nanoTime();
    List<JobWatch> handles = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    clock.advanceBy(Duration.ofHours(6));
    double wallSeconds = (System.nanoTime() - started) / 1e9;

    long completed = handles.stream().filter(h -> h.result().isDone()
        && !h.result().isCompletedExceptionally()).count();
    assertThat(completed).isEqualTo(jobs);
    assertThat(account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(5);
    assertThat(account.rateLimited()).isZero();
    double perJob = (double) account.requests() / jobs;
    Instant lastSeen = handles.stream().map(h -> h.result().join().observedAt())
        .max(Instant::compareTo).orElseThrow();
    double simulated = Duration.between(T0, lastSeen).toSeconds();
    System.out.printf(
        "10,000 jobs: %.2f requests per job, max %d requests in any second, all seen by %.0f s"
            + " of simulated time, %.0f simulated seconds per wall second%n",
        perJob, account.maxRequestsWithin(s(1)), simulated, simulated / wallSeconds);
    assertThat(perJob).isCloseTo(3.0, within(3.0));
  }
}
