package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.WatchRegistration;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A job given to two processes that share a store and a registry is polled by one of them at a
 * time: the one without the lease follows it in the store, takes over once the lease runs out,
 * and spends exactly one request on a webhook hint.
 */
class FollowersTest {

  final Sim sim = new Sim();
  final PollPolicy policy = PollPolicy.builder().lease(s(60)).build();

  /** A source of the scripted account that records when this process asked. */
  JobStatusSource tallied(List<Instant> asked) {
    ScriptedStatusSource scripted = new ScriptedStatusSource(sim.account, sim.clock,
        Sim.LATENCY, s(30));
    return id -> {
      asked.add(sim.clock.now());
      return scripted.fetch(id);
    };
  }

  @Test
  void theProcessWithoutTheLeaseSendsNothingAndGetsTheResultFromTheStore() {
    JobId id = sim.account.submit(JobScript.completing(s(5), s(240)), T0);
    List<Instant> fromA = new CopyOnWriteArrayList<>();
    List<Instant> fromB = new CopyOnWriteArrayList<>();
    RenderWatch a = sim.engine(tallied(fromA), policy, "a");
    RenderWatch b = sim.engine(tallied(fromB), policy, "b");

    JobWatch first = a.watch(id);
    JobWatch second = b.watch(id);
    sim.clock.advanceBy(s(400));

    assertThat(first.result()).isCompleted();
    assertThat(second.result()).isCompleted();
    JobSnapshot result = first.result().join();
    assertThat(second.result().join()).isEqualTo(result);
    assertThat(fromA).isNotEmpty();
    assertThat(fromB).as("requests from the process without the lease").isEmpty();
  }

  @Test
  void whenTheHoldersLeaseRunsOutTheFollowerTakesTheJobOverWithinAMaxInterval() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(300)), T0);
    // A process that took the job and then died: its lease is never renewed.
    sim.registry.register(new WatchRegistration(id, T0, T0.plus(s(3600))), "dead", T0, s(60));
    List<Instant> fromB = new CopyOnWriteArrayList<>();
    RenderWatch b = sim.engine(tallied(fromB), policy, "b");

    JobWatch watch = b.watch(id);
    sim.clock.advanceBy(s(59));
    assertThat(fromB).as("requests while the other lease is live").isEmpty();

    sim.clock.advanceBy(s(400));
    assertThat(fromB).isNotEmpty();
    Duration late = Duration.between(T0.plus(s(60)), fromB.get(0));
    assertThat(late).isBetween(Duration.ZERO, policy.maxInterval());
    assertThat(watch.result().join().isTerminal()).isTrue();
    assertThat(sim.registry.unfinished()).isEmpty();
  }

  @Test
  void aHintAtTheProcessWithoutTheLeaseCostsOneRequestThenItFollowsAgain() {
    JobId id = sim.account.submit(JobScript.completing(s(0), s(200)), T0);
    List<Instant> fromA = new CopyOnWriteArrayList<>();
    List<Instant> fromB = new CopyOnWriteArrayList<>();
    RenderWatch a = sim.engine(tallied(fromA), policy, "a");
    RenderWatch b = sim.engine(tallied(fromB), policy, "b");
    JobWatch polling = a.watch(id);
    sim.clock.advanceBy(s(50));

    // A webhook that raced the API reaches the other process while the job still renders.
    JobWatch hinted = b.hint(id);
    sim.clock.advanceBy(s(5));
    assertThat(fromB).hasSize(1);
    assertThat(hinted.result()).isNotDone();

    sim.clock.advanceBy(s(300));
    assertThat(fromB).as("requests from the hinted process").hasSize(1);
    assertThat(polling.result().join().isTerminal()).isTrue();
    assertThat(hinted.result().join()).isEqualTo(polling.result().join());
  }
}
