package io.renderwatch.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * Live progress on a terminal: one bar per job and a summary line, redrawn in place by JLine's
 * {@link Display}, which rewrites only what changed (no flicker).
 */
final class TerminalProgress extends Progress {

  private static final int BAR = 20;

  private final Terminal terminal;
  private final Display display;
  private final ScheduledExecutorService ticker;
  private boolean closed;

  private TerminalProgress(PrintStream err, Clock clock, Terminal terminal) {
    super(err, clock);
    this.terminal = terminal;
    this.display = new Display(terminal, false);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "renderwatch-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** A live display on stderr's terminal, or null when there is none. */
  static TerminalProgress tryCreate(PrintStream err, Clock clock) {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true)
          .systemOutput(TerminalBuilder.SystemOutput.SysErr).dumb(false).build();
      // A dumb terminal, or one that does not say how wide it is, gets plain lines instead.
      if (Terminal.TYPE_DUMB.equals(terminal.getType())
          || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType()) || terminal.getWidth() <= 0) {
        terminal.close();
        return null;
      }
      return new TerminalProgress(err, clock, terminal);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  synchronized void track(io.renderwatch.core.model.JobId id) {
    super.track(id);
    redraw();
  }

  @Override
  synchronized void note(String message) {
    display.update(List.of(), 0);
    terminal.writer().println(message);
    terminal.flush();
    display.reset();
    redraw();
  }

  @Override
  void changed(Row row, String line) {
    redraw();
  }

  private synchronized void redraw() {
    if (closed) {
      return;
    }
    int width = Math.max(40, terminal.getWidth() <= 0 ? 80 : terminal.getWidth());
    // A terminal that does not report its size (height 0) still gets every line.
    int height = terminal.getHeight() > 1 ? terminal.getHeight() : rows.size() + 2;
    display.resize(height, width);
    int shown = Math.max(0, height - 2);
    List<AttributedString> lines = new ArrayList<>();
    int running = 0;
    int done = 0;
    int failed = 0;
    for (Row row : rows.values()) {
      if (row.failed) {
        failed++;
      } else if (row.done) {
        done++;
      } else {
        running++;
      }
      if (lines.size() < shown) {
        lines.add(new AttributedString(fit(line(row), width - 1)));
      }
    }
    if (rows.size() > shown) {
      lines.add(new AttributedString("… and " + (rows.size() - shown) + " more jobs"));
    }
    lines.add(new AttributedString(fit(running + " running / " + done + " done / " + failed
        + " failed", width - 1)));
    display.update(lines, -1);
    terminal.flush();
  }

  private String line(Row row) {
    int filled = Math.min(BAR, row.percent * BAR / 100);
    String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
    Duration elapsed = Duration.between(row.since, clock.instant());
    String eta = row.done ? "" : eta(row).replace(" (", "  ").replace(")", "");
    String took = elapsed.toSeconds() < 1 ? "0s" : Durations.format(elapsed);
    return String.format("%s [%s] %3d%% %-9s %-16s %6s%s", shortId(row.id), bar, row.percent,
        row.phase, fit(Text.printable(row.stage), 16), took, eta);
  }

  private static String fit(String text, int width) {
    return text.length() <= width ? text : text.substring(0, Math.max(0, width));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (this) {
      redraw();
      closed = true;
      terminal.writer().println();
      terminal.flush();
      try {
        terminal.close();
      } catch (IOException ignored) {
        // The display is done either way.
      }
    }
  }
}
