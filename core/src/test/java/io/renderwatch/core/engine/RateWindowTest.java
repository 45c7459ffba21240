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
      int slot = window.record(now);
      inFlight.add(new long[] {slot, now + latency});
      arrivals.add(now + (latency == 0 ? 0 : random.nextLong(latency + 1)));
    }
    arrivals.sort(Long::compare);
    for (int i = limit; i < arrivals.size(); i++) {
      assertThat(arrivals.get(i) - arrivals.get(i - limit)).isGreaterThanOrEqualTo(SECOND);
    }
  }
}
