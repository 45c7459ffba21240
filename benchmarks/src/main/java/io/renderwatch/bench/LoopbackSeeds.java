package io.renderwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Issue 16's loopback workload in virtual time over many seeds: the mean and spread of each
 * client's figures, and of Renderwatch's requests per job over the fixed 30 s poller's.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.LoopbackSeeds [seeds] [first]}
 * (default 100 seeds from 1).
 */
public final class LoopbackSeeds {

  private LoopbackSeeds() {}

  /** Runs the seeds and prints a Markdown table. */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
    List<Loopback.Row> engine = new ArrayList<>();
    List<Loopback.Row> fixed = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    for (long seed = first; seed < first + seeds; seed++) {
      List<Loopback.Row> rows = Loopback.virtual(seed);
      engine.add(rows.get(0));
      fixed.add(rows.get(1));
      ratio.add(rows.get(0).requestsPerJob() / rows.get(1).requestsPerJob());
    }
    System.out.printf(Locale.ROOT, "virtual time, seeds %d..%d, %d jobs each, account limit %d/s;"
        + " mean ± standard deviation [min, max] over the seeds%n", first, first + seeds - 1,
        Loopback.JOBS, Loopback.LIMIT);
    System.out.println("| figure | renderwatch | fixed 30 s poller |");
    System.out.println("|---|---|---|");
    line("requests/job", engine, fixed, Loopback.Row::requestsPerJob);
    line("delay p50 s", engine, fixed, Loopback.Row::p50);
    line("delay p95 s", engine, fixed, Loopback.Row::p95);
    line("delay max s", engine, fixed, Loopback.Row::max);
    line("429s", engine, fixed, r -> r.tooMany());
    line("gaps < min", engine, fixed, r -> r.closerThanMin());
    line("gaps > max", engine, fixed, r -> r.furtherThanMax());
    System.out.printf(Locale.ROOT, "| requests/job, renderwatch ÷ fixed | %s | |%n",
        summary(ratio.stream().mapToDouble(Double::doubleValue).toArray(), "%.3f"));
    long over = ratio.stream().filter(r -> r > 1.0).count();
    long p95Over = engine.stream().filter(r -> r.p95() > 5.0).count();
    System.out.printf(Locale.ROOT, "seeds where renderwatch spends more than the fixed poller: %d"
        + " of %d; seeds with p95 > 5 s: %d; with p50 > 2 s: %d%n", over, seeds, p95Over,
        engine.stream().filter(r -> r.p50() > 2.0).count());
  }

  private static void line(String name, List<Loopback.Row> engine, List<Loopback.Row> fixed,
      ToDoubleFunction<Loopback.Row> figure) {
    System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", name,
        summary(engine.stream().mapToDouble(figure).toArray(), "%.2f"),
        summary(fixed.stream().mapToDouble(figure).toArray(), "%.2f"));
  }

  static String summary(double[] values, String format) {
    double mean = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      mean += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    mean /= values.length;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    double sd = values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0;
    return String.format(Locale.ROOT, format + " ± " + format + " [" + format + ", " + format
        + "]", mean, sd, min, max);
  }
}
