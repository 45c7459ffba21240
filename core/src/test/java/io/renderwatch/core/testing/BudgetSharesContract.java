package io.renderwatch.core.testing;

import static io.renderwatch.core.testing.Snapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.port.BudgetShares;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BudgetShares} must do. Extend it and return fresh, empty shares. */
public abstract class BudgetSharesContract {

  private static final Duration LEASE = Duration.ofSeconds(5);

  /** The shares under test, new for each test. */
  protected BudgetShares shares;

  /** Fresh, empty shares. */
  protected abstract BudgetShares newShares() throws Exception;

  /** Releases the shares; by default nothing. */
  protected void closeShares(BudgetShares shares) throws Exception {}

  @BeforeEach
  void open() throws Exception {
    shares = newShares();
  }

  @AfterEach
  void close() throws Exception {
    closeShares(shares);
  }

  @Test
  void aProcessAloneCountsOne() {
    assertThat(shares.live("a", T0, LEASE)).isEqualTo(1);
    assertThat(shares.live("a", T0.plusSeconds(1), LEASE)).isEqualTo(1);
  }

  @Test
  void everyLiveProcessCountsAndOneThatLeavesStopsCountingAtOnce() {
    shares.live("a", T0, LEASE);
    assertThat(shares.live("b", T0, LEASE)).isEqualTo(2);
    assertThat(shares.live("c", T0.plusSeconds(1), LEASE)).isEqualTo(3);
    assertThat(shares.live("a", T0.plusSeconds(1), LEASE)).isEqualTo(3);

    shares.leave("b");

    assertThat(shares.live("a", T0.plusSeconds(1), LEASE)).isEqualTo(2);
  }

  @Test
  void aProcessThatStopsRenewingCountsUntilItsLeaseRunsOut() {
    shares.live("dead", T0, LEASE);
    shares.live("a", T0, LEASE);

    assertThat(shares.live("a", T0.plus(LEASE).minusMillis(1), LEASE)).isEqualTo(2);
    assertThat(shares.live("a", T0.plus(LEASE), LEASE)).isEqualTo(1);
  }

  @Test
  void renewingExtendsTheLease() {
    shares.live("b", T0, LEASE);
    shares.live("b", T0.plusSeconds(4), LEASE);

    assertThat(shares.live("a", T0.plusSeconds(8), LEASE)).isEqualTo(2);
  }

  @Test
  void leavingWhatWasNeverJoinedChangesNothing() {
    shares.live("a", T0, LEASE);
    shares.leave("nobody");
    assertThat(shares.live("a", T0, LEASE)).isEqualTo(1);
  }

  @Test
  void ofProcessesJoiningAtOnceTheLastToCountSeesThemAll() throws Exception {
    int count = 8;
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String owner = "p" + i;
        Callable<Integer> join = () -> {
          start.await();
          return shares.live(owner, T0, LEASE);
        };
        answers.add(pool.submit(join));
      }
      start.countDown();
      int most = 0;
      for (Future<Integer> answer : answers) {
        most = Math.max(most, answer.get());
      }
      assertThat(most).isEqualTo(count);
    } finally {
      pool.shutdownNow();
    }
  }
}
