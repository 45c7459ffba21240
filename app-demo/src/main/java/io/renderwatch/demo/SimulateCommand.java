package io.renderwatch.demo;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.demo.simulator.DemoJobs;
import io.renderwatch.testkit.http.OutputFiles;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.http.WebhookPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate}: the simulator alone, in the foreground, until interrupted. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Runs the Pictory simulator alone in the foreground until interrupted.",
        "stdout: its base URL on the first line, then the ids of its scripted jobs, one per line."})
final class SimulateCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The key the simulator accepts (env PICTORY_API_KEY).")
  String apiKey;

  @Option(names = "--port", defaultValue = "0",
      description = "Port on 127.0.0.1 (default 0: a free one).")
  int port;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "6",
      description = "How many scripted jobs (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--min-queue", converter = Durations.AllowZero.class, paramLabel = "DUR", defaultValue = "1s",
      description = "Shortest queue time of a job (default ${DEFAULT-VALUE}).")
  Duration minQueue;

  @Option(names = "--max-queue", converter = Durations.AllowZero.class, paramLabel = "DUR", defaultValue = "4s",
      description = "Longest queue time of a job (default ${DEFAULT-VALUE}).")
  Duration maxQueue;

  @Option(names = "--min-render", converter = Durations.AllowZero.class, paramLabel = "DUR", defaultValue = "8s",
      description = "Shortest render time of a job (default ${DEFAULT-VALUE}).")
  Duration minRender;

  @Option(names = "--max-render", converter = Durations.AllowZero.class, paramLabel = "DUR", defaultValue = "20s",
      description = "Longest render time of a job (default ${DEFAULT-VALUE}).")
  Duration maxRender;

  @Option(names = "--failing", paramLabel = "N", defaultValue = "0",
      description = "How many jobs fail (4001 Invalid voice name; default ${DEFAULT-VALUE}).")
  int failing;

  @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "0",
      description = "Answer 429 beyond N requests per second (default 0: no limit).")
  int rateLimit;

  @Option(names = "--retry-after", converter = Durations.AllowZero.class, paramLabel = "DUR", defaultValue = "2s",
      description = "Retry-After sent with a 429 (default ${DEFAULT-VALUE}).")
  Duration retryAfter;

  @Option(names = "--fault", paramLabel = "KIND",
      description = "Inject this fault into a share of requests: ${COMPLETION-CANDIDATES}.")
  Fault.Kind fault;

  @Option(names = "--fault-rate", paramLabel = "P", defaultValue = "0.1",
      description = "Share of requests that get --fault, 0 to 1 (default ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(names = "--fault-delay", paramLabel = "DUR", defaultValue = "5s",
      description = "Time parameter of --fault (SLOW's delay, RATE_LIMITED's Retry-After).")
  Duration faultDelay;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "POST each job's final job response to URL when it ends, as Pictory's"
          + " webhook does (e.g. serve's http://127.0.0.1:8080/webhooks/pictory/SECRET).")
  String webhook;

  @Option(names = "--webhook-drop", paramLabel = "P", defaultValue = "0",
      description = "Share of callbacks never sent, 0 to 1 (default ${DEFAULT-VALUE}).")
  double webhookDrop;

  @Option(names = "--webhook-duplicate", paramLabel = "P", defaultValue = "0",
      description = "Share of callbacks sent twice, 0 to 1 (default ${DEFAULT-VALUE}).")
  double webhookDuplicate;

  @Option(names = "--webhook-delay", converter = Durations.AllowZero.class, paramLabel = "DUR",
      defaultValue = "0", description = "Send each callback this long after its job ends"
          + " (default ${DEFAULT-VALUE}).")
  Duration webhookDelay;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the scripted jobs.")
  long seed;

  @Option(names = "--duration", paramLabel = "DUR",
      description = "Stop after this long (default: run until interrupted).")
  Duration duration;

  @Option(names = "--files",
      description = "Also serve the completed jobs' output files on loopback (with Range), so"
          + " that 'archive' fetches real bytes; their links then point at the simulator.")
  boolean files;

  @Option(names = "--file-retention", paramLabel = "DUR",
      description = "With --files: purge a job's files (404) this long after its links were"
          + " first handed out (default: keep them).")
  Duration fileRetention;

  @Option(names = "--video-size", paramLabel = "SIZE", defaultValue = "2MiB",
      converter = Sizes.class,
      description = "With --files: the size of each video.mp4 (default ${DEFAULT-VALUE}).")
  long videoSize;

  @Option(names = "--file-rate", paramLabel = "SIZE", defaultValue = "0", converter = Sizes.class,
      description = "With --files: send each file at most SIZE bytes per second"
          + " (default 0: unthrottled).")
  long fileRate;

  private WebhookPlan webhookPlan() {
    try {
      return new WebhookPlan(new java.net.URI(webhook.strip()), webhookDrop, webhookDuplicate,
          webhookDelay, seed);
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new UsageException("--webhook: " + Main.firstLine(e.getMessage()));
    }
  }

  SimulateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws InterruptedException {
    common.configureLogging();
    String key = cli.orEnv(apiKey, "PICTORY_API_KEY");
    if (key == null) {
      throw new UsageException("the simulator needs a key to accept; pass --api-key KEY or set"
          + " PICTORY_API_KEY");
    }
    PollingOptions.checkKey(key);
    if (!(faultRate >= 0 && faultRate <= 1)) {
      throw new UsageException("--fault-rate " + faultRate + " is not between 0 and 1");
    }
    SimulatedAccount account;
    try {
      DemoJobs.Builder builder = DemoJobs.builder().jobs(jobs).queued(minQueue, maxQueue)
          .rendering(minRender, maxRender).failing(failing).retryAfter(retryAfter)
          .rateLimit(rateLimit, Duration.ofSeconds(1)).seed(seed);
      if (fault != null) {
        builder.faults(FaultPlan.randomly(faultRate, new Fault(fault, faultDelay), seed));
      }
      account = builder.build(Instant.now());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PictorySimulator simulator;
    try {
      PictorySimulator.Builder sim = PictorySimulator.builder().apiKey(key).port(port)
          .account(account);
      if (files) {
        OutputFiles.Builder cdn = OutputFiles.builder()
            .size(io.renderwatch.core.archive.OutputFile.VIDEO, videoSize)
            .bytesPerSecond(fileRate);
        if (fileRetention != null) {
          cdn.retention(fileRetention);
        }
        sim.files(cdn.build());
      }
      if (webhook != null) {
        sim.webhook(webhookPlan());
      }
      simulator = sim.build();
    } catch (UsageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UsageException(Main.firstLine(e.getMessage())
          + "; choose another --port (0 picks a free one)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = null;
    try {
      if (cli.process()) {
        hook = new Thread(() -> {
          simulator.close();
          stop.countDown();
        }, "renderwatch-simulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
      }
      cli.out().println(simulator.baseUrl());
      for (JobId id : account.jobs()) {
        cli.out().println(id);
      }
      cli.out().flush();
      cli.err().println("Simulating " + account.jobs().size() + " jobs at "
          + simulator.baseUrl() + "; Ctrl-C stops.");
      if (duration == null) {
        stop.await();
      } else {
        stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
      return Main.OK;
    } finally {
      simulator.close();
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook runs anyway.
        }
      }
    }
  }
}
