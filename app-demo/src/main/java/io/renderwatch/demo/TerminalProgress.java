package io.renderwatch.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private final Terminal terminal;
  private final Look look;
  private final Display display;
  private final ScheduledExecutorService ticker;
  private boolean closed;

  private TerminalProgress(PrintStream err, Clock clock, Terminal terminal, Look look) {
    super(err, clock);
    this.terminal = terminal;
    this.look = look;
    this.display = new Display(terminal, false);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "renderwatch-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** A live display on stderr's terminal, or null when there is none. */
  static TerminalProgress tryCreate(PrintStream err, Clock clock, Map<String, String> env) {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true)
          .systemOutput(TerminalBuilder.SystemOutput.SysErr).dumb(false).build();
      // A dumb terminal, or one that does not say how wide it is, gets plain lines instead.
      if (Terminal.TYPE_DUMB.equals(terminal.getType())
          || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType()) || terminal.getWidth() <= 0) {
        terminal.close();
        return null;
      }
      return new TerminalProgress(err, clock, terminal, Look.of(terminal, env));
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
    int width = terminal.getWidth() <= 0 ? 80 : terminal.getWidth();
    for (String line : Text.wrap(message, Math.max(20, width - 1))) {
      terminal.writer().println(line);
    }
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
    Map<Phase, Integer> counts = new java.util.EnumMap<>(Phase.class);
    java.time.Instant now = clock.instant();
    for (Row row : rows.values()) {
      counts.merge(row.phase.ended() ? row.phase : Phase.RUNNING, 1, Integer::sum);
      if (lines.size() < shown) {
        lines.add(Bar.render(row, now, width, look));
      }
    }
    if (rows.size() > shown) {
      lines.add(new AttributedString(Text.fitEnd(look.ellipsis() + " and " + (rows.size() - shown)
          + " more jobs", width - 1, look.ellipsis())));
    }
    lines.add(new AttributedString(Text.fitEnd(summary(counts), width - 1, look.ellipsis())));
    display.update(lines, -1);
    terminal.flush();
  }

  private String summary(Map<Phase, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Phase phase : List.of(Phase.RUNNING, Phase.COMPLETED, Phase.FAILED, Phase.ERROR)) {
      parts.add(counts.getOrDefault(phase, 0) + " " + phase.label());
    }
    return String.join(look.separator(), parts);
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
