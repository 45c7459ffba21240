package io.renderwatch.core.model;

import io.renderwatch.core.model.JobState.Running;
import java.util.Objects;
import java.util.Optional;

/**
 * The job state machine: decides, for the state currently held and a new observation, whether
 * the observation is taken. Pure and thread-safe; every store and the engine use it.
 *
 * <table>
 *   <caption>current (rows) against observed (columns)</caption>
 *   <tr><th></th><th>Queued</th><th>Running</th><th>Completed / Failed</th><th>Cleaned</th>
 *       <th>Unrecognized</th></tr>
 *   <tr><td>none</td><td>advanced</td><td>advanced</td><td>advanced</td><td>advanced</td>
 *       <td>advanced</td></tr>
 *   <tr><td>Queued</td><td>unchanged</td><td>advanced</td><td>advanced</td><td>advanced</td>
 *       <td>anomaly</td></tr>
 *   <tr><td>Running</td><td>stale</td><td>progressed / unchanged / stale</td><td>advanced</td>
 *       <td>advanced</td><td>anomaly</td></tr>
 *   <tr><td>Unrecognized</td><td>advanced</td><td>advanced</td><td>advanced</td>
 *       <td>advanced</td><td>unchanged / advanced</td></tr>
 *   <tr><td>Completed / Failed</td><td>stale</td><td>stale</td><td>unchanged if equal, else
 *       anomaly</td><td>stale (the result stays)</td><td>stale</td></tr>
 *   <tr><td>Cleaned</td><td>stale</td><td>stale</td><td>anomaly</td><td>unchanged</td>
 *       <td>stale</td></tr>
 * </table>
 */
public final class Lifecycle {

  private Lifecycle() {}

  /** Decides on {@code observed} given the state currently held, if any. */
  public static Outcome decide(Optional<JobState> current, JobState observed) {
    Objects.requireNonNull(current, "current == null");
    return current.isEmpty() ? decide((JobState) null, observed) : decide(current.get(), observed);
  }

  /** Decides on {@code observed} given the state currently held ({@code null} for none). */
  public static Outcome decide(JobState current, JobState observed) {
    Objects.requireNonNull(observed, "observed == null");
    if (current == null) {
      return Outcome.ADVANCED;
    }
    switch (current.kind()) {
      case COMPLETED:
      case FAILED:
        if (!observed.isTerminal() || observed.kind() == JobState.Kind.CLEANED) {
          return Outcome.STALE;
        }
        return current.equals(observed) ? Outcome.UNCHANGED : Outcome.ANOMALY;
      case CLEANED:
        if (observed.kind() == JobState.Kind.CLEANED) {
          return Outcome.UNCHANGED;
        }
        return observed.isTerminal() ? Outcome.ANOMALY : Outcome.STALE;
      case QUEUED:
        switch (observed.kind()) {
          case QUEUED:
            return Outcome.UNCHANGED;
          case UNRECOGNIZED:
            return Outcome.ANOMALY;
          default:
            return Outcome.ADVANCED;
        }
      case RUNNING:
        switch (observed.kind()) {
          case QUEUED:
            return Outcome.STALE;
          case RUNNING:
            return compareRunning((Running) current, (Running) observed);
          case UNRECOGNIZED:
            return Outcome.ANOMALY;
          default:
            return Outcome.ADVANCED;
        }
      case UNRECOGNIZED:
        return current.equals(observed) ? Outcome.UNCHANGED : Outcome.ADVANCED;
      default:
        throw new AssertionError(current.kind());
    }
  }

  /** Returns the state to hold after {@code observed}: it, when it replaces, else the current. */
  public static JobState next(JobState current, JobState observed) {
    return decide(current, observed).replacesCurrent() ? observed : current;
  }

  private static Outcome compareRunning(Running current, Running observed) {
    if (observed.progress() < current.progress()) {
      return Outcome.STALE;
    }
    if (observed.equals(current)) {
      return Outcome.UNCHANGED;
    }
    return Outcome.PROGRESSED;
  }
}
