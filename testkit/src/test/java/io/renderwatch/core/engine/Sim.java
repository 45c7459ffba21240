package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.memory.InMemoryWatchRegistry;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.testing.Snapshots;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One simulated world for engine tests: virtual time, an account, in-memory stores. */
final class Sim {

  static final Instant T0 = Snapshots.T0;
  static final Duration LATENCY = Duration.ofMillis(200);

  final VirtualScheduler clock = new VirtualScheduler(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final InMemoryWatchRegistry registry = new InMemoryWatchRegistry();
  final Recorder events = new Recorder();
  final Map<JobId, List<Instant>> polls = new ConcurrentHashMap<>();
  SimulatedAccount account = SimulatedAccount.builder().build();
  int inFlight;
  int maxInFlight;

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** The scripted account over the clock, counting polls and requests in flight. */
  JobStatusSource source() {
    ScriptedStatusSource scripted = new ScriptedStatusSource(account, clock, LATENCY, s(30));
    return counted(scripted::fetch);
  }

  /** Counts what {@code inner} is asked, and how many of its answers are outstanding. */
  JobStatusSource counted(Function<JobId, CompletableFuture<JobSnapshot>> inner) {
    return id -> {
      polls.computeIfAbsent(id, k -> new ArrayList<>()).add(clock.now());
      synchronized (this) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
      }
      return inner.apply(id).whenComplete((s, e) -> {
        synchronized (this) {
          inFlight--;
        }
      });
    };
  }

  RenderWatch engine(PollPolicy policy) {
    return engine(source(), policy, "test");
  }

  RenderWatch engine(JobStatusSource source, PollPolicy policy, String owner) {
    return RenderWatch.builder().source(source).store(store).registry(registry)
        .scheduler(clock).policy(policy).listener(events).owner(owner).seed(42).build();
  }

  int pollsOf(JobId id) {
    return polls.getOrDefault(id, List.of()).size();
  }

  static WatchEndedException.Reason reasonOf(CompletableFuture<JobSnapshot> result) {
    assertThat(result).isCompletedExceptionally();
    try {
      result.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return ((WatchEndedException) e.getCause()).reason();
    }
  }
}
