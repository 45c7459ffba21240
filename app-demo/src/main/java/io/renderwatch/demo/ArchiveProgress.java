package io.renderwatch.demo;

import io.renderwatch.core.archive.ArchiveListener;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows on stderr how an archive run advances: a line per file as it ends, and the bytes so far,
 * the rate and the time left, rewritten in place on a terminal, else a plain line every few
 * seconds while bytes arrive.
 */
final class ArchiveProgress implements ArchiveListener, AutoCloseable {

  private final PrintStream err;
  private final boolean live;
  private final long started = System.nanoTime();
  private final AtomicLong expected = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final ScheduledExecutorService ticker;
  private long shownReceived = -1;
  private boolean lineOpen;

  private ArchiveProgress(PrintStream err, boolean live) {
    this.err = err;
    this.live = live;
    this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "renderwatch-archive-progress");
      thread.setDaemon(true);
      return thread;
    });
    long period = live ? 500 : 5000;
    ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** A live line on an interactive terminal, else plain lines. */
  static ArchiveProgress create(Cli cli) {
    String term = cli.env().getOrDefault("TERM", "");
    boolean live = cli.process() && System.console() != null && !term.isEmpty()
        && !term.equals("dumb");
    return new ArchiveProgress(cli.err(), live);
  }

  @Override
  public void expecting(JobId jobId, OutputFile file, long total, long resumedAt) {
    if (total > 0) {
      expected.addAndGet(total - resumedAt);
    }
  }

  @Override
  public void received(long bytes) {
    received.addAndGet(bytes);
  }

  @Override
  public synchronized void finished(FileResult result) {
    if (result.status() == FileResult.Status.ALREADY) {
      return;
    }
    clearLine();
    err.println(ArchiveOutput.line(result));
    err.flush();
  }

  /** A message for people, on a line of its own. */
  synchronized void note(String message) {
    clearLine();
    err.println(message);
    err.flush();
  }

  /** The summary line: bytes, time and mean rate. */
  synchronized String summary() {
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    long bytes = received.get();
    return Sizes.format(bytes) + " fetched in " + String.format(Locale.ROOT, "%.1fs", seconds)
        + (bytes > 0 ? " (" + Sizes.format((long) (bytes / seconds)) + "/s)" : "");
  }

  private synchronized void tick() {
    long bytes = received.get();
    if (bytes == shownReceived) {
      return;
    }
    shownReceived = bytes;
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    double rate = bytes / seconds;
    long total = expected.get();
    StringBuilder line = new StringBuilder("archive: ").append(Sizes.format(bytes));
    if (total > 0) {
      line.append(" of ").append(Sizes.format(Math.max(total, bytes)));
    }
    line.append(", ").append(Sizes.format((long) rate)).append("/s");
    if (total > bytes && rate > 0) {
      line.append(", ").append(Durations.format(java.time.Duration.ofSeconds(
          (long) Math.ceil((total - bytes) / rate)))).append(" left");
    }
    if (live) {
      err.print("\r" + line + "\033[K");
      lineOpen = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  private void clearLine() {
    if (lineOpen) {
      err.print("\r\033[K");
      lineOpen = false;
    }
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    clearLine();
    err.flush();
  }
}
