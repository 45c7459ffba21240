package io.renderwatch.demo;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.WatchOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code watch JOBID...}: watches jobs until they end, storing every result. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Watches each job until it completes, fails, or its watch ends in error;",
        "stores every result. Ids may also come from @FILE (one per line) or - (stdin)."},
    footer = {"", "Exit codes: 0 all completed, 1 a render failed (no errors), 2 bad usage "
        + "(nothing sent),", "3 a watch ended in error, 130 interrupted (watches stay registered"
        + " for --resume)."})
final class WatchCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Mixin
  PollingOptions polling = new PollingOptions();

  @Mixin
  DatabaseOption db = new DatabaseOption();

  @Option(names = "--timeout", paramLabel = "DUR",
      description = "Give up on a job after this long (default: from --expected-length, else 1h).")
  Duration timeout;

  @Option(names = "--expected-length", paramLabel = "DUR",
      description = "Expected video length, to derive the timeout.")
  Duration expectedLength;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "5",
      description = "At most N requests in any one-second window, all jobs together "
          + "(default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--json", description = "Print one JSON object per job, per line, as it ends.")
  boolean json;

  @Option(names = "--resume",
      description = "Also watch again every registered watch that had not ended.")
  boolean resume;

  @Option(names = "--follow",
      description = "With --resume and a shared PostgreSQL --db: keep running, and take over the"
          + " watches of a process that died once its lease runs out, until no registered"
          + " watch is left.")
  boolean follow;

  @Option(names = "--lease", paramLabel = "DUR", defaultValue = "60s",
      description = "How long this process holds its watches in the store without renewing"
          + " them; another process takes them over after that (default ${DEFAULT-VALUE}).")
  Duration lease;

  @Option(names = "--archive",
      description = "Archive each job's output files as it completes (see 'archive').")
  boolean archive;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "With --archive: where the files go (default "
          + "$XDG_DATA_HOME/renderwatch/archive, else ~/.local/share/renderwatch/archive).")
  java.nio.file.Path archiveDir;

  @Parameters(paramLabel = "JOBID", arity = "0..*",
      description = "Job ids (UUIDs), @FILE with one id per line, or - for standard input.")
  List<String> jobIds = new ArrayList<>();

  WatchCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    Settings settings = settings();
    WatchRun run = new WatchRun(cli, settings);
    if (archive) {
      run.archiveInto(ArchiveCommand.defaultDir(cli, archiveDir));
    } else if (archiveDir != null) {
      throw new UsageException("--dir is where --archive puts the files; add --archive");
    }
    return run.run();
  }

  /** Checks every input before anything is opened or sent. */
  Settings settings() {
    if (jobIds.isEmpty() && !resume) {
      throw new UsageException("no job to watch; give JOBID..., @FILE, - (stdin) or --resume;"
          + " see 'renderwatch watch --help'");
    }
    List<io.renderwatch.core.model.JobId> ids = Ids.resolve(jobIds, cli.in());
    if (ids.isEmpty() && !resume) {
      throw new UsageException("no job ids found in the given input; give one UUID per line");
    }
    String key = polling.key(cli);
    String url = polling.baseUrl(cli);
    String database = db.resolve(cli);
    polling.checkIntervals();
    if (follow && !resume) {
      throw new UsageException("--follow takes over registered watches; use it with --resume");
    }
    PollPolicy policy = polling.policy(rate, lease);
    WatchOptions options = WatchOptions.defaults();
    if (timeout != null) {
      options = options.withTimeout(timeout);
    }
    if (expectedLength != null) {
      options = options.withExpectedLength(expectedLength);
    }
    return new Settings(ids, resume, follow, key, url, database, policy, options, json);
  }

  /** Everything a watch needs, checked. */
  record Settings(List<io.renderwatch.core.model.JobId> ids, boolean resume, boolean follow,
      String apiKey, String baseUrl, String db, PollPolicy policy, WatchOptions options,
      boolean json) {
    @Override
    public String toString() {
      return "Settings[" + ids.size() + " jobs, resume=" + resume + ", baseUrl=" + baseUrl + "]";
    }
  }
}
