package io.renderwatch.demo;

import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.WatchOptions;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.demo.simulator.DemoJobs;
import io.renderwatch.testkit.http.PictorySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole thing end to end against the built-in simulator, with no API key.
 *
 * <p>It exits 0 when the demo ran as scripted. One of its jobs is scripted to fail, so the watch
 * itself ends as {@code watch} would with a failed render (1); that failure is what the demo
 * shows, not a fault of the run. It exits 3 only if a watch ended in error.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Starts the built-in Pictory simulator on a free loopback port, watches 6",
        "scripted jobs (one fails, one meets a rate limit) with live progress, stores them in a",
        "temporary database (or --db), then shows one again offline from the store."},
    footer = {"", "Exit codes: 0 the demo ran as scripted (its failed job is part of the script),",
        "3 a watch ended in error."})
final class DemoCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Option(names = "--db", paramLabel = "PATH-or-JDBC-URL",
      description = "Keep the demo's results here instead of in a temporary database.")
  String db;

  @Option(names = "--json", description = "Print results as NDJSON, as 'watch --json' does.")
  boolean json;

  DemoCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    if (db != null) {
      Wiring.checkDb(db);
    }
    String key = "pictai_demo_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    SimulatedAccount account = DemoJobs.demo(Instant.now());
    List<JobId> ids = account.jobs();
    Path temporary = null;
    String database = db;
    try {
      if (database == null) {
        temporary = Files.createTempDirectory("renderwatch-demo-");
        database = temporary.resolve("jobs").toString();
      }
      int code;
      try (PictorySimulator simulator = PictorySimulator.builder().apiKey(key).port(0)
          .account(account).build()) {
        cli.err().println("Demo: a simulated Pictory API at " + simulator.baseUrl() + " with "
            + ids.size() + " scripted jobs (one fails, one meets the rate limit).");
        cli.err().println("Watching them, polling every 1-3 s, at most 5 requests per second;"
            + " results are stored in " + (temporary == null ? database : "a temporary database")
            + ".");
        PollPolicy policy = PollPolicy.builder()
            .intervals(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .budget(5, Duration.ofSeconds(1))
            .build();
        WatchCommand.Settings settings = new WatchCommand.Settings(ids, false, false, key,
            simulator.baseUrl().toString(), database, policy,
            WatchOptions.defaults().withTimeout(Duration.ofMinutes(2)), json);
        code = new WatchRun(cli, settings).run();
      }
      if (code == Main.INTERRUPTED) {
        return code;
      }
      showOffline(database, ids);
      if (code == Main.FAILED || code == Main.OK) {
        cli.err().println("Demo done. The failed job is part of the script, so the demo exits 0;"
            + " 'renderwatch watch' would exit 1 for it.");
        return Main.OK;
      }
      return code;
    } catch (IOException e) {
      throw new UsageException("cannot create a temporary database for the demo: "
          + e.getMessage() + "; pass --db PATH", Main.ERROR);
    } finally {
      if (temporary != null) {
        deleteTree(temporary);
      }
    }
  }

  /** Shows one completed job again from the store alone, the simulator stopped. */
  private void showOffline(String database, List<JobId> ids) {
    try (Wiring wiring = Wiring.offline(database)) {
      Optional<JobSnapshot> shown = Optional.empty();
      for (JobId id : ids) {
        Optional<JobSnapshot> stored = wiring.store().find(id);
        if (stored.isPresent() && stored.get().isTerminal()
            && (shown.isEmpty() || !shown.get().isTerminal()
                || stored.get().state().kind() == io.renderwatch.core.model.JobState.Kind.COMPLETED
                    && shown.get().state().kind() != io.renderwatch.core.model.JobState.Kind.COMPLETED)) {
          shown = stored;
        }
      }
      if (shown.isEmpty()) {
        cli.err().println("No job was stored, so there is nothing to show offline.");
        return;
      }
      cli.err().println();
      cli.err().println("The simulator is stopped now. Job " + shown.get().id()
          + " again, from the store only (as 'renderwatch show " + shown.get().id() + "'):");
      JobResult result = JobResult.of(shown.get());
      cli.out().print(json ? result.toJson() + "\n" : Table.render(List.of(result)));
      cli.out().flush();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
