package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Lifecycle;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.testkit.sim.JobScript;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One lifecycle decision, cycling through the table's interesting cells. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LifecycleBenchmark {

  private static final JobId ID = new JobId(new java.util.UUID(1, 1));
  private static final JobState DONE = new JobState.Completed(JobScript.outputOf(ID));
  private static final JobState DONE_TOO = new JobState.Completed(JobScript.outputOf(ID));

  private final Optional<JobState>[] current = cells(Optional.empty(),
      Optional.of(JobState.QUEUED), Optional.of(new JobState.Running(40, "Rendering", "RUNNING")),
      Optional.of(new JobState.Running(40, "Rendering", "RUNNING")), Optional.of(DONE),
      Optional.of(DONE));
  private final JobState[] observed = {JobState.QUEUED,
      new JobState.Running(5, "Composing", "RUNNING"),
      new JobState.Running(45, "Rendering", "RUNNING"),
      new JobState.Running(30, "Rendering", "RUNNING"), DONE_TOO,
      new JobState.Running(99, "Rendering", "RUNNING")};
  private int next;

  @SafeVarargs
  private static Optional<JobState>[] cells(Optional<JobState>... cells) {
    return cells;
  }

  /** Decides one observation against one current state. */
  @Benchmark
  public Outcome decide() {
    int i = next;
    next = i + 1 == observed.length ? 0 : i + 1;
    return Lifecycle.decide(current[i], observed[i]);
  }
}
