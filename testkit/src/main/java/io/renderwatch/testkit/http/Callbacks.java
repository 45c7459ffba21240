package io.renderwatch.testkit.http;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's webhook: every 50 ms it looks for jobs that ended and POSTs each one's final
 * job response to the plan's URL, once (or twice, or never, as the plan draws), without counting
 * against the account's requests. Delivery failures are counted, not retried.
 */
final class Callbacks {

  static final long SCAN_MILLIS = 50;

  private final WebhookPlan plan;
  private final SimulatedAccount account;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final HttpClient http;
  private final Set<JobId> called = ConcurrentHashMap.newKeySet();
  private final SplittableRandom random;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  Callbacks(WebhookPlan plan, SimulatedAccount account, Clock clock,
      ScheduledExecutorService timer) {
    this.plan = plan;
    this.account = account;
    this.clock = clock;
    this.timer = timer;
    this.random = new SplittableRandom(plan.seed());
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    timer.scheduleWithFixedDelay(this::scan, SCAN_MILLIS, SCAN_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void scan() {
    Instant now = clock.instant();
    for (JobId id : account.jobs()) {
      if (called.contains(id)) {
        continue;
      }
      Optional<Instant> end = account.endsAt(id);
      if (end.isEmpty() || end.get().isAfter(now)) {
        continue;
      }
      called.add(id);
      boolean drop;
      boolean twice;
      synchronized (random) {
        drop = random.nextDouble() < plan.dropRate();
        twice = random.nextDouble() < plan.duplicateRate();
      }
      if (drop) {
        dropped.incrementAndGet();
        continue;
      }
      JobScript script = account.script(id).orElseThrow();
      JobState last = script.stateAt(id, script.endsAfter());
      String body = PictoryJson.state(id.toString(), last);
      Runnable send = () -> {
        post(body);
        if (twice) {
          post(body);
        }
      };
      if (plan.delay().isZero()) {
        send.run();
      } else {
        timer.schedule(send, plan.delay().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void post(String body) {
    HttpRequest request = HttpRequest.newBuilder(plan.url())
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
      if (e == null) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    });
  }

  long sent() {
    return sent.get();
  }

  long dropped() {
    return dropped.get();
  }

  long failed() {
    return failed.get();
  }
}
