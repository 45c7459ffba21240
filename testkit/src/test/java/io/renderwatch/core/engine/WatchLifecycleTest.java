package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.reasonOf;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.core.testing.Snapshots;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Seams of a watch's life that the first engine broke: deadlines, ended watches, leases,
 * {@code cleaned}, hints. Virtual time; every assertion exact.
 */
class WatchLifecycleTest {

  final Sim sim = new Sim();

  /** A source that never reaches the API. */
  JobStatusSource unreachable() {
    return sim.counted(id -> {
      CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
      sim.clock.schedule(Sim.LATENCY, () -> answer.completeExceptionally(new SourceException(
          SourceException.Kind.UNREACHABLE, "unknown host api.pictory.test")));
      return answer;
    });
  }

  /** A source that refuses the key. */
  JobStatusSource refusing() {
    return sim.counted(id -> CompletableFuture.failedFuture(
        new SourceException(SourceException.Kind.UNAUTHORIZED, "HTTP 401: key refused")));
  }

  @Test
  void anExplicitTimeoutGivenNowWinsOverAnEarlierWatchOfTheJob() {
    JobId id = JobId.random();
    RenderWatch first = sim.engine(unreachable(), PollPolicy.defaults(), "local");
    first.watch(id);
    sim.clock.advanceBy(s(30));
    first.close(); // interrupted: the registration stays, with its 1 h deadline

    RenderWatch second = sim.engine(unreachable(), PollPolicy.defaults(), "local");
    JobWatch again = second.watch(id, WatchOptions.defaults().withTimeout(s(5)));
    sim.clock.advanceBy(s(5));

    assertThat(again.result()).as("ended by its own 5 s deadline").isCompletedExceptionally();
    assertThat(reasonOf(again.result())).isEqualTo(Reason.UNREACHABLE);
    int sent = sim.pollsOf(id);
    sim.clock.advanceBy(s(20));
    assertThat(sim.pollsOf(id)).as("no retry after the deadline").isEqualTo(sent);
  }

  @Test
  void aWatchThatGaveUpIsNeverTheBasisOfANewWatchsDeadline() {
    JobId id = sim.account.submit(JobScript.never(s(0), s(60)), T0);
    sim.account = SimulatedAccount.builder()
        .faults(FaultPlan.firstRequests(2, Fault.of(Fault.Kind.SERVER_ERROR))).build();
    sim.account.add(id, JobScript.never(s(0), s(60)), T0);
    PollPolicy giveUpSoon = PollPolicy.builder().maxConsecutiveFailures(2).build();
    RenderWatch watch = sim.engine(giveUpSoon);
    JobWatch first = watch.watch(id, WatchOptions.defaults().withTimeout(s(60)));
    sim.clock.advanceBy(s(30));
    assertThat(reasonOf(first.result())).isEqualTo(Reason.UNAVAILABLE);

    JobWatch second = watch.watch(id); // default: 1 h from now
    sim.clock.advanceTo(T0.plus(s(600)));

    assertThat(second.result()).as("not ended at the first watch's 60 s deadline").isNotDone();
  }

  @Test
  void aWatchThatEndsWithoutAResultRecordsItsReasonAndReleasesItsLease() {
    List<JobId> ids = List.of(JobId.random(), JobId.random());
    RenderWatch watch = sim.engine(refusing(), PollPolicy.defaults(), "a");
    List<JobWatch> handles = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(s(1));
    assertThat(handles).allSatisfy(h ->
        assertThat(reasonOf(h.result())).isEqualTo(Reason.UNAUTHORIZED));

    sim.clock.advanceBy(s(300)); // many lease periods: nothing renews, nothing restarts
    assertThat(sim.registry.renew("a", ids, sim.clock.now(), s(60))).as("no lease held")
        .isEmpty();
    assertThat(sim.registry.unfinished()).isEmpty();
    assertThat(sim.registry.claim("b", sim.clock.now(), s(60), 10))
        .as("another process does not take an ended watch up either").isEmpty();
    assertThat(sim.polls.values().stream().mapToInt(List::size).sum()).isEqualTo(2);
  }

  @Test
  void followNeverRestartsAnEndedWatchButResumeRestartsAFixableOneOnce() {
    JobId refused = JobId.random();
    JobId timedOut = JobId.random();
    JobId live = sim.account.submit(JobScript.completing(s(0), s(600)), T0);
    RenderWatch first = sim.engine(refusing(), PollPolicy.defaults(), "a");
    first.watch(refused);
    sim.clock.advanceBy(s(1));
    first.close();
    RenderWatch second = sim.engine(PollPolicy.defaults());
    second.watch(timedOut, WatchOptions.defaults().withTimeout(s(1)));
    sim.account.add(timedOut, JobScript.never(s(0), s(10)), T0);
    sim.clock.advanceBy(s(2));
    second.watch(live);
    sim.clock.advanceBy(s(1));
    second.close();

    RenderWatch follower = sim.engine(sim.source(), PollPolicy.defaults(), "f");
    assertThat(follower.takeOver(WatchListener.NONE)).extracting(JobWatch::jobId)
        .as("--follow: live watches only").containsExactly(live);
    follower.close();

    RenderWatch resumer = sim.engine(sim.source(), PollPolicy.defaults(), "r");
    List<JobWatch> resumed = resumer.resume(WatchListener.NONE);
    assertThat(resumed).extracting(JobWatch::jobId)
        .as("--resume: live ones and the fixable end (unauthorized), not the timeout")
        .containsExactlyInAnyOrder(live, refused);
    assertThat(resumer.resume(WatchListener.NONE)).as("once").isEmpty();
  }

  @Test
  void registerNeverTakesAnotherProcesssLiveLeaseButStillWatchesHere() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(60)), T0);
    sim.registry.register(new WatchRegistration(id, T0, T0.plus(s(3600))), "other", T0, s(60));
    RenderWatch watch = sim.engine(PollPolicy.defaults());

    JobWatch handle = watch.watch(id);
    sim.clock.advanceBy(s(30));

    assertThat(sim.registry.renew("other", Set.of(id), sim.clock.now(), s(60)))
        .as("still the other process's").containsExactly(id);
    sim.clock.advanceBy(s(300));
    assertThat(handle.result().join().isTerminal()).isTrue();
  }

  @Test
  void aRenewalThatComesBackShortStopsPollingTheLostJobsAndSaysSo() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(3000)), T0);
    PollPolicy lease = PollPolicy.builder().lease(s(30)).build();
    RenderWatch watch = sim.engine(sim.source(), lease, "a");
    JobWatch handle = watch.watch(id);
    sim.clock.advanceBy(s(5));
    // Another process takes the job over (as after a stall longer than the lease).
    sim.registry.release("a", id);
    assertThat(sim.registry.claim("b", sim.clock.now(), s(30), 10)).hasSize(1);
    List<String> logged = new ArrayList<>();
    Logger log = Logger.getLogger(Engine.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    try {
      sim.clock.advanceTo(T0.plus(s(10)).plus(Sim.LATENCY));
    } finally {
      log.removeHandler(capture);
    }

    assertThat(reasonOf(handle.result())).isEqualTo(Reason.LEASE_LOST);
    assertThat(logged).anySatisfy(m -> assertThat(m).contains("Lost the lease").contains(
        id.toString()));
    int sent = sim.pollsOf(id);
    sim.clock.advanceBy(s(600));
    assertThat(sim.pollsOf(id)).as("no more polls here").isEqualTo(sent);
    assertThat(sim.registry.renew("b", Set.of(id), sim.clock.now(), s(30)))
        .as("left with b").containsExactly(id);
  }

  /** A source over the account that answers "cleaned" from {@code at} on. */
  JobStatusSource cleanedFrom(Duration at) {
    JobStatusSource scripted = sim.source();
    return id -> scripted.fetch(id).thenApply(snapshot ->
        sim.clock.now().isBefore(T0.plus(at)) ? snapshot
            : new JobSnapshot(id, JobState.CLEANED, snapshot.observedAt(),
                java.util.Optional.empty()));
  }

  @Test
  void aJobTurningCleanedEndsItsWatchAtOnceWithReasonCleaned() {
    JobId id = sim.account.submit(JobScript.completing(s(5), s(3000)), T0);
    RenderWatch watch = sim.engine(cleanedFrom(s(60)), PollPolicy.defaults(), "test");
    JobWatch handle = watch.watch(id);

    sim.clock.advanceBy(s(100));
    int sent = sim.pollsOf(id);
    sim.clock.advanceBy(Duration.ofHours(1));

    assertThat(reasonOf(handle.result())).isEqualTo(Reason.CLEANED);
    assertThat(Reason.CLEANED.code()).isEqualTo("cleaned");
    assertThat(sim.pollsOf(id)).as("not polled after cleaned").isEqualTo(sent);
    assertThat(sim.events.of(WatchEvent.Ended.class)).singleElement()
        .satisfies(e -> assertThat(e.at()).isBefore(T0.plus(s(91))));
    assertThat(sim.store.find(id).orElseThrow().state()).isEqualTo(JobState.CLEANED);
    assertThat(watch.resume(WatchListener.NONE)).as("never restarted").isEmpty();
  }

  @Test
  void aStoredResultStaysAsStoredWhenTheJobIsLaterCleaned() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(10)), T0);
    JobSnapshot done = Snapshots.at(id, Snapshots.completed(id), 0);
    sim.store.save(done);
    RenderWatch watch = sim.engine(cleanedFrom(s(0)), PollPolicy.defaults(), "test");

    JobWatch handle = watch.watch(id);
    CompletableFuture<JobSnapshot> got = watch.get(id);
    sim.clock.advanceBy(s(60));

    assertThat(handle.result().join()).isEqualTo(done);
    assertThat(got.join()).isEqualTo(done);
    assertThat(sim.polls).isEmpty();
  }

  @Test
  void aHintForAStoredResultMakesNoRequest() {
    JobId id = JobId.random();
    sim.store.save(Snapshots.at(id, Snapshots.completed(id), 0));
    RenderWatch watch = sim.engine(PollPolicy.defaults());

    JobWatch hinted = watch.hint(id);
    sim.clock.advanceBy(s(60));

    assertThat(hinted.result().join().isTerminal()).isTrue();
    assertThat(sim.polls).isEmpty();
  }

  @Test
  void aHintForAWatchedJobPollsOnceSoonSharingAPollInFlight() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(600)), T0);
    RenderWatch watch = sim.engine(PollPolicy.builder().jitter(0).build());
    JobWatch handle = watch.watch(id);
    sim.clock.advanceBy(s(1)); // first poll at 0 s; the next is due at 10 s
    assertThat(sim.pollsOf(id)).isEqualTo(1);

    watch.hint(id);
    watch.hint(id);
    sim.clock.advanceBy(Sim.LATENCY.dividedBy(2));
    assertThat(sim.pollsOf(id)).as("one confirming poll for two hints").isEqualTo(2);
    watch.hint(id); // while it is in flight: shares it
    sim.clock.advanceBy(Sim.LATENCY);
    assertThat(sim.pollsOf(id)).isEqualTo(2);
    assertThat(handle.result()).as("a hint is never a result by itself").isNotDone();
  }

  @Test
  void aHintForAnUnwatchedJobStartsWatchingItAndPollsNow() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(30)), T0);
    RenderWatch watch = sim.engine(PollPolicy.defaults());

    JobWatch hinted = watch.hint(id);
    sim.clock.runDue();
    assertThat(sim.pollsOf(id)).isEqualTo(1);
    sim.clock.advanceBy(s(120));

    assertThat(hinted.result().join().isTerminal()).isTrue();
  }

  @Test
  void theDefaultOwnerIsStableAcrossRunsOfOneUserOnOneHost() {
    RenderWatch one = RenderWatch.builder().source(sim.source()).scheduler(sim.clock).build();
    RenderWatch two = RenderWatch.builder().source(sim.source()).scheduler(sim.clock).build();

    assertThat(one.owner()).isEqualTo(two.owner())
        .startsWith("renderwatch@").endsWith("/" + System.getProperty("user.name"));
  }

  @Test
  void closeClosesWhatItOwnsLastGivenFirstAfterPollingStopped() {
    List<String> closed = new ArrayList<>();
    RenderWatch watch = RenderWatch.builder().source(sim.source()).scheduler(sim.clock)
        .owns(() -> closed.add("database")).owns(() -> closed.add("http")).build();
    JobWatch handle = watch.watch(sim.account.submit(JobScript.completing(s(0), s(60)), T0));

    watch.close();

    assertThat(closed).containsExactly("http", "database");
    assertThat(reasonOf(handle.result())).isEqualTo(Reason.CLOSED);
  }
}
