package io.renderwatch.demo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's jobs each tell their own story, along Pictory's stages, from the seed. */
class StoriesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void eachDemoJobRendersItsOwnLengthInItsOwnTimeAndSaysSo() {
    SimulatedAccount account = DemoJobs.demo(T0);
    Set<Duration> lengths = new LinkedHashSet<>();
    Set<Duration> encodings = new LinkedHashSet<>();
    for (JobId id : account.jobs()) {
      JobScript script = account.script(id).orElseThrow();
      JobState end = script.stateAt(id, script.endsAfter());
      if (end instanceof JobState.Completed completed) {
        RenderOutput output = completed.output();
        lengths.add(output.videoDuration().orElseThrow());
        Duration encoding = output.encodingDuration().orElseThrow();
        encodings.add(encoding);
        assertThat(encoding).isCloseTo(script.runningFor(), Duration.ofMillis(10));
        assertThat(output.videoDuration().orElseThrow())
            .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(190));
      }
    }
    assertThat(lengths).hasSize(5);
    assertThat(encodings).hasSize(5);
    assertThat(account.jobs()).allSatisfy(id -> assertThat(account.endsAt(id).orElseThrow())
        .isBefore(T0.plusSeconds(30)));
  }

  @Test
  void progressMessagesFollowPictorysStagesInOrder() {
    SimulatedAccount account = DemoJobs.demo(T0);
    for (JobId id : account.jobs()) {
      JobScript script = account.script(id).orElseThrow();
      assertThat(script.stateAt(id, Duration.ZERO)).isEqualTo(JobState.QUEUED);
      List<String> stages = new ArrayList<>();
      for (int step = 0; step < 100; step++) {
        Duration at = script.queuedFor().plus(script.runningFor().multipliedBy(step)
            .dividedBy(100));
        if (script.stateAt(id, at) instanceof JobState.Running running) {
          String stage = running.message().replaceAll("\\d+/\\d+", "N/M");
          if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
            stages.add(stage);
          }
        }
      }
      if (script.ending() == JobScript.Ending.FAILED) {
        assertThat(stages).containsExactly("Processing script", "Generating voice-over");
        assertThat(script.stateAt(id, script.endsAfter())).isEqualTo(
            new JobState.Failed(DemoJobs.FAILURE_CODE, DemoJobs.FAILURE_MESSAGE));
      } else {
        assertThat(stages).containsExactly("Processing script", "Generating voice-over",
            "Rendering scene N/M", "Encoding video");
      }
    }
  }

  @Test
  void scenesAreCountedUpToTheirNumber() {
    assertThat(Stories.message(0.05, 0.3, 9)).isEqualTo("Processing script");
    assertThat(Stories.message(0.2, 0.3, 9)).isEqualTo("Generating voice-over");
    assertThat(Stories.message(0.3, 0.3, 9)).isEqualTo("Rendering scene 1/9");
    assertThat(Stories.message(0.92, 0.3, 9)).isEqualTo("Rendering scene 9/9");
    assertThat(Stories.message(0.95, 0.3, 9)).isEqualTo("Encoding video");
  }
}
