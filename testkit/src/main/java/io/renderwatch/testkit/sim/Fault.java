package io.renderwatch.testkit.sim;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import java.time.Duration;
import java.util.Objects;

/**
 * A failure injected into one simulated request.
 *
 * @param kind what goes wrong
 * @param duration the kind's time parameter (retry-after of a 429, delay of a slow answer), or
 *     zero
 */
public record Fault(Kind kind, Duration duration) {

  /** What can go wrong with one request. */
  public enum Kind {
    /** HTTP 429 with a Retry-After of {@link Fault#duration()} (zero: no header). */
    RATE_LIMITED,
    /** HTTP 500. */
    SERVER_ERROR,
    /** HTTP 502. */
    BAD_GATEWAY,
    /** HTTP 503. */
    SERVICE_UNAVAILABLE,
    /** The connection is closed without an answer. */
    DROP_CONNECTION,
    /** The answer stops half-way through the body. */
    TRUNCATED_BODY,
    /** A 200 whose body is not JSON. */
    MALFORMED_JSON,
    /** A 200 with an HTML page, as from a proxy. */
    HTML_PAGE,
    /** A 200 with a status this version does not know. */
    UNKNOWN_STATUS,
    /** A 200 with another job's body. */
    WRONG_JOB,
    /** A 200 with a body far over any sane size. */
    HUGE_BODY,
    /** The right answer, {@link Fault#duration()} late. */
    SLOW,
    /**
     * A well-formed 200 that goes back in time: "queued" while the job is rendering (the truth
     * otherwise); see {@link Fault#misreport}.
     */
    GOES_BACKWARDS,
    /**
     * A well-formed 200 that contradicts an ended job's end: a failure for a completed job, a
     * completion with other outputs for a failed one (the truth otherwise); see
     * {@link Fault#misreport}.
     */
    CHANGED_ENDING
  }

  /** Requires both components. */
  public Fault {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(duration, "duration == null");
  }

  /**
   * What a well-formed but wrong answer says instead of {@code truth}, for the kinds that answer
   * with a valid state ({@link Kind#GOES_BACKWARDS}, {@link Kind#CHANGED_ENDING}); every other
   * kind, and a truth the kind does not distort, gives the truth back. One rule for every
   * simulation, in virtual and in real time.
   */
  public JobState misreport(JobId id, JobState truth) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(truth, "truth == null");
    switch (kind) {
      case GOES_BACKWARDS:
        return truth instanceof JobState.Running ? JobState.QUEUED : truth;
      case CHANGED_ENDING:
        if (truth instanceof JobState.Completed) {
          return new JobState.Failed("4001", "Answered differently after completing");
        }
        if (truth instanceof JobState.Failed) {
          return new JobState.Completed(JobScript.outputOf(new JobId(new java.util.UUID(
              ~id.value().getMostSignificantBits(), ~id.value().getLeastSignificantBits()))));
        }
        return truth;
      default:
        return truth;
    }
  }

  /** Whether this kind answers with a well-formed (but possibly wrong) state. */
  public boolean answersWithState() {
    return kind == Kind.GOES_BACKWARDS || kind == Kind.CHANGED_ENDING;
  }

  /** A fault without a time parameter. */
  public static Fault of(Kind kind) {
    return new Fault(kind, Duration.ZERO);
  }
}
