package io.renderwatch.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * Time and deferred work for the watch engine: a clock and a way to run a task later.
 *
 * <p>The engine runs all its work through one scheduler, so the testkit's
 * {@code VirtualScheduler} makes it fully deterministic and a {@link SystemScheduler} runs it on
 * one real thread. Implementations are thread-safe. A task that throws does not stop the
 * scheduler.
 */
public interface Scheduler extends Executor {

  /** The current instant on this scheduler's clock. */
  Instant now();

  /** Runs {@code task} once, {@code delay} from now (at once for a zero or negative delay). */
  Timer schedule(Duration delay, Runnable task);

  /** Runs {@code task} as soon as possible, after tasks already due. */
  @Override
  void execute(Runnable task);

  /** A task scheduled for later. */
  interface Timer {
    /** Prevents the task from running if it has not started; returns whether it was stopped. */
    boolean cancel();
  }
}
