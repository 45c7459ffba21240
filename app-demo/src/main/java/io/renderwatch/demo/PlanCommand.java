package io.renderwatch.demo;

import io.renderwatch.core.json.JsonObject;
import io.renderwatch.demo.plan.Plan;
import io.renderwatch.demo.plan.Planner;
import io.renderwatch.demo.plan.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: what a workload costs and how soon results are seen, simulated in virtual time. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Simulates a workload through the engine in virtual time (no network) and"
        + " prints the expected requests per job, detection delay, 429 risk and budget use,"
        + " with a recommendation.",
        "Renders wait 0-60 s in the queue, then take a log-normal time (sigma 0.8) around"
            + " --render-median; jobs arrive at random at --jobs-per-hour."})
final class PlanCommand implements Callable<Integer> {

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Option(names = "--jobs-per-hour", paramLabel = "N", required = true,
      description = "How many render jobs start per hour, on average.")
  double jobsPerHour;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "10000",
      description = "How many jobs to simulate, the burst included (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--burst", paramLabel = "N", defaultValue = "0",
      description = "How many of them are submitted together at the start (default ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--render-median", paramLabel = "DUR", defaultValue = "4m",
      description = "Median render time (default ${DEFAULT-VALUE}).")
  Duration renderMedian;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "5",
      description = "Requests per second Renderwatch may send (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--account-limit", paramLabel = "N",
      description = "Requests per second Pictory allows the account before answering 429"
          + " (default: --rate).")
  Integer accountLimit;

  @Option(names = "--webhooks-lost", paramLabel = "P%",
      description = "Use completion webhooks, of which this share is lost, e.g. 30%% (default: no"
          + " webhooks).")
  String webhooksLost;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated workload.")
  long seed;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  PlanCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    Plan plan;
    try {
      Workload workload = new Workload(jobsPerHour, jobs, burst, renderMedian, seed);
      int limit = accountLimit == null ? rate : accountLimit;
      plan = new Planner(workload, rate, limit, share(webhooksLost)).run();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + "; see 'renderwatch plan --help'");
    }
    if (json) {
      cli.out().println(toJson(plan));
    } else {
      print(plan, cli.out());
    }
    cli.out().flush();
    return Main.OK;
  }

  /** Reads "30%" or "0.3" as a share; null stays empty (no webhooks). */
  static OptionalDouble share(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String value = text.strip();
    try {
      double share = value.endsWith("%")
          ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100
          : Double.parseDouble(value);
      if (share >= 0 && share <= 1) {
        return OptionalDouble.of(share);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException("--webhooks-lost '" + Text.printable(value) + "' is not a share"
        + " between 0% and 100%; pass e.g. 30%");
  }

  static void print(Plan plan, PrintStream out) {
    Workload w = plan.workload();
    out.printf(Locale.ROOT, "Simulated %,d jobs (%,.0f/h%s, renders median %s; budget %d"
            + " requests/s, account limit %d/s%s) over %s of virtual time.%n", w.jobs(),
        w.jobsPerHour(), w.burst() > 0 ? String.format(Locale.ROOT, ", %,d at once first", w.burst())
            : "", Durations.format(w.renderMedian()), plan.rate(), plan.accountLimit(),
        plan.webhooksLost().isPresent() ? String.format(Locale.ROOT, "; webhooks, %.0f%% lost",
            plan.webhooksLost().getAsDouble() * 100) : "",
        Durations.format(plan.simulated()));
    out.printf(Locale.ROOT, "  requests per job   %.2f%n", plan.requestsPerJob());
    out.printf(Locale.ROOT, "  detection delay    p50 %.1f s   p95 %.1f s   max %.1f s%n",
        plan.p50(), plan.p95(), plan.max());
    out.printf(Locale.ROOT, "  429 risk           %s (%,d answered 429; busiest second %d"
        + " requests)%n", plan.risk(), plan.tooMany(), plan.peakSecond());
    out.printf(Locale.ROOT, "  budget use         %.0f%% (all of it in %.1f%% of the seconds)%n",
        plan.budgetUse() * 100, plan.saturated() * 100);
    if (plan.unseen() > 0) {
      out.printf(Locale.ROOT, "  not seen           %,d (deadline %s)%n", plan.unseen(),
          Durations.format(plan.deadline()));
    }
    out.println("Recommendation: " + plan.recommendation());
  }

  static String toJson(Plan plan) {
    Workload w = plan.workload();
    return new JsonObject()
        .put("jobs", w.jobs())
        .put("jobsPerHour", w.jobsPerHour())
        .put("burst", w.burst())
        .put("renderMedianSeconds", (double) w.renderMedian().toMillis() / 1000)
        .put("rate", plan.rate())
        .put("accountLimit", plan.accountLimit())
        .put("webhooksLost", plan.webhooksLost().isPresent()
            ? plan.webhooksLost().getAsDouble() : null)
        .put("requestsPerJob", round(plan.requestsPerJob()))
        .put("delayP50Seconds", round(plan.p50()))
        .put("delayP95Seconds", round(plan.p95()))
        .put("delayMaxSeconds", round(plan.max()))
        .put("seen", plan.seen())
        .put("unseen", plan.unseen())
        .put("tooManyRequests", plan.tooMany())
        .put("risk429", plan.risk())
        .put("budgetUse", round(plan.budgetUse()))
        .put("peakRequestsPerSecond", plan.peakSecond())
        .put("saturatedSeconds", round(plan.saturated()))
        .put("simulatedSeconds", (double) plan.simulated().toSeconds())
        .put("recommendation", plan.recommendation())
        .toString();
  }

  private static Double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
  }
}
