package io.renderwatch.demo.plan;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.testkit.time.VirtualScheduler;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Counts the requests sent in each second of virtual time, to see how full the budget runs. */
final class RequestMeter {

  private final VirtualScheduler clock;
  private int[] perSecond = new int[3600];
  private int peak;

  RequestMeter(VirtualScheduler clock) {
    this.clock = clock;
  }

  /** The source, counting every request sent through it. */
  JobStatusSource around(JobStatusSource source) {
    return new JobStatusSource() {
      @Override
      public CompletableFuture<JobSnapshot> fetch(JobId id) {
        count();
        return source.fetch(id);
      }
    };
  }

  private void count() {
    long second = clock.elapsedNanos() / 1_000_000_000L;
    if (second >= perSecond.length) {
      perSecond = Arrays.copyOf(perSecond, (int) Math.max(second + 1, perSecond.length * 2L));
    }
    int count = ++perSecond[(int) second];
    peak = Math.max(peak, count);
  }

  /** The most requests sent within one second. */
  int peak() {
    return peak;
  }

  /** In how many of the first {@code seconds} seconds at least {@code count} requests were sent. */
  int secondsAtLeast(int count, long seconds) {
    int found = 0;
    for (int s = 0; s < Math.min(seconds, perSecond.length); s++) {
      if (perSecond[s] >= count) {
        found++;
      }
    }
    return found;
  }
}
