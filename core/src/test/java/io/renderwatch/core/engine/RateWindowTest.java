package io.renderwatch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  static final long SECOND = 1_000_000_000L;

  @Test
  void letsTheLimitThroughThenWaitsForTheOldestToLeaveTheWindow() {
    RateWindow window = new RateWindow(3, SECOND);
    for (int i = 0; i < 3; i++) {
      assertThat(window.nextSlot(i * 100)).isEqualTo(i * 100);
      window.record(i * 100);
    }
    assertThat(window.nextSlot(300)).isEqualTo(SECOND);
    window.record(SECOND);
    assertThat(window.nextSlot(SECOND)).isEqualTo(SECOND + 100);
  }

  @Property(tries = 300)
  void neverAllowsMoreThanTheLimitInAnyWindow(@ForAll @IntRange(min = 1, max = 10) int limit,
      @ForAll @Size(max = 200) List<@LongRange(min = 0, max = SECOND) Long> gaps) {
    RateWindow window = new RateWindow(limit, SECOND);
    List<Long> sent = new ArrayList<>();
    long now = 0;
    for (long gap : gaps) {
      now = window.nextSlot(now + gap);
      window.record(now);
      sent.add(now);
    }
    for (int i = limit; i < sent.size(); i++) {
      assertThat(sent.get(i) - sent.get(i - limit)).isGreaterThanOrEqualTo(SECOND);
    }
  }
}
