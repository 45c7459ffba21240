package io.renderwatch.demo;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** What standard output is: a terminal of some width (JLine asks it), or not a terminal. */
final class Screen {

  private Screen() {}

  /**
   * How to lay out the results table on this run's stdout: fitted to the terminal's width, or
   * whole values when stdout is piped or redirected, or the run is not a real process.
   */
  static Table.Layout table(Cli cli) {
    String term = cli.env().getOrDefault("TERM", "");
    if (!cli.process() || term.isEmpty() || term.equals("dumb")) {
      return Table.Layout.plain();
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true)
        .systemOutput(TerminalBuilder.SystemOutput.SysOut).dumb(false).build()) {
      if (Terminal.TYPE_DUMB.equals(terminal.getType())
          || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType()) || terminal.getWidth() <= 0) {
        return Table.Layout.plain();
      }
      return Table.Layout.terminal(terminal.getWidth(), Look.of(terminal, cli.env()));
    } catch (IOException | RuntimeException notATerminal) {
      return Table.Layout.plain();
    }
  }
}
