package io.renderwatch.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU time of a local PostgreSQL server's processes, from {@code /proc}: the postmaster
 * listening on the port (found by {@code -p PORT} on its command line), every process under it
 * (the connections' backends, the writer, the WAL writer...), and what its ended children used.
 * So a store benchmark can say how much of each operation the server spent, beside the client's
 * thread CPU time. Linux only; -1 where it cannot tell (and for H2, which has no server).
 */
final class ServerCpu {

  /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on. */
  private static final double NANOS_PER_TICK = 1e9 / 100;

  private ServerCpu() {}

  /** The server's CPU nanoseconds so far, or -1. */
  static long nanos(Flavors.Opened opened) {
    if (opened.serverPort() == 0) {
      return -1;
    }
    Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a)
            .contains("-p " + opened.serverPort())).orElse(false))
        .findFirst();
    if (postmaster.isEmpty()) {
      return -1;
    }
    long ticks = ticks(postmaster.get().pid(), true);
    if (ticks < 0) {
      return -1;
    }
    for (ProcessHandle child : (Iterable<ProcessHandle>) postmaster.get().descendants()::iterator) {
      ticks += Math.max(0, ticks(child.pid(), false));
    }
    return (long) (ticks * NANOS_PER_TICK);
  }

  /** The server's CPU nanoseconds since {@code before} (from {@link #nanos}), or -1. */
  static long since(Flavors.Opened opened, long before) {
    long now = nanos(opened);
    return before < 0 || now < 0 ? -1 : now - before;
  }

  /** utime + stime of the process, plus its waited-for children's when asked; -1 if gone. */
  private static long ticks(long pid, boolean withEndedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return withEndedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
