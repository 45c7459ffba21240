package io.renderwatch.core.engine;

import static io.renderwatch.core.engine.Sim.T0;
import static io.renderwatch.core.engine.Sim.ms;
import static io.renderwatch.core.engine.Sim.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.memory.InMemoryBudgetShares;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ScriptedStatusSource;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several engines on one account with {@code shareBudget}: each takes an equal share of the
 * account's budget, re-divided as engines come and go, in virtual time. Every job wants polling
 * far more often than the budget allows, so each engine uses all the share it has.
 */
class SharedBudgetTest {

  static final int RATE = 4;

  final Sim sim = new Sim();
  final InMemoryBudgetShares shares = new InMemoryBudgetShares();
  final PollPolicy policy = PollPolicy.builder().intervals(ms(100), ms(200))
      .budget(RATE, s(1)).lease(s(5)).build();

  @Test
  void aSecondEngineHalvesTheFirstsShareAndItsLeavingGivesItBack() {
    sim.account = SimulatedAccount.builder().rateLimit(RATE, s(1)).build();
    Recorded a = engine("a");
    a.watch.watchAll(jobs(50), WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(s(10));
    Recorded b = engine("b");
    b.watch.watchAll(jobs(50), WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(s(20));
    b.watch.close();
    sim.clock.advanceBy(s(10));

    assertThat(sim.account.rateLimited()).as("429s").isZero();
    assertThat(sim.account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(RATE);
    assertThat(a.perSecond(2, 10)).as("a alone uses the whole budget").isGreaterThan(RATE / 2.0);
    assertThat(a.perSecond(15, 30)).as("a's half").isBetween(1.0, RATE / 2.0);
    assertThat(b.perSecond(15, 30)).as("b's half").isBetween(1.0, RATE / 2.0);
    assertThat(a.perSecond(33, 40)).as("a has it all back once b left")
        .isGreaterThan(RATE / 2.0);
    a.watch.close();
  }

  @Test
  void anEngineThatDiedStopsCountingWhenItsLeaseRunsOut() {
    sim.account = SimulatedAccount.builder().rateLimit(RATE, s(1)).build();
    Recorded a = engine("a");
    a.watch.watchAll(jobs(50), WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(s(10));
    shares.live("dead", sim.clock.now(), policy.lease()); // joins once, then never again

    sim.clock.advanceBy(s(20));

    assertThat(a.perSecond(2, 10)).isGreaterThan(RATE / 2.0);
    assertThat(a.perSecond(12, 15)).as("a's half while the dead one's lease runs")
        .isBetween(1.0, RATE / 2.0);
    assertThat(a.perSecond(19, 30)).as("a's whole once it ran out").isGreaterThan(RATE / 2.0);
    assertThat(sim.account.rateLimited()).isZero();
    a.watch.close();
  }

  @Test
  void aNewEngineWaitsForItsShareUntilTheOthersHaveShrunk() {
    sim.account = SimulatedAccount.builder().rateLimit(RATE, s(1)).build();
    Recorded a = engine("a");
    a.watch.watchAll(jobs(50), WatchOptions.defaults(), WatchListener.NONE);
    sim.clock.advanceBy(s(10).plusMillis(500));
    Recorded b = engine("b");
    b.watch.watchAll(jobs(50), WatchOptions.defaults(), WatchListener.NONE);

    sim.clock.advanceBy(s(5));

    assertThat(b.sent).isNotEmpty();
    assertThat(Duration.between(T0.plus(s(10).plusMillis(500)), b.sent.get(0)))
        .as("b's first request waits two windows").isGreaterThanOrEqualTo(s(2));
    assertThat(sim.account.maxRequestsWithin(s(1))).isLessThanOrEqualTo(RATE);
    assertThat(sim.account.rateLimited()).isZero();
  }

  private List<JobId> jobs(int count) {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(sim.account.submit(JobScript.completing(s(0), s(3600)), sim.clock.now()));
    }
    return ids;
  }

  private Recorded engine(String owner) {
    Recorded recorded = new Recorded();
    ScriptedStatusSource scripted =
        new ScriptedStatusSource(sim.account, sim.clock, Sim.LATENCY, s(30));
    JobStatusSource source = id -> {
      recorded.sent.add(sim.clock.now());
      return scripted.fetch(id);
    };
    recorded.watch = RenderWatch.builder().source(source).store(sim.store)
        .registry(sim.registry).scheduler(sim.clock).policy(policy).owner(owner).seed(7)
        .shareBudget(shares).build();
    return recorded;
  }

  /** One engine and the times its requests left. */
  static final class Recorded {
    final List<Instant> sent = new ArrayList<>();
    RenderWatch watch;

    /**
     * Requests per second that left in [from s, to s) after the start. A request holds its
     * place until a window after its answer, so a whole budget of 4 is about 3.3 per second here.
     */
    double perSecond(int from, int to) {
      Instant start = T0.plus(s(from));
      Instant end = T0.plus(s(to));
      long count = sent.stream().filter(at -> !at.isBefore(start) && at.isBefore(end)).count();
      return (double) count / (to - from);
    }
  }
}
