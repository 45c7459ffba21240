package io.renderwatch.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FaultMisreportTest {

  private final JobId id = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
  private final JobState running = new JobState.Running(40, "Rendering video", "RUNNING");
  private final JobState completed = new JobState.Completed(JobScript.outputOf(id));
  private final JobState failed = new JobState.Failed("4001", "bad voice");

  @Test
  void goingBackwardsAnswersQueuedWhileRenderingAndTheTruthOtherwise() {
    Fault fault = Fault.of(Fault.Kind.GOES_BACKWARDS);
    assertThat(fault.answersWithState()).isTrue();
    assertThat(fault.misreport(id, running)).isEqualTo(JobState.QUEUED);
    assertThat(fault.misreport(id, JobState.QUEUED)).isEqualTo(JobState.QUEUED);
    assertThat(fault.misreport(id, completed)).isEqualTo(completed);
  }

  @Test
  void aChangedEndingContradictsTheEndAndOnlyTheEnd() {
    Fault fault = Fault.of(Fault.Kind.CHANGED_ENDING);
    assertThat(fault.misreport(id, completed)).isInstanceOf(JobState.Failed.class);
    JobState other = fault.misreport(id, failed);
    assertThat(other).isInstanceOf(JobState.Completed.class).isNotEqualTo(completed);
    assertThat(fault.misreport(id, running)).isEqualTo(running);
  }

  @Test
  void otherKindsNeverMisreport() {
    for (Fault.Kind kind : Fault.Kind.values()) {
      Fault fault = Fault.of(kind);
      if (!fault.answersWithState()) {
        assertThat(fault.misreport(id, running)).isEqualTo(running);
      }
    }
    assertThatThrownBy(() -> ScriptedStatusSource.failureFor(Fault.of(Fault.Kind.GOES_BACKWARDS)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theScriptedSourceAnswersTheMisreportedState() {
    VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2025-01-01T00:00:00Z"));
    SimulatedAccount account = SimulatedAccount.builder()
        .faults((job, attempt) -> attempt == 1 ? Fault.of(Fault.Kind.GOES_BACKWARDS) : null)
        .build();
    account.add(id, JobScript.completing(Duration.ZERO, Duration.ofSeconds(10)), scheduler.now());
    ScriptedStatusSource source = new ScriptedStatusSource(account, scheduler,
        Duration.ofMillis(10), Duration.ofSeconds(1));
    CompletableFuture<JobSnapshot> first = source.fetch(id);
    scheduler.advanceBy(Duration.ofSeconds(1));
    CompletableFuture<JobSnapshot> second = source.fetch(id);
    scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(first.join().state()).isInstanceOf(JobState.Running.class);
    assertThat(second.join().state()).isEqualTo(JobState.QUEUED);
  }
}
