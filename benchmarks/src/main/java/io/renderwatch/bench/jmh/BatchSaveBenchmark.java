package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SaveResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched terminal saves: {@link io.renderwatch.jdbc.JdbcStores#saveAll} of {@value #BATCH} new
 * jobs' completed results in one transaction, durable when it returns. The score is rows per
 * second. Each batch's snapshots are built before the invocation is timed (a batch takes tens of
 * milliseconds, so JMH's per-invocation set-up costs nothing measurable): building their outputs'
 * URIs was a sixth of the time measured before, and it is the test data's cost, not the store's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchSaveBenchmark {

  static final int BATCH = 1_000;

  @Param({"h2-file", "h2-mem", "postgresql"})
  public String flavor;

  private Flavors.Opened opened;
  private long run;
  private long next;
  private List<JobSnapshot> batch;

  @Setup(Level.Trial)
  public void open() {
    opened = Flavors.open(flavor);
    run = System.nanoTime();
  }

  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** Builds the next batch of new jobs' completed snapshots, outside the timing. */
  @Setup(Level.Invocation)
  public void nextBatch() {
    batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(Flavors.completed(run, next++));
    }
  }

  /** Saves one batch of new completed jobs. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<SaveResult> saveAllTerminal() {
    return opened.stores().saveAll(batch);
  }
}
