package io.renderwatch.testkit.sim;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated Pictory account: scripted jobs, an account-wide rate limit answered with 429, and
 * injected faults; it counts what it served. Thread-safe. Time is passed in, so the same account
 * runs in virtual time (scripted source, benchmarks) and real time (the HTTP simulator).
 */
public final class SimulatedAccount {

  /** What the account answers to one request. */
  public sealed interface Answer permits Found, NotFound, Faulted {}

  /** The job's true state. */
  public record Found(JobState state) implements Answer {}

  /** The job is unknown (Pictory's 5000 / JOB_NOT_FOUND body). */
  public record NotFound() implements Answer {}

  /**
   * The request fails; {@code truth} is what a correct answer would have said (absent for an
   * unknown job), for faults that still carry it (a slow answer, a wrong job's body).
   */
  public record Faulted(Fault fault, Optional<JobState> truth) implements Answer {}

  private static final class Job {
    final JobScript script;
    final Instant submittedAt;
    JobState ended;

    Job(JobScript script, Instant submittedAt) {
      this.script = script;
      this.submittedAt = submittedAt;
    }

    JobScript script() {
      return script;
    }

    Instant submittedAt() {
      return submittedAt;
    }

    /** The state at {@code now}; the final state is built once (its outputs are costly). */
    JobState stateAt(JobId id, Instant now) {
      if (ended != null) {
        return ended;
      }
      JobState state = script.stateAt(id, Duration.between(submittedAt, now));
      if (state.isTerminal()) {
        ended = state;
      }
      return state;
    }
  }

  private final int limit;
  private final long windowNanos;
  private final Duration retryAfter;
  private final FaultPlan faults;
  private final Map<JobId, Job> jobs = new HashMap<>();
  private final Set<JobId> order = new LinkedHashSet<>();
  private final Map<JobId, int[]> attempts = new HashMap<>();
  private long[] accepted = new long[16];
  private int acceptedHead;
  private int acceptedCount;
  private long[] arrivals = new long[1024];
  private int arrivalCount;
  private long requests;
  private long rateLimited;
  private long faulted;

  private SimulatedAccount(Builder builder) {
    this.limit = builder.limit;
    this.windowNanos = builder.window.toNanos();
    this.retryAfter = builder.retryAfter;
    this.faults = builder.faults;
  }

  /** Starts an account without rate limit and without faults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a job with the given script, submitted at {@code at}. */
  public synchronized void add(JobId id, JobScript script, Instant at) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(script, "script == null");
    Objects.requireNonNull(at, "at == null");
    if (jobs.putIfAbsent(id, new Job(script, at)) == null) {
      order.add(id);
    }
  }

  /**
   * Forgets a job: its script, state and request count (the account's totals stay). Long
   * simulations drop the jobs they are done with to keep their heap small; a later request for
   * it is answered as an unknown job.
   */
  public synchronized void remove(JobId id) {
    if (jobs.remove(id) != null) {
      order.remove(id);
    }
    attempts.remove(id);
  }

  /** Adds a job with a fresh id; returns the id. */
  public JobId submit(JobScript script, Instant at) {
    JobId id = JobId.random();
    add(id, script, at);
    return id;
  }

  /** Answers one request for job {@code id} arriving at {@code now}, and counts it. */
  public synchronized Answer answer(JobId id, Instant now) {
    long at = nanos(now);
    requests++;
    recordArrival(at);
    if (limit > 0 && overLimit(at)) {
      rateLimited++;
      return new Faulted(new Fault(Fault.Kind.RATE_LIMITED, retryAfter), Optional.empty());
    }
    if (limit > 0) {
      recordAccepted(at);
    }
    Job job = jobs.get(id);
    int attempt = attempts.computeIfAbsent(id, k -> new int[1])[0]++;
    Fault fault = faults.faultFor(id, attempt);
    Optional<JobState> truth = job == null ? Optional.empty() : Optional.of(job.stateAt(id, now));
    if (fault != null) {
      faulted++;
      return new Faulted(fault, truth);
    }
    return truth.<Answer>map(Found::new).orElseGet(NotFound::new);
  }

  /** The ids of all jobs, in the order they were added. */
  public synchronized List<JobId> jobs() {
    return List.copyOf(order);
  }

  /** The script of a job. */
  public synchronized Optional<JobScript> script(JobId id) {
    Job job = jobs.get(id);
    return job == null ? Optional.empty() : Optional.of(job.script());
  }

  /** When the job ends (completes or fails), absent for an unknown job or one that never ends. */
  public synchronized Optional<Instant> endsAt(JobId id) {
    Job job = jobs.get(id);
    if (job == null || job.script().endsAfter() == null) {
      return Optional.empty();
    }
    return Optional.of(job.submittedAt().plus(job.script().endsAfter()));
  }

  /** How many requests were made for the job, answered or not. */
  public synchronized int requestsFor(JobId id) {
    int[] count = attempts.get(id);
    return count == null ? 0 : count[0];
  }

  /** How many requests arrived in all. */
  public synchronized long requests() {
    return requests;
  }

  /** How many requests were answered with 429. */
  public synchronized long rateLimited() {
    return rateLimited;
  }

  /** How many requests had a fault injected (429s excluded). */
  public synchronized long faulted() {
    return faulted;
  }

  /** The largest number of requests that arrived within any window of the given length. */
  public synchronized int maxRequestsWithin(Duration window) {
    long length = window.toNanos();
    long[] sorted = Arrays.copyOf(arrivals, arrivalCount);
    Arrays.sort(sorted);
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.length; end++) {
      while (sorted[end] - sorted[start] >= length) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  private boolean overLimit(long at) {
    if (acceptedCount < limit) {
      return false;
    }
    long oldest = accepted[acceptedHead];
    return at - oldest < windowNanos;
  }

  private void recordAccepted(long at) {
    if (accepted.length != limit) {
      accepted = new long[limit];
    }
    if (acceptedCount < limit) {
      accepted[(acceptedHead + acceptedCount) % limit] = at;
      acceptedCount++;
    } else {
      accepted[acceptedHead] = at;
      acceptedHead = (acceptedHead + 1) % limit;
    }
  }

  private void recordArrival(long at) {
    if (arrivalCount == arrivals.length) {
      arrivals = Arrays.copyOf(arrivals, arrivals.length * 2);
    }
    arrivals[arrivalCount++] = at;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Configures a {@link SimulatedAccount}. */
  public static final class Builder {
    private int limit;
    private Duration window = Duration.ofSeconds(1);
    private Duration retryAfter = Duration.ofSeconds(10);
    private FaultPlan faults = FaultPlan.none();

    private Builder() {}

    /**
     * Answers 429 to a request when {@code requests} were already answered within the last
     * {@code window}; zero turns the limit off.
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 0) {
        throw new IllegalArgumentException("requests < 0: " + requests);
      }
      this.limit = requests;
      this.window = Objects.requireNonNull(window, "window == null");
      return this;
    }

    /** The Retry-After sent with a 429; zero sends none. */
    public Builder retryAfter(Duration value) {
      this.retryAfter = Objects.requireNonNull(value, "value == null");
      return this;
    }

    /** Which requests fail, and how. */
    public Builder faults(FaultPlan plan) {
      this.faults = Objects.requireNonNull(plan, "plan == null");
      return this;
    }

    /** Returns the account. */
    public SimulatedAccount build() {
      return new SimulatedAccount(this);
    }
  }
}
