package io.renderwatch.core.sim;

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
    SLOW
  }

  /** Requires both components. */
  public Fault {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(duration, "duration == null");
  }

  /** A fault without a time parameter. */
  public static Fault of(Kind kind) {
    return new Fault(kind, Duration.ZERO);
  }
}
