package io.renderwatch.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

  final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  final VirtualScheduler clock = new VirtualScheduler(t0);
  final List<String> ran = new ArrayList<>();

  @Test
  void runsDueTasksInTimeOrderThenSubmissionOrder() {
    clock.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + clock.now()));
    clock.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + clock.now()));
    clock.schedule(Duration.ofSeconds(2), () -> ran.add("c@" + clock.now()));
    clock.execute(() -> ran.add("now"));

    clock.advanceBy(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("now", "a@" + t0.plusSeconds(1));
    clock.advanceBy(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("now", "a@" + t0.plusSeconds(1), "b@" + t0.plusSeconds(2),
        "c@" + t0.plusSeconds(2));
    assertThat(clock.now()).isEqualTo(t0.plusSeconds(6));
  }

  @Test
  void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
    clock.schedule(Duration.ofSeconds(1), () ->
        clock.schedule(Duration.ofSeconds(1), () -> ran.add("nested@" + clock.now())));
    clock.advanceBy(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("nested@" + t0.plusSeconds(2));
  }

  @Test
  void aCancelledTaskNeverRuns() {
    Scheduler.Timer timer = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
    assertThat(timer.cancel()).isTrue();
    assertThat(timer.cancel()).isFalse();
    clock.advanceBy(Duration.ofSeconds(2));
    assertThat(ran).isEmpty();
    assertThat(clock.pendingCount()).isZero();
  }

  @Test
  void runUntilIdleStopsAtTheLimit() {
    clock.schedule(Duration.ofSeconds(10), () -> ran.add("late"));
    assertThat(clock.runUntilIdle(Duration.ofSeconds(5))).isFalse();
    assertThat(ran).isEmpty();
    assertThat(clock.runUntilIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(ran).containsExactly("late");
  }
}
