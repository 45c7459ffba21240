package io.renderwatch.demo;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: every stored job, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Prints every stored job, newest first; never touches the network.")
final class ListCommand implements Callable<Integer> {

  private static final int PAGE = 200;

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Mixin
  DatabaseOption db = new DatabaseOption();

  @Option(names = "--json", description = "Print one JSON object per job, per line.")
  boolean json;

  ListCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    String database = db.resolve(cli);
    List<JobResult> results = new ArrayList<>();
    java.util.Map<io.renderwatch.core.model.JobId, List<io.renderwatch.core.archive.ArchivedFile>>
        files = new java.util.HashMap<>();
    if (Ids.databaseExists(database)) {
      try (Wiring wiring = Wiring.offline(database)) {
        Optional<String> cursor = Optional.empty();
        do {
          Page<JobSnapshot> page = wiring.store().page(cursor, PAGE);
          var archived = wiring.archive().findAll(
              page.items().stream().map(JobSnapshot::id).toList());
          files.putAll(archived);
          for (JobSnapshot snapshot : page.items()) {
            JobResult result = JobResult.of(snapshot);
            if (json) {
              cli.out().println(ArchiveOutput.withFiles(result.toJson(),
                  archived.getOrDefault(snapshot.id(), List.of())));
            } else {
              results.add(result);
            }
          }
          cursor = page.next();
        } while (cursor.isPresent());
      }
    }
    if (!json) {
      if (results.isEmpty()) {
        cli.err().println("No jobs stored in " + database + ".");
      } else {
        cli.out().print(ArchiveOutput.table(results, files));
      }
    }
    cli.out().flush();
    return Main.OK;
  }
}
