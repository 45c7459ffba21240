package io.renderwatch.demo.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Live threads of this JVM, for leak checks. A leak is a thread that outlives what started it;
 * a few JVM-wide singletons that libraries start lazily and keep for a minute of idleness (the
 * common fork-join pool, Okio's watchdog, OkHttp's shared pool-cleaner executor) are not leaks as
 * long as there is at most one of each, so they are counted apart and capped instead.
 */
final class Threads {

  private Threads() {}

  /** A count of the threads alive now: singletons apart. */
  record Census(int others, int okioWatchdog, int okHttpCleaners, int commonPool) {

    /** Whether nothing outlived what started it, against a baseline taken before. */
    boolean noMoreThan(Census baseline) {
      // OkHttp's pool cleaner is one thread per pool that still holds a connection; pools of
      // earlier test classes may still be winding down when this run starts, so the baseline's
      // count is allowed, never more.
      return others <= baseline.others && okioWatchdog <= 1
          && okHttpCleaners <= Math.max(1, baseline.okHttpCleaners)
          && commonPool <= Math.max(1, ForkJoinPool.getCommonPoolParallelism());
    }

    int total() {
      return others + okioWatchdog + okHttpCleaners + commonPool;
    }
  }

  /** Counts the live threads. */
  static Census census() {
    int others = 0;
    int watchdog = 0;
    int cleaners = 0;
    int common = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (name.equals("Okio Watchdog")) {
        watchdog++;
      } else if (name.equals("OkHttp ConnectionPool")) {
        cleaners++;
      } else if (name.startsWith("ForkJoinPool.commonPool-worker-")) {
        common++;
      } else {
        others++;
      }
    }
    return new Census(others, watchdog, cleaners, common);
  }

  /** The live threads' names, digits folded, with how many share each; for failure messages. */
  static Map<String, Integer> byName() {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
    }
    return names;
  }
}
