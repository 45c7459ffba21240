package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  static final long SECOND = 1_000_000_000L;

  @Test
  void aSlotIsFreeAgainOneWindowAfterItsAnswerNotAfterItsDeparture() {
    RateWindow window = new RateWindow(2, SECOND);
    int first = window.record(0);
    int second = window.record(100);
    assertThat(window.nextSlot(200)).isEqualTo(RateWindow.IN_FLIGHT);
    window.answered(first, 700); // the server may have seen it as late as 700
    assertThat(window.nextSlot(800)).isEqualTo(700 + SECOND);
    window.answered(second, 300);
    assertThat(window.nextSlot(800)).isEqualTo(300 + SECOND);
  }

  @Test
  void refusesARequestThatDoesNotFit() {
    RateWindow window = new RateWindow(1, SECOND);
    window.record(0);
    assertThatThrownBy(() -> window.record(1)).isInstanceOf(IllegalStateException.class);
  }

  /**
   * Requests leave as soon as the budget lets them, each answered after a random latency, and
   * each reaches the server at a random moment between leaving and its answer: the server never
   * sees more than the limit in any window.
   */
  @Property(tries = 300)
  void theServerNeverSeesMoreThanTheLimitInAnyWindow(
      @ForAll @IntRange(min = 1, max = 10) int limit,
      @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 3 * SECOND) Long> latencies,
      @ForAll long seed) {
    RateWindow window = new RateWindow(limit, SECOND);
    SplittableRandom random = new SplittableRandom(seed);
    List<long[]> inFlight = new ArrayList<>(); // {slot, answeredAt}
    List<Long> arrivals = new ArrayList<>();
    long now = 0;
    for (long latency : latencies) {
      now = untilFree(window, inFlight, now);
      int slot = window.record(now);
      inFlight.add(new long[] {slot, now + latency});
      arrivals.add(now + (latency == 0 ? 0 : random.nextLong(latency + 1)));
    }
    arrivals.sort(Long::compare);
    for (int i = limit; i < arrivals.size(); i++) {
      assertThat(arrivals.get(i) - arrivals.get(i - limit)).isGreaterThanOrEqualTo(SECOND);
    }
  }

  /**
   * As above, but the limit changes (a process's share as others come and go) between requests:
   * the requests reaching the server within any window number at most the limit in force when
   * the last of them left, even when they left under a larger one.
   */
  @Property(tries = 300)
  void aChangingLimitHoldsOnTheWireFromTheMomentItChanges(
      @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 3 * SECOND) Long> latencies,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RateWindow window = new RateWindow(1 + random.nextInt(10), SECOND);
    List<long[]> inFlight = new ArrayList<>(); // {slot, answeredAt}
    List<long[]> sent = new ArrayList<>(); // {leftAt, arrivedAt, limitInForce}
    long now = 0;
    for (long latency : latencies) {
      if (random.nextInt(4) == 0) {
        window.limit(1 + random.nextInt(10));
      }
      now = untilFree(window, inFlight, now);
      int slot = window.record(now);
      inFlight.add(new long[] {slot, now + latency});
      sent.add(new long[] {now, now + (latency == 0 ? 0 : random.nextLong(latency + 1)),
          window.limit()});
    }
    for (long[] first : sent) {
      long count = 0;
      long[] lastToLeave = null; // in the order they left, ties included
      for (long[] other : sent) {
        if (other[1] >= first[1] && other[1] < first[1] + SECOND) {
          count++;
          lastToLeave = lastToLeave == null || other[0] >= lastToLeave[0] ? other : lastToLeave;
        }
      }
      assertThat(count).isLessThanOrEqualTo(lastToLeave[2]);
    }
  }

  @Test
  void aLimitOfZeroLetsNothingLeaveUntilItGrows() {
    RateWindow window = new RateWindow(3, SECOND);
    window.limit(0);
    assertThat(window.nextSlot(0)).isEqualTo(RateWindow.IN_FLIGHT);
    window.limit(5);
    for (int i = 0; i < 5; i++) {
      window.record(0);
    }
    assertThat(window.nextSlot(0)).isEqualTo(RateWindow.IN_FLIGHT);
  }

  /**
   * Lets time pass, answering requests in flight as they come back, until the window has a free
   * slot; returns the time it has.
   */
  private static long untilFree(RateWindow window, List<long[]> inFlight, long from) {
    long now = from;
    while (window.nextSlot(now) == RateWindow.IN_FLIGHT || window.nextSlot(now) > now) {
      long[] next = inFlight.stream().min((a, b) -> Long.compare(a[1], b[1])).orElse(null);
      if (next != null && (window.nextSlot(now) == RateWindow.IN_FLIGHT
          || next[1] <= window.nextSlot(now))) {
        now = Math.max(now, next[1]);
        window.answered((int) next[0], next[1]);
        inFlight.remove(next);
      } else {
        now = window.nextSlot(now);
      }
    }
    return now;
  }
}
