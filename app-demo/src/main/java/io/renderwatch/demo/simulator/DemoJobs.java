package io.renderwatch.demo.simulator;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.ProgressCurve;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Scripted accounts for the demo, the {@code simulate} command and tests: N jobs whose queue and
 * render times are drawn from ranges by a seeded random, so the same seed gives the same job ids
 * and the same timelines.
 */
public final class DemoJobs {

  /** The error code of a scripted failure, as Pictory reports an invalid voice. */
  public static final String FAILURE_CODE = "4001";
  /** The error message of a scripted failure. */
  public static final String FAILURE_MESSAGE = "Invalid voice name";

  private DemoJobs() {}

  /** Starts configuring an account: by default 6 jobs, none failing, no limit, no faults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The demo's account: 6 jobs submitted at {@code submittedAt} that end within 25 s; one fails
   * with 4001 / Invalid voice name, one meets the rate limit (a 429 with {@code Retry-After: 2}
   * on its second request), the rest complete; the account allows 10 requests per second.
   */
  public static SimulatedAccount demo(Instant submittedAt) {
    return builder()
        .jobs(6)
        .queued(Duration.ofSeconds(1), Duration.ofSeconds(4))
        .rendering(Duration.ofSeconds(8), Duration.ofSeconds(20))
        .failing(1)
        .rateLimited(1)
        .retryAfter(Duration.ofSeconds(2))
        .rateLimit(10, Duration.ofSeconds(1))
        .seed(2024)
        .build(submittedAt);
  }

  /** Configures a scripted account; {@link #build(Instant)} creates it. */
  public static final class Builder {
    private int jobs = 6;
    private Duration queuedMin = Duration.ofSeconds(1);
    private Duration queuedMax = Duration.ofSeconds(4);
    private Duration renderingMin = Duration.ofSeconds(8);
    private Duration renderingMax = Duration.ofSeconds(20);
    private int failing;
    private int rateLimited;
    private Duration retryAfter = Duration.ofSeconds(2);
    private int limit;
    private Duration window = Duration.ofSeconds(1);
    private FaultPlan faults = FaultPlan.none();
    private long seed = 1;

    private Builder() {}

    /** How many jobs to script (at least 1); default 6. */
    public Builder jobs(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("jobs must be >= 1 but was " + count);
      }
      this.jobs = count;
      return this;
    }

    /** The range each job's queue time is drawn from, inclusive; default 1–4 s. */
    public Builder queued(Duration min, Duration max) {
      requireRange(min, max, "queued");
      this.queuedMin = min;
      this.queuedMax = max;
      return this;
    }

    /** The range each job's render time is drawn from, inclusive; default 8–20 s. */
    public Builder rendering(Duration min, Duration max) {
      requireRange(min, max, "rendering");
      this.renderingMin = min;
      this.renderingMax = max;
      return this;
    }

    /** How many jobs fail with {@value #FAILURE_CODE} / Invalid voice name; default 0. */
    public Builder failing(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("failing must be >= 0 but was " + count);
      }
      this.failing = count;
      return this;
    }

    /**
     * How many (non-failing) jobs get a 429 on their second request, with the
     * {@link #retryAfter(Duration)}; default 0.
     */
    public Builder rateLimited(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("rateLimited must be >= 0 but was " + count);
      }
      this.rateLimited = count;
      return this;
    }

    /** The Retry-After of every 429 (injected or from the account's limit); zero sends none. */
    public Builder retryAfter(Duration value) {
      Objects.requireNonNull(value, "retryAfter == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be >= 0 but was " + value);
      }
      this.retryAfter = value;
      return this;
    }

    /** The account-wide limit: {@code requests} per {@code window}, 0 for none (default). */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 0) {
        throw new IllegalArgumentException("rate limit requests must be >= 0 but was " + requests);
      }
      Objects.requireNonNull(window, "window == null");
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("rate limit window must be > 0 but was " + window);
      }
      this.limit = requests;
      this.window = window;
      return this;
    }

    /** Further faults injected where the scripted 429s leave a request alone; default none. */
    public Builder faults(FaultPlan plan) {
      this.faults = Objects.requireNonNull(plan, "faults == null");
      return this;
    }

    /** The seed of the random draws (ids, times, curves, which jobs fail); default 1. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Creates the account with every job submitted at {@code submittedAt}.
     *
     * @throws IllegalArgumentException when more jobs should fail or be rate limited than exist
     */
    public SimulatedAccount build(Instant submittedAt) {
      Objects.requireNonNull(submittedAt, "submittedAt == null");
      if (failing + rateLimited > jobs) {
        throw new IllegalArgumentException("failing (" + failing + ") + rateLimited ("
            + rateLimited + ") must not exceed jobs (" + jobs + ")");
      }
      SplittableRandom random = new SplittableRandom(seed);
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        positions.add(i);
      }
      Collections.shuffle(positions, new java.util.Random(random.nextLong()));
      Set<Integer> failingAt = new HashSet<>(positions.subList(0, failing));
      Set<Integer> limitedAt = new HashSet<>(positions.subList(failing, failing + rateLimited));

      List<JobId> ids = new ArrayList<>();
      List<JobScript> scripts = new ArrayList<>();
      Set<JobId> limitedIds = new HashSet<>();
      for (int i = 0; i < jobs; i++) {
        JobId id = new JobId(uuid(random));
        Duration queued = draw(random, queuedMin, queuedMax);
        Duration rendering = draw(random, renderingMin, renderingMax);
        JobScript script = failingAt.contains(i)
            ? JobScript.failing(queued, rendering, FAILURE_CODE, FAILURE_MESSAGE)
            : JobScript.completing(queued, rendering);
        if (random.nextBoolean()) {
          script = script.withCurve(ProgressCurve.easeInOut());
        }
        ids.add(id);
        scripts.add(script);
        if (limitedAt.contains(i)) {
          limitedIds.add(id);
        }
      }
      Fault tooMany = new Fault(Fault.Kind.RATE_LIMITED, retryAfter);
      Set<JobId> limitedView = Set.copyOf(limitedIds);
      FaultPlan scripted = (id, attempt) -> attempt == 1 && limitedView.contains(id) ? tooMany : null;
      SimulatedAccount account = SimulatedAccount.builder()
          .rateLimit(limit, window)
          .retryAfter(retryAfter)
          .faults(scripted.orElse(faults))
          .build();
      for (int i = 0; i < jobs; i++) {
        account.add(ids.get(i), scripts.get(i), submittedAt);
      }
      return account;
    }

    private static Duration draw(SplittableRandom random, Duration min, Duration max) {
      long spanMillis = max.minus(min).toMillis();
      return spanMillis <= 0 ? min : min.plusMillis(random.nextLong(spanMillis + 1));
    }

    /** A version-4 UUID from the seeded random. */
    private static UUID uuid(SplittableRandom random) {
      long most = (random.nextLong() & ~0xF000L) | 0x4000L;
      long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(most, least);
    }

    private static void requireRange(Duration min, Duration max, String name) {
      Objects.requireNonNull(min, name + " min == null");
      Objects.requireNonNull(max, name + " max == null");
      if (min.isNegative()) {
        throw new IllegalArgumentException(name + " min must be >= 0 but was " + min);
      }
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            name + " max must be >= min but was " + max + " < " + min);
      }
    }
  }
}
