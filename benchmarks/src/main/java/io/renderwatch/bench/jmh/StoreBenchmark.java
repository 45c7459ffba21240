package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.SaveResult;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code find} of a stored terminal job and {@code save} of a new terminal job, one at a time on
 * one thread, on each database: H2 file (durable, WRITE_DELAY=0), H2 in memory, and a real
 * PostgreSQL 17 (embedded binaries, fsync on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBenchmark {

  /** How many completed jobs are stored before measuring {@code find}. */
  static final int STORED = 10_000;

  @Param({"h2-file", "h2-mem", "postgresql"})
  public String flavor;

  private Flavors.Opened opened;
  private JobStore store;
  private JobId[] ids;
  private int next;
  private final AtomicLong saved = new AtomicLong();
  private long run;

  @Setup(Level.Trial)
  public void open() {
    opened = Flavors.open(flavor);
    store = opened.stores().jobStore();
    run = System.nanoTime();
    ids = Flavors.fill(store, STORED, 1);
  }

  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** Reads a stored completed job (a different one each time). */
  @Benchmark
  public Optional<JobSnapshot> find() {
    int i = next;
    next = i + 1 == STORED ? 0 : i + 1;
    return store.find(ids[i]);
  }

  /** Stores a new job's completed result, durably, as the engine does when a job ends. */
  @Benchmark
  public SaveResult saveTerminal() {
    return store.save(Flavors.completed(run, saved.incrementAndGet()));
  }

}
