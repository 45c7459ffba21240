package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's jobs start with the watch's first request, not with the JVM. */
class DemoClockTest {

  private static final Instant SUBMITTED = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void standsAtTheSubmissionUntilFirstReadThenRuns() {
    MutableClock system = new MutableClock(SUBMITTED);
    DemoClock demo = new DemoClock(SUBMITTED, system);

    system.advance(Duration.ofSeconds(17));
    assertThat(demo.instant()).isEqualTo(SUBMITTED);
    system.advance(Duration.ofMillis(2500));
    assertThat(demo.instant()).isEqualTo(SUBMITTED.plusMillis(2500));
  }
}
