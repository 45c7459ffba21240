package io.renderwatch.testkit.sim;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.testkit.sim.SimulatedAccount.Answer;
import io.renderwatch.testkit.sim.SimulatedAccount.Faulted;
import io.renderwatch.testkit.sim.SimulatedAccount.Found;
import io.renderwatch.core.time.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link JobStatusSource} that asks a {@link SimulatedAccount} on a {@link Scheduler}, so the
 * engine can be tested and simulated in virtual time. Each answer arrives after a fixed latency;
 * injected faults become the {@link SourceException} the HTTP adapter would report.
 */
public final class ScriptedStatusSource implements JobStatusSource {

  private final SimulatedAccount account;
  private final Scheduler scheduler;
  private final Duration latency;
  private final Duration timeout;
  private final java.util.Map<Fault, SourceException> failures =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A source over {@code account}.
   *
   * @param latency how long each answer takes
   * @param timeout how long a slow answer is waited for before it counts as unavailable
   */
  public ScriptedStatusSource(SimulatedAccount account, Scheduler scheduler, Duration latency,
      Duration timeout) {
    this.account = Objects.requireNonNull(account, "account == null");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
    this.latency = Objects.requireNonNull(latency, "latency == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
  }

  @Override
  public CompletableFuture<JobSnapshot> fetch(JobId id) {
    CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
    Answer answer = account.answer(id, scheduler.now());
    Duration delay = latency;
    if (answer instanceof Faulted faulted && faulted.fault().kind() == Fault.Kind.SLOW) {
      delay = latency.plus(faulted.fault().duration());
      if (delay.compareTo(timeout) > 0) {
        scheduler.schedule(timeout, () -> result.completeExceptionally(new SourceException(
            SourceException.Kind.UNAVAILABLE, "Timed out after " + timeout)));
        return result;
      }
      answer = faulted.truth().<Answer>map(Found::new).orElseGet(SimulatedAccount.NotFound::new);
    }
    if (answer instanceof Faulted faulted && faulted.fault().answersWithState()) {
      Fault fault = faulted.fault();
      answer = faulted.truth().<Answer>map(truth -> new Found(fault.misreport(id, truth)))
          .orElseGet(SimulatedAccount.NotFound::new);
    }
    Answer settled = answer;
    scheduler.schedule(delay, () -> deliver(id, settled, result));
    return result;
  }

  private void deliver(JobId id, Answer answer, CompletableFuture<JobSnapshot> result) {
    if (answer instanceof Found found) {
      result.complete(JobSnapshot.of(id, found.state(), scheduler.now()));
    } else if (answer instanceof Faulted faulted) {
      if (faulted.fault().kind() == Fault.Kind.UNKNOWN_STATUS) {
        result.complete(JobSnapshot.of(id, new JobState.Unrecognized("archived"), scheduler.now()));
      } else {
        // One exception per fault, shared: simulations make millions of them.
        result.completeExceptionally(
            failures.computeIfAbsent(faulted.fault(), ScriptedStatusSource::failureFor));
      }
    } else {
      result.completeExceptionally(new SourceException(SourceException.Kind.NOT_FOUND,
          "Job " + id + " not found (5000 JOB_NOT_FOUND)"));
    }
  }

  /** The error the HTTP adapter reports for an injected fault. */
  static SourceException failureFor(Fault fault) {
    switch (fault.kind()) {
      case RATE_LIMITED:
        return new SourceException(SourceException.Kind.RATE_LIMITED, "HTTP 429",
            fault.duration().isZero() ? null : fault.duration(), null);
      case SERVER_ERROR:
      case BAD_GATEWAY:
      case SERVICE_UNAVAILABLE:
      case DROP_CONNECTION:
      case TRUNCATED_BODY:
      case SLOW:
        return new SourceException(SourceException.Kind.UNAVAILABLE, "Simulated " + fault.kind());
      case MALFORMED_JSON:
      case HTML_PAGE:
      case WRONG_JOB:
      case HUGE_BODY:
      case UNKNOWN_STATUS:
        return new SourceException(SourceException.Kind.BAD_RESPONSE, "Simulated " + fault.kind());
      case GOES_BACKWARDS:
      case CHANGED_ENDING:
        throw new IllegalArgumentException(fault.kind() + " answers with a state, not a failure");
      default:
        throw new AssertionError(fault.kind());
    }
  }
}
