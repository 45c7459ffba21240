package io.renderwatch.demo.plan;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What a team renders: jobs arriving at random (Poisson) at a steady hourly rate, optionally after
 * a burst submitted all at once; each waits in Pictory's queue uniformly 0–60 s, then renders for
 * a log-normal time (σ 0.8) around the median, clamped to a sixth and five times the median, with
 * progress growing linearly.
 *
 * @param jobsPerHour the steady arrival rate
 * @param jobs how many jobs to simulate in all, the burst included
 * @param burst how many of them are submitted together at the start
 * @param renderMedian the median render time
 * @param seed the seed of every random draw
 */
public record Workload(double jobsPerHour, int jobs, int burst, Duration renderMedian, long seed) {

  /** The spread of render times: σ of their logarithm. */
  static final double SIGMA = 0.8;
  /** The longest wait in Pictory's queue. */
  static final Duration MAX_QUEUED = Duration.ofSeconds(60);

  /** Validates the figures. */
  public Workload {
    if (!(jobsPerHour > 0) || Double.isInfinite(jobsPerHour)) {
      throw new IllegalArgumentException("jobs per hour must be > 0 but was " + jobsPerHour);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1 but was " + jobs);
    }
    if (burst < 0 || burst > jobs) {
      throw new IllegalArgumentException("burst must be between 0 and the jobs (" + jobs
          + ") but was " + burst);
    }
    Objects.requireNonNull(renderMedian, "renderMedian == null");
    if (renderMedian.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("render median must be >= 1s but was " + renderMedian);
    }
  }

  /** The shortest render time a job takes. */
  Duration shortestRender() {
    return renderMedian.dividedBy(6);
  }

  /** The longest render time a job takes. */
  Duration longestRender() {
    return renderMedian.multipliedBy(5);
  }

  /** One job: its id, when it is submitted (from the start), and its script. */
  record Job(JobId id, Duration arrival, JobScript script) {

    /** When the job ends, from the start. */
    Duration end() {
      return arrival.plus(script.endsAfter());
    }
  }

  /** The jobs in arrival order, drawn one at a time (the same sequence for the same workload). */
  Jobs stream() {
    return new Jobs();
  }

  /** Draws the workload's jobs one by one, in arrival order. */
  final class Jobs {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final double meanGapNanos = 3600e9 / jobsPerHour;
    private double arrivalNanos;
    private int drawn;

    /** Whether jobs are left. */
    boolean hasNext() {
      return drawn < jobs;
    }

    /** The next job. */
    Job next() {
      if (!hasNext()) {
        throw new IllegalStateException("all " + jobs + " jobs were drawn");
      }
      if (drawn >= burst) {
        arrivalNanos += -Math.log(1 - random.nextDouble()) * meanGapNanos;
      }
      JobId id = new JobId(new UUID(seed, drawn++));
      Duration queued = Duration.ofMillis((long) (random.nextDouble() * MAX_QUEUED.toMillis()));
      double median = renderMedian.toNanos() / 1e9;
      double render = median * Math.exp(SIGMA * gaussian(random));
      render = Math.max(median / 6, Math.min(median * 5, render));
      Duration running = Duration.ofMillis((long) (render * 1000));
      return new Job(id, Duration.ofNanos((long) arrivalNanos),
          JobScript.completing(queued, running));
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
