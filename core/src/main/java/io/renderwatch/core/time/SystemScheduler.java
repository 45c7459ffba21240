package io.renderwatch.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Scheduler} on the system clock that runs every task on one daemon thread, so the
 * engine needs no lock contention and no thread per job. Close it to stop the thread.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SystemScheduler.class.getName());
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread worker;

  /** A scheduler on the system UTC clock. */
  public SystemScheduler() {
    this(Clock.systemUTC());
  }

  /** A scheduler on the given clock (tasks still wait in real time). */
  public SystemScheduler(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "renderwatch-scheduler-" + COUNT.incrementAndGet());
      thread.setDaemon(true);
      worker = thread;
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    long nanos = Math.max(0, saturatedNanos(delay));
    ScheduledFuture<?> future = executor.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(guarded(Objects.requireNonNull(task, "task == null")));
  }

  /**
   * Stops the thread: tasks not yet started are dropped, the one running (if any) is let finish
   * for up to five seconds. The thread is not interrupted while it works, because an interrupt
   * during file I/O closes the channel under the storage (H2's file store breaks that way).
   */
  @Override
  public void close() {
    executor.shutdown();
    executor.getQueue().clear();
    if (Thread.currentThread() == worker) {
      return; // closed by one of its own tasks: that task is the one running, let it end
    }
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the thread has stopped after {@link #close()}; for orderly shutdown. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return executor.awaitTermination(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "A scheduled task failed", e);
      }
    };
  }
}
