package io.renderwatch.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

  @Test
  void closeLetsTheRunningTaskFinishWithoutInterruptingItAndDropsTheRest() throws Exception {
    SystemScheduler scheduler = new SystemScheduler();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean laterRan = new AtomicBoolean();
    scheduler.execute(() -> {
      started.countDown();
      // Still running when close() begins (it then refuses new work), ending only after that:
      // what the test sees does not depend on how fast either thread gets there.
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMinutes(1))
          .until(() -> refusesWork(scheduler));
      interrupted.set(Thread.currentThread().isInterrupted());
      finished.set(true);
    });
    scheduler.execute(() -> laterRan.set(true));
    scheduler.schedule(Duration.ofMillis(1), () -> laterRan.set(true));
    assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();

    Thread closer = new Thread(scheduler::close);
    closer.start();
    closer.join(TimeUnit.MINUTES.toMillis(1));

    assertThat(closer.isAlive()).isFalse();
    assertThat(interrupted).isFalse();
    assertThat(finished).isTrue();
    assertThat(laterRan).isFalse();
    assertThat(scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
  }

  private static boolean refusesWork(SystemScheduler scheduler) {
    try {
      scheduler.execute(() -> { });
      return false;
    } catch (RejectedExecutionException e) {
      return true;
    }
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
