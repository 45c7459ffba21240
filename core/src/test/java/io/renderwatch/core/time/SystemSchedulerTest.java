package io.renderwatch.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

  @Test
  void closeLetsTheRunningTaskFinishWithoutInterruptingItAndDropsTheRest() throws Exception {
    SystemScheduler scheduler = new SystemScheduler();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean laterRan = new AtomicBoolean();
    scheduler.execute(() -> {
      started.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      finished.set(!Thread.currentThread().isInterrupted());
    });
    scheduler.execute(() -> laterRan.set(true));
    scheduler.schedule(Duration.ofMillis(1), () -> laterRan.set(true));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(scheduler::close);
    closer.start();
    // close() is waiting for the running task: only now let the task end.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> closer.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closer.join(10_000);

    assertThat(closer.isAlive()).isFalse();
    assertThat(interrupted).isFalse();
    assertThat(finished).isTrue();
    assertThat(laterRan).isFalse();
    assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aTaskMayCloseItsOwnScheduler() throws Exception {
    SystemScheduler scheduler = new SystemScheduler();
    CountDownLatch closed = new CountDownLatch(1);
    scheduler.execute(() -> {
      scheduler.close();
      closed.countDown();
    });
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
  }
}
