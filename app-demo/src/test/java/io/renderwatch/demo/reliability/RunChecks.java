package io.renderwatch.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Outcome;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.port.Page;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.ServedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What the reliability tests check of a finished run, each a promise a user relies on. */
final class RunChecks {

  private RunChecks() {}

  /** A completed job later answered differently keeps its first end, costing no request. */
  static void theStoredEndStandsWhenTheProviderLaterSaysOtherwise(RenderWatch watch,
      JobStatusSource http, JobStore store, SimulatedAccount account, Set<JobId> ids)
      throws Exception {
    int checked = 0;
    for (JobId id : ids) {
      JobSnapshot first = store.find(id).orElseThrow();
      int before = account.requestsFor(id);
      assertThat(watch.watch(id).result().get(5, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(watch.get(id).get(5, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(account.requestsFor(id)).isEqualTo(before);
      if (checked++ < 20) {
        // Ask the provider anyway: it now contradicts the end; the store keeps the first one.
        // (The account contradicts from the request after the one that served the true end.)
        JobSnapshot other = http.fetch(id).get(5, TimeUnit.SECONDS);
        if (other.state().equals(first.state())) {
          other = http.fetch(id).get(5, TimeUnit.SECONDS);
        }
        assertThat(other.state()).isNotEqualTo(first.state());
        assertThat(store.save(other).outcome()).isEqualTo(Outcome.ANOMALY);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(first.state());
      }
    }
  }

  /** The simulator did answer 429: the rate-limit cases exercise what they name. */
  static void aRateLimitPausesEveryPoll(List<ServedRequest> served, Duration pause) {
    // Where requests arrive, requests already under way when a 429 left can land late by an
    // amount only the machine's load decides, so the pause is checked where the engine keeps it
    // (theEngineSendsNothingWhilePaused), against the 429s' own times.
    assertThat(served.stream().filter(r -> r.status() == 429)).isNotEmpty();
  }

  /**
   * From the moment the engine took a 429 in until the pause ends, it sends nothing at all; and
   * the pause lasts at least {@code pause} from when that 429 was served.
   */
  static void theEngineSendsNothingWhilePaused(Map<JobId, List<WatchEvent>> events,
      List<Instant> sent, Duration pause, List<ServedRequest> served) {
    List<WatchEvent.PollFailed> limited = events.values().stream().flatMap(List::stream)
        .filter(WatchEvent.PollFailed.class::isInstance).map(WatchEvent.PollFailed.class::cast)
        .filter(e -> e.error().kind() == io.renderwatch.core.port.SourceException.Kind.RATE_LIMITED)
        .toList();
    assertThat(limited).isNotEmpty();
    for (WatchEvent.PollFailed e : limited) {
      Instant until = e.retryAt();
      assertThat(served).as("a 429 for %s served at least %s before %s", e.jobId(), pause, until)
          .anyMatch(r -> r.status() == 429 && r.jobId().equals(e.jobId().toString())
              && !r.at().isAfter(e.at()) && !r.at().plus(pause).isAfter(until));
      assertThat(sent).as("sent while paused from %s to %s", e.at(), until)
          .noneMatch(t -> t.isAfter(e.at()) && t.isBefore(until));
    }
  }

  static void progressNeverGoesBack(JobId id, List<WatchEvent> seen) {
    int progress = -1;
    boolean rendering = false;
    for (WatchEvent event : List.copyOf(seen)) {
      if (event instanceof WatchEvent.Progressed progressed
          && progressed.snapshot().state() instanceof JobState.Running running) {
        assertThat(running.progress()).as("progress of %s", id).isGreaterThanOrEqualTo(progress);
        progress = running.progress();
        rendering = true;
      }
      if (event instanceof WatchEvent.Queued) {
        assertThat(rendering).as("%s reported queued after rendering", id).isFalse();
      }
    }
  }

  static Map<JobId, JobSnapshot> scan(JobStore store) {
    Map<JobId, JobSnapshot> all = new HashMap<>();
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < 1000; pages++) {
      Page<JobSnapshot> page = store.page(cursor, 37);
      for (JobSnapshot s : page.items()) {
        assertThat(all.put(s.id(), s)).as("listed twice: %s", s.id()).isNull();
      }
      cursor = page.next();
      if (cursor.isEmpty()) {
        return all;
      }
    }
    throw new AssertionError("more than 1000 pages");
  }

  static int maxWithin(java.util.Collection<Long> times, long window) {
    long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.length; end++) {
      while (sorted[end] - sorted[start] >= window) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
