package io.renderwatch.demo;

import io.renderwatch.core.port.StoreException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/** The {@code renderwatch} command: {@code java -jar renderwatch.jar COMMAND [OPTIONS]}. */
public final class Main {

  /** Every job completed ({@code show}: the job is stored). */
  static final int OK = 0;
  /** At least one render failed, and no job ended in error. */
  static final int FAILED = 1;
  /** Bad usage or input; nothing was sent. */
  static final int USAGE = 2;
  /** At least one job ended in error ({@code show}: the job is not stored). */
  static final int ERROR = 3;
  /** Interrupted (Ctrl-C) during a watch. */
  static final int INTERRUPTED = 130;

  private Main() {}

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, new Cli(System.out, System.err, System.in, System.getenv(), true));
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in this process without exiting, as tests do: results to {@code out},
   * messages for people to {@code err}, the environment from {@code env}.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, new Cli(out, err, InputStream.nullInputStream(), env, false));
  }

  static int run(String[] args, Cli cli) {
    CommandLine commandLine = commandLine(cli);
    return commandLine.execute(args);
  }

  static CommandLine commandLine(Cli cli) {
    CommandLine cmd = new CommandLine(new RootCommand(cli));
    cmd.addSubcommand(new DemoCommand(cli));
    cmd.addSubcommand(new WatchCommand(cli));
    cmd.addSubcommand(new ShowCommand(cli));
    cmd.addSubcommand(new ListCommand(cli));
    cmd.addSubcommand(new ArchiveCommand(cli));
    cmd.addSubcommand(new SimulateCommand(cli));
    RootCommand.showWholeSummaries(cmd);
    cmd.setExpandAtFiles(false);
    cmd.registerConverter(Duration.class, new Durations());
    cmd.setOut(new PrintWriter(cli.out(), true));
    cmd.setErr(new PrintWriter(cli.err(), true));
    cmd.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      String message = firstLine(ex.getMessage());
      String name = failed.getCommandSpec().qualifiedName();
      cli.err().println("renderwatch: " + message + "; see '" + name + " --help'");
      cli.err().flush();
      return USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      if (ex instanceof UsageException usage) {
        cli.err().println("renderwatch: " + usage.getMessage());
        cli.err().flush();
        return usage.exitCode();
      }
      if (ex instanceof StoreException) {
        cli.err().println("renderwatch: " + firstLine(ex.getMessage()));
        cli.err().flush();
        return ERROR;
      }
      org.slf4j.LoggerFactory.getLogger(Main.class).debug("Unexpected failure", ex);
      cli.err().println("renderwatch: unexpected " + ex.getClass().getSimpleName() + ": "
          + firstLine(String.valueOf(ex.getMessage())) + "; run again with --verbose for details");
      cli.err().flush();
      return ERROR;
    });
    return cmd;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
