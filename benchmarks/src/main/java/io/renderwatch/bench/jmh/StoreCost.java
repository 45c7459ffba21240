package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store benchmarks' work measured by CPU time as well as wall time: on a machine shared with
 * other builds the wall-clock throughput mostly measures how often the scheduler ran this
 * process, while CPU time per operation is what a quiet machine would turn into throughput.
 * Only the store calls are timed (the snapshots are built outside), by the wall clock and by the
 * calling thread's CPU time: H2 runs in the caller's thread; for PostgreSQL this is the client's
 * share only, and the server's processes' CPU time is read from {@code /proc} beside it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.jmh.StoreCost [flavor...]
 * [-Dseconds=10]}; prints per flavour the batched-save and find rates, wall and per CPU-second.
 */
public final class StoreCost {

  private StoreCost() {}

  /** Runs each flavour (h2-file, h2-mem, postgresql) and prints a Markdown table. */
  public static void main(String[] args) {
    List<String> flavors = args.length == 0 ? List.of("h2-file", "postgresql") : List.of(args);
    long seconds = Long.getLong("seconds", 10);
    System.out.println("| flavor | operation | ops | wall s | ops/s (wall) | thread CPU s "
        + "| ops per CPU-s | server CPU s | ops per server CPU-s |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String flavor : flavors) {
      try (Flavors.Opened opened = Flavors.open(flavor)) {
        JobStore store = opened.stores().jobStore();
        long run = System.nanoTime();
        // Warm-up: a few batches and finds, then the measured rounds.
        JobId[] ids = Flavors.fill(store, 2_000, run + 1);
        batches(opened, run + 2, seconds / 3);
        print(flavor, "saveAll (1,000-row batches)", batches(opened, run + 3, seconds));
        finds(opened, store, ids, seconds / 3);
        print(flavor, "find", finds(opened, store, ids, seconds));
      }
    }
  }

  /**
   * Operations done, wall nanoseconds, the calling thread's CPU nanoseconds, and the database
   * server's CPU nanoseconds meanwhile (PostgreSQL: every process of the server; -1 for H2,
   * which runs in the calling thread).
   */
  record Cost(long ops, long wallNanos, long cpuNanos, long serverNanos) {}

  static Cost batches(Flavors.Opened opened, long run, long seconds) {
    long next = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long rows = 0;
    long wall = 0;
    long cpu = 0;
    long server = ServerCpu.nanos(opened);
    while (System.nanoTime() < end) {
      List<JobSnapshot> batch = new ArrayList<>(BatchSaveBenchmark.BATCH);
      for (int i = 0; i < BatchSaveBenchmark.BATCH; i++) {
        batch.add(Flavors.completed(run, next++));
      }
      long wallBefore = System.nanoTime();
      long cpuBefore = cpu();
      opened.stores().saveAll(batch);
      cpu += cpu() - cpuBefore;
      wall += System.nanoTime() - wallBefore;
      rows += batch.size();
    }
    return new Cost(rows, wall, cpu, ServerCpu.since(opened, server));
  }

  static Cost finds(Flavors.Opened opened, JobStore store, JobId[] ids, long seconds) {
    long server = ServerCpu.nanos(opened);
    long start = System.nanoTime();
    long cpu = cpu();
    long end = start + seconds * 1_000_000_000L;
    long ops = 0;
    int i = 0;
    while (System.nanoTime() < end) {
      for (int k = 0; k < 100; k++) {
        store.find(ids[i]);
        i = i + 1 == ids.length ? 0 : i + 1;
      }
      ops += 100;
    }
    long wall = System.nanoTime() - start;
    return new Cost(ops, wall, cpu() - cpu, ServerCpu.since(opened, server));
  }

  private static void print(String flavor, String operation, Cost cost) {
    String server = cost.serverNanos() < 0 ? "– | –"
        : String.format(Locale.ROOT, "%.1f | %,.0f",
        cost.serverNanos() / 1e9, cost.ops() / (cost.serverNanos() / 1e9));
    System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f | %,.0f | %.1f | %,.0f | %s |%n", flavor,
        operation, cost.ops(), cost.wallNanos() / 1e9, cost.ops() / (cost.wallNanos() / 1e9),
        cost.cpuNanos() / 1e9, cost.ops() / (cost.cpuNanos() / 1e9), server);
  }

  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
