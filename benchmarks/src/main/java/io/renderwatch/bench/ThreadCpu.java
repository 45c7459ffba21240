package io.renderwatch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * This process's CPU time by thread group, read from {@code /proc/self/task}: every native
 * thread, including the JIT compilers, the garbage collector and the VM thread that
 * {@code ThreadMXBean} does not show. Threads are grouped by name with digits dropped
 * ({@code renderwatch-storage-1} and {@code -2} are one group); threads that ended before the
 * reading count as {@code (ended threads)}: the process total less the live ones. Load-robust:
 * CPU time, not wall time. Linux only; elsewhere the table is empty.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on. */
  private static final double TICKS = 100.0;

  /** CPU seconds by thread group, largest first, with the process total last. */
  static List<Map.Entry<String, Double>> byGroup() {
    Map<String, Double> groups = new TreeMap<>();
    double live = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          double seconds = ticks(Files.readString(task.resolve("stat"))) / TICKS;
          groups.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum);
          live += seconds;
        } catch (IOException e) {
          // The thread ended while we read it: counted with the ended ones.
        }
      }
      double total = ticks(Files.readString(Path.of("/proc/self/stat"))) / TICKS;
      groups.merge("(ended threads)", Math.max(0, total - live), Double::sum);
      List<Map.Entry<String, Double>> sorted = new ArrayList<>(groups.entrySet());
      sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      sorted.add(Map.entry("(process total)", total));
      return sorted;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** utime + stime of one {@code stat} line (fields 14 and 15, after the parenthesised name). */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Prints the table to stderr, each line prefixed with {@code CPU }, with shares of the total. */
  static void print(long polls) {
    List<Map.Entry<String, Double>> groups = byGroup();
    if (groups.isEmpty()) {
      return;
    }
    double total = groups.get(groups.size() - 1).getValue();
    for (Map.Entry<String, Double> group : groups) {
      if (group.getValue() < 0.005 * total && !group.getKey().startsWith("(")) {
        continue;
      }
      System.err.printf(Locale.ROOT, "CPU %-28s %8.2f s %5.1f %% %7.3f ms/poll%n",
          group.getKey(), group.getValue(), 100 * group.getValue() / total,
          1000 * group.getValue() / Math.max(1, polls));
    }
  }
}
