package io.renderwatch.demo;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code show JOBID}: one job from the durable store; never touches the network. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Prints one job from the durable store; never touches the network.",
    footer = {"", "Exit codes: 0 the job is stored, 2 bad usage, 3 the job is not stored."})
final class ShowCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Mixin
  DatabaseOption db = new DatabaseOption();

  @Option(names = "--json", description = "Print the job as one JSON object.")
  boolean json;

  @Parameters(paramLabel = "JOBID", description = "The job's id (a UUID).")
  String jobId;

  ShowCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    JobId id = Ids.parse(jobId, null);
    String database = db.resolve(cli);
    if (!Ids.databaseExists(database)) {
      cli.err().println("renderwatch: job " + id + " is not stored (no database at " + database
          + "; watch a job first or pass --db)");
      return Main.ERROR;
    }
    Optional<JobSnapshot> stored;
    List<io.renderwatch.core.archive.ArchivedFile> files;
    try (Wiring wiring = Wiring.offline(database)) {
      stored = wiring.store().find(id);
      files = stored.isPresent() ? wiring.archive().find(id) : List.of();
    }
    if (stored.isEmpty()) {
      cli.err().println("renderwatch: job " + id + " is not stored in " + database
          + " (watch it first, or check --db)");
      return Main.ERROR;
    }
    JobResult result = JobResult.of(stored.get());
    cli.out().print(json ? ArchiveOutput.withFiles(result.toJson(), files) + "\n"
        : ArchiveOutput.table(List.of(result), files.isEmpty() ? java.util.Map.of()
            : java.util.Map.of(id, files)));
    cli.out().flush();
    return Main.OK;
  }
}
