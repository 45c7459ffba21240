package io.renderwatch.demo.plan;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What a planning run found: the cost and the detection delay a workload would see with a given
 * request budget, how close it runs to the account's limit, and what to do about it.
 *
 * @param workload the simulated workload
 * @param rate the engine's request budget, requests per second
 * @param accountLimit the account's limit, requests per second (beyond it Pictory answers 429)
 * @param webhooksLost the share of completion webhooks lost (0–1), absent when none are used
 * @param seen how many jobs' results were seen before their watch's deadline
 * @param requestsPerJob requests sent per job (429s included)
 * @param p50 median detection delay: from a job's end to its result being seen, seconds
 * @param p95 95th percentile of the detection delay, seconds
 * @param max largest detection delay, seconds
 * @param tooMany requests answered 429
 * @param budgetUse requests sent ÷ what the budget allows over the run (0–1)
 * @param peakSecond the most requests sent within one second
 * @param saturated the share of the run's seconds in which the whole budget was spent
 * @param simulated how much virtual time the run covered
 * @param deadline each watch's deadline
 */
public record Plan(
    Workload workload,
    int rate,
    int accountLimit,
    OptionalDouble webhooksLost,
    int seen,
    double requestsPerJob,
    double p50,
    double p95,
    double max,
    long tooMany,
    double budgetUse,
    int peakSecond,
    double saturated,
    Duration simulated,
    Duration deadline) {

  /** How many results were never seen (their watch's deadline passed first). */
  public int unseen() {
    return workload.jobs() - seen;
  }

  /** The mean requests per second the workload needs in steady state. */
  public double steadyRequestsPerSecond() {
    return requestsPerJob * workload.jobsPerHour() / 3600;
  }

  /**
   * How likely 429s are: {@code high} when the run drew any, {@code medium} when the budget was
   * spent to the last request in more than 1 % of the seconds (another client of the same
   * account would draw them then), else {@code low}.
   */
  public String risk() {
    if (tooMany > 0) {
      return "high";
    }
    return saturated > 0.01 ? "medium" : "low";
  }

  /** One or two sentences: the settings to use, or what limits the workload. */
  public String recommendation() {
    StringBuilder advice = new StringBuilder();
    if (tooMany > 0) {
      advice.append("Pictory answered ").append(tooMany).append(" requests with 429: pass --rate ")
          .append(accountLimit).append(" (the account's limit) or less. ");
    }
    if (unseen() > 0) {
      advice.append(unseen()).append(" jobs outlived the ")
          .append(minutes(deadline)).append(" watch deadline: pass a longer --timeout. ");
    }
    double steady = steadyRequestsPerSecond();
    if (saturated > 0.2 || budgetUse > 0.7) {
      int needed = (int) Math.ceil(Math.max(steady * 2, rate + 1));
      advice.append(String.format(java.util.Locale.ROOT,
          "The budget binds (%.0f%% used, all of it in %.1f%% of the seconds), so results wait"
              + " for it: ask Pictory for a limit of at least %d requests/s and pass it as --rate,"
              + " or accept the delay.", budgetUse * 100, saturated * 100, needed));
    } else {
      advice.append(String.format(java.util.Locale.ROOT,
          "--rate %d is enough: the workload needs %.2f requests/s on average (%.0f%% of the"
              + " budget); expect results within %.0f s of a render ending (p95).", rate, steady,
          budgetUse * 100, Math.ceil(p95)));
    }
    return advice.toString().strip();
  }

  private static String minutes(Duration duration) {
    return duration.toMinutes() + " min";
  }
}
