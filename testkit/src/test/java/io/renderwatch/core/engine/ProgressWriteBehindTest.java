package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.core.port.SaveResult;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Progress written behind ({@link RenderWatch.Builder#writeProgressBehind}): coalesced per job,
 * at most one write per delay; a result in the store before anyone hears of it; nothing pending
 * lost when the engine closes. Virtual time; every assertion exact.
 */
class ProgressWriteBehindTest {

  static final Duration DELAY = s(10);

  final Sim sim = new Sim();
  final Saves store = new Saves();

  /** An in-memory store that records every save offered, with the virtual time. */
  final class Saves implements JobStore {
    final InMemoryJobStore delegate = new InMemoryJobStore();
    final List<Instant> at = new ArrayList<>();
    final List<JobSnapshot> offered = new ArrayList<>();

    @Override
    public Optional<JobSnapshot> find(JobId id) {
      return delegate.find(id);
    }

    @Override
    public synchronized SaveResult save(JobSnapshot snapshot) {
      at.add(sim.clock.now());
      offered.add(snapshot);
      return delegate.save(snapshot);
    }

    @Override
    public Page<JobSnapshot> page(Optional<String> cursor, int limit) {
      return delegate.page(cursor, limit);
    }

    @Override
    public List<JobSnapshot> findByKind(JobState.Kind kind, int limit) {
      return delegate.findByKind(kind, limit);
    }

    /** When the job's unfinished states were offered, in order. */
    synchronized List<Instant> progressWrites(JobId id) {
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < offered.size(); i++) {
        if (offered.get(i).id().equals(id) && !offered.get(i).isTerminal()) {
          times.add(at.get(i));
        }
      }
      return times;
    }
  }

  RenderWatch engine(WatchListener listener) {
    return RenderWatch.builder().source(sim.source()).store(store).registry(sim.registry)
        .scheduler(sim.clock).policy(PollPolicy.builder().intervals(s(1), s(3)).build())
        .listener(listener).owner("test").seed(42).writeProgressBehind(DELAY).build();
  }

  List<JobId> jobs(int count, Duration render) {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(sim.account.submit(JobScript.completing(s(i), render), T0));
    }
    return ids;
  }

  @Test
  void eachJobsProgressIsWrittenAtMostOncePerDelayAndTheLatestIsWhatGetsWritten() {
    List<JobId> ids = jobs(3, s(120));
    RenderWatch watch = engine(sim.events);
    watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    sim.clock.advanceBy(s(200));

    for (JobId id : ids) {
      List<Instant> writes = store.progressWrites(id);
      int polls = sim.pollsOf(id);
      assertThat(polls).as("polls of %s", id).isGreaterThan(30); // every 2.8 s or less
      assertThat(writes).as("progress writes of %s", id).isNotEmpty()
          .hasSizeLessThanOrEqualTo(120 / (int) DELAY.toSeconds() + 1);
      for (int i = 1; i < writes.size(); i++) {
        assertThat(Duration.between(writes.get(i - 1), writes.get(i)))
            .as("gap between two progress writes of %s", id).isGreaterThanOrEqualTo(DELAY);
      }
      assertThat(store.find(id)).get().extracting(JobSnapshot::isTerminal).isEqualTo(true);
    }
    // Each write is the latest progress the listener had heard of that job by then.
    for (int i = 0; i < store.offered.size(); i++) {
      JobSnapshot written = store.offered.get(i);
      Instant when = store.at.get(i);
      JobSnapshot heard = sim.events.of(WatchEvent.Progressed.class).stream()
          .filter(e -> e.jobId().equals(written.id()) && !e.at().isAfter(when))
          .reduce((a, b) -> b).map(WatchEvent.Progressed::snapshot).orElse(null);
      if (!written.isTerminal()) {
        assertThat(written).as("progress written at %s", when).isEqualTo(heard);
      }
    }
    watch.close();
  }

  @Test
  void aResultIsInTheStoreBeforeTheListenerOrTheCallerHearsOfIt() {
    List<JobId> ids = jobs(5, s(30));
    List<String> notStored = new ArrayList<>();
    RenderWatch watch = engine(event -> {
      if (event instanceof WatchEvent.Completed completed
          && !store.delegate.find(event.jobId()).equals(Optional.of(completed.snapshot()))) {
        notStored.add("listener: " + event.jobId());
      }
    });
    List<JobWatch> watches = watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);
    for (JobWatch each : watches) {
      each.result().thenAccept(done -> {
        if (!store.delegate.find(done.id()).equals(Optional.of(done))) {
          notStored.add("caller: " + done.id());
        }
      });
    }

    sim.clock.advanceBy(s(100));

    assertThat(watches).allSatisfy(w -> assertThat(w.result()).isCompleted());
    assertThat(notStored).isEmpty();
    watch.close();
  }

  @Test
  void closingWritesThePendingProgressOfEveryJobBeforeItReturns() {
    List<JobId> ids = jobs(4, s(300));
    RenderWatch watch = engine(sim.events);
    watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(DELAY.plus(s(7))); // one flush, then more progress heard since
    assertThat(store.offered).hasSize(4);

    watch.close();

    for (JobId id : ids) {
      JobSnapshot lastHeard = sim.events.of(WatchEvent.Progressed.class).stream()
          .filter(e -> e.jobId().equals(id)).reduce((a, b) -> b).orElseThrow().snapshot();
      assertThat(store.delegate.find(id)).as("stored state of %s", id).contains(lastHeard);
    }
  }

  @Test
  void progressIsNotWrittenUntilTheDelayHasPassed() {
    List<JobId> ids = jobs(2, s(60));
    RenderWatch watch = engine(sim.events);
    watch.watchAll(ids, WatchOptions.defaults(), WatchListener.NONE);

    sim.clock.advanceBy(DELAY.minus(s(1)));
    assertThat(sim.events.of(WatchEvent.Progressed.class)).hasSizeGreaterThanOrEqualTo(4);
    assertThat(store.offered).isEmpty();

    sim.clock.advanceBy(s(2));
    assertThat(store.offered).hasSize(2);
    watch.close();
  }

  @Test
  void aGetIsAnsweredFromTheStoreAfterItsAnswerIsStored() {
    JobId id = jobs(1, s(600)).get(0);
    RenderWatch watch = engine(WatchListener.NONE);
    watch.watch(id);
    sim.clock.advanceBy(s(5));

    var got = watch.get(id);
    sim.clock.advanceBy(s(1));

    assertThat(got).isCompleted();
    assertThat(store.delegate.find(id)).contains(got.join());
    watch.close();
  }

  @Test
  void anUnknownStatusIsDecidedByTheStoreAgainstTheLatestProgressTold() {
    sim.account = SimulatedAccount.builder()
        .faults((job, attempt) -> attempt == 2 ? Fault.of(Fault.Kind.UNKNOWN_STATUS) : null)
        .build();
    JobId id = jobs(1, s(60)).get(0);
    List<String> seen = new ArrayList<>();
    RenderWatch watch = engine(event -> {
      if (event instanceof WatchEvent.Progressed progressed) {
        seen.add("progressed " + progressed.snapshot().state());
      } else if (event instanceof WatchEvent.Unrecognized) {
        seen.add("unrecognized; stored " + store.delegate.find(id).map(JobSnapshot::state)
            .orElse(null));
      }
    });
    watch.watch(id);

    sim.clock.advanceBy(s(7)); // three polls (the third unknown), within the first delay

    // The pending progress is written first, then the unknown status offered against it.
    assertThat(store.offered).hasSizeGreaterThanOrEqualTo(2);
    assertThat(store.offered.get(0).state()).isInstanceOf(JobState.Running.class);
    assertThat(store.offered.get(1).state()).isInstanceOf(JobState.Unrecognized.class);
    assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
    String lastProgress = seen.get(1).substring("progressed ".length());
    assertThat(seen.get(2)).isEqualTo("unrecognized; stored " + lastProgress);
    watch.close();
  }
}
