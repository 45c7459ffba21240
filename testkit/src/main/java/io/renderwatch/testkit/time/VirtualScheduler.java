package io.renderwatch.testkit.time;

import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A deterministic discrete-event {@link Scheduler}: time stands still until a caller advances
 * it, and advancing runs every due task in time order (ties in submission order) on the
 * caller's thread, without sleeping. For tests and simulations.
 */
public final class VirtualScheduler implements Scheduler {

  private static final class Task implements Timer, Comparable<Task> {
    final long at;
    final long sequence;
    final Runnable work;
    boolean cancelled;

    Task(long at, long sequence, Runnable work) {
      this.at = at;
      this.sequence = sequence;
      this.work = work;
    }

    @Override
    public boolean cancel() {
      boolean was = cancelled;
      cancelled = true;
      return !was;
    }

    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final Instant epoch;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowNanos;
  private long sequence;
  private long executed;

  /** A scheduler whose clock starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.epoch = Objects.requireNonNull(start, "start == null");
  }

  @Override
  public synchronized Instant now() {
    return epoch.plusNanos(nowNanos);
  }

  /** Nanoseconds since the start, cheaper than {@link #now()} for hot loops. */
  public synchronized long elapsedNanos() {
    return nowNanos;
  }

  @Override
  public synchronized Timer schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    long delta;
    try {
      delta = Math.max(0, delay.toNanos());
    } catch (ArithmeticException e) {
      delta = delay.isNegative() ? 0 : Long.MAX_VALUE / 2;
    }
    Task scheduled = new Task(saturatedAdd(nowNanos, delta), sequence++, task);
    queue.add(scheduled);
    return scheduled;
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /** Runs every task due within {@code duration} from now, then sets the clock to that time. */
  public void advanceBy(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + duration);
    }
    long target;
    synchronized (this) {
      target = saturatedAdd(nowNanos, duration.toNanos());
    }
    runUntil(target);
  }

  /** Runs every task due up to {@code instant}, then sets the clock to it. */
  public void advanceTo(Instant instant) {
    advanceBy(Duration.between(now(), instant));
  }

  /** Runs the tasks that are due now, including those they schedule for now. */
  public void runDue() {
    advanceBy(Duration.ZERO);
  }

  /**
   * Runs tasks in time order until none is left or the clock would pass {@code limit}; returns
   * whether the queue ran empty.
   */
  public boolean runUntilIdle(Duration limit) {
    long target;
    synchronized (this) {
      target = saturatedAdd(nowNanos, limit.toNanos());
    }
    runUntil(target);
    synchronized (this) {
      return pendingCount() == 0;
    }
  }

  /** How many tasks are waiting (cancelled ones excluded). */
  public synchronized int pendingCount() {
    int count = 0;
    for (Task task : queue) {
      if (!task.cancelled) {
        count++;
      }
    }
    return count;
  }

  /** How many tasks have run so far. */
  public synchronized long executedCount() {
    return executed;
  }

  private void runUntil(long target) {
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at > target) {
          nowNanos = Math.max(nowNanos, target);
          return;
        }
        queue.poll();
        if (next.cancelled) {
          continue;
        }
        nowNanos = Math.max(nowNanos, next.at);
        executed++;
      }
      next.work.run();
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
