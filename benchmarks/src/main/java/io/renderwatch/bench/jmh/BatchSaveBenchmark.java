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
 * second.
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

  @Setup(Level.Trial)
  public void open() {
    opened = Flavors.open(flavor);
    run = System.nanoTime();
  }

  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** Saves one batch of new completed jobs. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<SaveResult> saveAllTerminal() {
    List<JobSnapshot> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(Flavors.completed(run, next++));
    }
    return opened.stores().saveAll(batch);
  }
}
