package io.renderwatch.bench.jmh;

import io.renderwatch.cache.Caching;
import io.renderwatch.cache.CachingJobStore;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A memo hit: {@code find} of a terminal job through the caching store (Caffeine) in front of the
 * H2 file store, for 1,000 different jobs already memoized; the database is never touched.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoBenchmark {

  static final int JOBS = 1_000;

  private Flavors.Opened opened;
  private CachingJobStore store;
  private JobId[] ids;
  private int next;

  @Setup(Level.Trial)
  public void open() {
    opened = Flavors.open("h2-file");
    store = Caching.store(opened.stores().jobStore());
    ids = Flavors.fill(store, JOBS, 2);
  }

  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** Finds a memoized completed job. */
  @Benchmark
  public Optional<JobSnapshot> memoHit() {
    int i = next;
    next = i + 1 == JOBS ? 0 : i + 1;
    return store.find(ids[i]);
  }
}
