package io.renderwatch.core.engine;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Why the engine sends each poll, read from the poller's state as the poll leaves: for the
 * benchmarks' request profile ({@code io.renderwatch.bench.LoopbackRequests}). It lives in the
 * engine's package because the reasons are the engine's private state; nothing in the library
 * uses it.
 */
public final class SendReasons {

  private SendReasons() {}

  /** Why a poll was sent. */
  public enum Reason {
    /** The job's first poll, when its watch starts. */
    REGISTRATION("the registration poll"),
    /** The last answer said queued: the queued interval. */
    QUEUED("a queued poll"),
    /** Running, with more than one poll left before the bound: at the longest interval. */
    RUNNING_AT_CEILING("running, at the ceiling"),
    /** Running, with more than one poll left: spaced evenly below the ceiling to land on it. */
    RUNNING_SPACED("running, spaced below the ceiling to land on the bound"),
    /** Running: the poll aimed at the latest completion the readings admit. */
    AIMED("aimed at the predicted end"),
    /** Running, after a poll aimed at the end found the render still going. */
    AFTER_MISS("after a missed landing"),
    /** After a failed request (an error or a 429). */
    RETRY("a retry"),
    /** A callback asked for it. */
    HINT("a hint's confirmation"),
    /** Anything else (an unknown status). */
    OTHER("other");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** How the request profile names it. */
    public String text() {
      return text;
    }
  }

  /**
   * From now on tells {@code reasons}, for each poll the engine sends, the job and why, on the
   * engine's thread under its lock (keep it short).
   */
  public static void trace(RenderWatch watch, BiConsumer<JobId, Reason> reasons) {
    PollPolicy policy = watch.policy();
    long max = policy.maxInterval().toNanos();
    long min = policy.minInterval().toNanos();
    // Cadence's ceiling: the max interval less its room for the budget's queue.
    long ceiling = max - Math.min(1_000_000_000L, (max - min) / 10);
    Map<JobId, Long> lastSent = new HashMap<>();
    watch.traceSends(poller -> {
      Long previous = lastSent.put(poller.id, poller.lastPollAt);
      reasons.accept(poller.id, reason(poller, previous, ceiling));
    });
  }

  private static Reason reason(Poller poller, Long previous, long ceiling) {
    if (previous == null) {
      return Reason.REGISTRATION;
    }
    if (poller.lastError != null) {
      return Reason.RETRY;
    }
    if (poller.hinted) {
      return Reason.HINT;
    }
    JobState state = poller.latest == null ? null : poller.latest.state();
    if (state instanceof JobState.Running) {
      if (poller.estimator.hasMissed()) {
        return Reason.AFTER_MISS;
      }
      if (poller.aimedAtEta) {
        return Reason.AIMED;
      }
      // A millisecond of slack: the planned interval is the ceiling, sent when due.
      return poller.lastPollAt - previous >= ceiling - 1_000_000L
          ? Reason.RUNNING_AT_CEILING : Reason.RUNNING_SPACED;
    }
    return state instanceof JobState.Queued ? Reason.QUEUED : Reason.OTHER;
  }
}
