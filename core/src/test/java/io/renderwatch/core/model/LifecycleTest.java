package io.renderwatch.core.model;

import static io.renderwatch.core.model.Outcome.ADVANCED;
import static io.renderwatch.core.model.Outcome.ANOMALY;
import static io.renderwatch.core.model.Outcome.PROGRESSED;
import static io.renderwatch.core.model.Outcome.STALE;
import static io.renderwatch.core.model.Outcome.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobState.Completed;
import io.renderwatch.core.model.JobState.Failed;
import io.renderwatch.core.model.JobState.Running;
import io.renderwatch.core.model.JobState.Unrecognized;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  static final JobState QUEUED = JobState.QUEUED;
  static final JobState RUNNING = new Running(40, "Generating video", "RUNNING");
  static final JobState COMPLETED = new Completed(
      RenderOutput.builder().videoUrl(URI.create("https://cdn.test/v.mp4")).build());
  static final JobState FAILED = new Failed("1001", "Invalid voice");
  static final JobState UNKNOWN = new Unrecognized("paused");
  static final JobState CLEANED = JobState.CLEANED;

  /** Every (current, observed) pair of the table, with its expected outcome. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(null, QUEUED, ADVANCED), row(null, RUNNING, ADVANCED),
        row(null, COMPLETED, ADVANCED), row(null, FAILED, ADVANCED),
        row(null, UNKNOWN, ADVANCED),

        row(QUEUED, QUEUED, UNCHANGED), row(QUEUED, RUNNING, ADVANCED),
        row(QUEUED, COMPLETED, ADVANCED), row(QUEUED, FAILED, ADVANCED),
        row(QUEUED, UNKNOWN, ANOMALY),

        row(RUNNING, QUEUED, STALE), row(RUNNING, RUNNING, UNCHANGED),
        row(RUNNING, COMPLETED, ADVANCED), row(RUNNING, FAILED, ADVANCED),
        row(RUNNING, UNKNOWN, ANOMALY),

        row(COMPLETED, QUEUED, STALE), row(COMPLETED, RUNNING, STALE),
        row(COMPLETED, COMPLETED, UNCHANGED), row(COMPLETED, FAILED, ANOMALY),
        row(COMPLETED, UNKNOWN, STALE),

        row(FAILED, QUEUED, STALE), row(FAILED, RUNNING, STALE),
        row(FAILED, COMPLETED, ANOMALY), row(FAILED, FAILED, UNCHANGED),
        row(FAILED, UNKNOWN, STALE),

        row(UNKNOWN, QUEUED, ADVANCED), row(UNKNOWN, RUNNING, ADVANCED),
        row(UNKNOWN, COMPLETED, ADVANCED), row(UNKNOWN, FAILED, ADVANCED),
        row(UNKNOWN, UNKNOWN, UNCHANGED),

        // cleaned: a fourth terminal that never replaces a stored result
        row(null, CLEANED, ADVANCED), row(QUEUED, CLEANED, ADVANCED),
        row(RUNNING, CLEANED, ADVANCED), row(UNKNOWN, CLEANED, ADVANCED),
        row(COMPLETED, CLEANED, STALE), row(FAILED, CLEANED, STALE),
        row(CLEANED, CLEANED, UNCHANGED), row(CLEANED, QUEUED, STALE),
        row(CLEANED, RUNNING, STALE), row(CLEANED, UNKNOWN, STALE),
        row(CLEANED, COMPLETED, ANOMALY), row(CLEANED, FAILED, ANOMALY));
  }

  static Arguments row(JobState current, JobState observed, Outcome expected) {
    return Arguments.of(current == null ? "none" : current.kind().toString(), current,
        observed, expected);
  }

  @ParameterizedTest(name = "{0} then {2} -> {3}")
  @MethodSource("table")
  void decidesEveryPairAsTheTableSays(String name, JobState current, JobState observed,
      Outcome expected) {
    assertThat(Lifecycle.decide(current, observed)).isEqualTo(expected);
    assertThat(Lifecycle.decide(Optional.ofNullable(current), observed)).isEqualTo(expected);
    assertThat(Lifecycle.next(current, observed))
        .isEqualTo(expected.replacesCurrent() ? observed : current);
  }

  @Test
  void theTableCoversEveryPairOfKinds() {
    List<String> pairs = new ArrayList<>();
    table().forEach(a -> {
      JobState current = (JobState) a.get()[1];
      JobState observed = (JobState) a.get()[2];
      pairs.add((current == null ? "none" : current.kind()) + ">" + observed.kind());
    });
    assertThat(pairs).doesNotHaveDuplicates()
        .hasSize((JobState.Kind.values().length + 1) * JobState.Kind.values().length);
  }

  @Test
  void progressMovesOnlyForward() {
    Running at40 = new Running(40, "Generating video", "RUNNING");
    assertThat(Lifecycle.decide(at40, new Running(41, "Generating video", "RUNNING")))
        .isEqualTo(PROGRESSED);
    assertThat(Lifecycle.decide(at40, new Running(39, "Generating video", "RUNNING")))
        .isEqualTo(STALE);
    assertThat(Lifecycle.decide(at40, new Running(40, "Mixing audio", "RUNNING")))
        .as("same percentage, new stage text").isEqualTo(PROGRESSED);
    assertThat(Lifecycle.decide(at40, new Running(0, "", ""))).isEqualTo(STALE);
  }

  @Test
  void aDifferentlyCompletedJobIsAnAnomalyNotAnUpdate() {
    JobState other = new Completed(
        RenderOutput.builder().videoUrl(URI.create("https://cdn.test/other.mp4")).build());
    assertThat(Lifecycle.decide(COMPLETED, other)).isEqualTo(ANOMALY);
    assertThat(Lifecycle.decide(FAILED, new Failed("2", "other"))).isEqualTo(ANOMALY);
  }

  @Test
  void onlyAdvancedAndProgressedReplaceTheCurrentState() {
    assertThat(Stream.of(Outcome.values()).filter(Outcome::replacesCurrent))
        .containsExactly(ADVANCED, PROGRESSED);
  }
}
