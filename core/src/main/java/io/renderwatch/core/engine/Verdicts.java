package io.renderwatch.core.engine;

import io.renderwatch.core.engine.WatchEndedException.Reason;
import io.renderwatch.core.port.SourceException;

/**
 * What a failed poll means: end every watch, end this job's watch, retry this job later, or
 * pause all polling and retry. Pure; the engine applies the verdict under its lock.
 */
final class Verdicts {

  /** The kinds of verdict. */
  enum Action { END_ALL, END_JOB, RETRY, PAUSE_ALL }

  /**
   * One decision.
   *
   * @param reason why the watch ends (END_ALL, END_JOB), else null
   * @param retryAt when to poll again (RETRY, PAUSE_ALL: also the end of the pause)
   * @param counts whether the failure counts towards giving up
   */
  record Verdict(Action action, Reason reason, String message, long retryAt, boolean counts) {}

  private final PollPolicy policy;
  private final Cadence cadence;

  Verdicts(PollPolicy policy, Cadence cadence) {
    this.policy = policy;
    this.cadence = cadence;
  }

  /**
   * Decides on a failed poll of a job watched since {@code startedAt}, which has failed
   * {@code failuresBefore} times in a row before this one.
   */
  Verdict decide(SourceException failure, int failuresBefore, long startedAt, long now) {
    switch (failure.kind()) {
      case UNAUTHORIZED:
        return end(Action.END_ALL, Reason.UNAUTHORIZED, failure.getMessage());
      case FORBIDDEN:
        return end(Action.END_ALL, Reason.FORBIDDEN, failure.getMessage());
      case NOT_FOUND:
        if (now - startedAt < policy.notFoundGrace().toNanos()) {
          return new Verdict(Action.RETRY, null, null, now + cadence.minInterval(), false);
        }
        return end(Action.END_JOB, Reason.NOT_FOUND, failure.getMessage());
      case RATE_LIMITED:
        long pause = failure.retryAfter().orElse(policy.rateLimitPause()).toNanos();
        return new Verdict(Action.PAUSE_ALL, null, null, now + pause, false);
      default:
        int failures = failuresBefore + 1;
        if (failures >= policy.maxConsecutiveFailures()) {
          return end(Action.END_JOB, reasonFor(failure), "Gave up after " + failures
              + " failed polls in a row: " + failure.getMessage());
        }
        long delay = failure.retryAfter().map(d -> d.toNanos())
            .orElseGet(() -> cadence.backoff(failures));
        return new Verdict(Action.RETRY, null, null, now + delay, true);
    }
  }

  /** The reason a watch ends with when its deadline passes after {@code last} failed it. */
  static Reason atDeadline(SourceException last) {
    return last != null && last.retryable() ? reasonFor(last) : Reason.TIMEOUT;
  }

  static Reason reasonFor(SourceException failure) {
    switch (failure.kind()) {
      case RATE_LIMITED:
        return Reason.RATE_LIMITED;
      case BAD_RESPONSE:
        return Reason.BAD_RESPONSE;
      case UNREACHABLE:
        return Reason.UNREACHABLE;
      default:
        return Reason.UNAVAILABLE;
    }
  }

  private static Verdict end(Action action, Reason reason, String message) {
    return new Verdict(action, reason, message, 0, false);
  }
}
