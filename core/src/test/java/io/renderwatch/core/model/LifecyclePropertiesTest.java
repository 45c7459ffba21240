package io.renderwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobState.Running;
import java.net.URI;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class LifecyclePropertiesTest {

  @Provide
  Arbitrary<JobState> states() {
    Arbitrary<JobState> running = Arbitraries.integers().between(0, 100)
        .flatMap(p -> Arbitraries.of("Generating video", "Mixing audio", "")
            .map(m -> (JobState) new Running(p, m, "RUNNING")));
    Arbitrary<JobState> completed = Arbitraries.of("a", "b")
        .map(v -> (JobState) new JobState.Completed(RenderOutput.builder()
            .videoUrl(URI.create("https://cdn.test/" + v + ".mp4")).build()));
    Arbitrary<JobState> failed = Arbitraries.of("1", "2")
        .map(c -> (JobState) new JobState.Failed(c, "error " + c));
    Arbitrary<JobState> unknown = Arbitraries.of("paused", "archived")
        .map(s -> (JobState) new JobState.Unrecognized(s));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(JobState.QUEUED)),
        net.jqwik.api.Tuple.of(8, running),
        net.jqwik.api.Tuple.of(1, completed),
        net.jqwik.api.Tuple.of(1, failed),
        net.jqwik.api.Tuple.of(1, unknown));
  }

  @Property(tries = 2000)
  void theFinalStateIsTheFirstTerminalObservedAndProgressNeverDecreases(
      @ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("states") JobState> observed) {
    JobState current = null;
    int lastProgress = -1;
    for (JobState next : observed) {
      current = Lifecycle.next(current, next);
      if (current instanceof Running running) {
        assertThat(running.progress()).isGreaterThanOrEqualTo(lastProgress);
        lastProgress = running.progress();
      }
    }
    JobState firstTerminal = observed.stream().filter(JobState::isTerminal).findFirst()
        .orElse(null);
    if (firstTerminal != null) {
      assertThat(current).isEqualTo(firstTerminal);
    } else {
      assertThat(current.isTerminal()).isFalse();
    }
  }

  @Property(tries = 500)
  void aStateThatIsNotTakenLeavesTheCurrentOneUntouched(
      @ForAll("states") JobState current, @ForAll("states") JobState observed) {
    Outcome outcome = Lifecycle.decide(current, observed);
    JobState after = Lifecycle.next(current, observed);
    assertThat(after).isSameAs(outcome.replacesCurrent() ? observed : current);
    if (current.isTerminal()) {
      assertThat(after).isSameAs(current);
    }
  }
}
