package io.renderwatch.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The service's metrics, in Prometheus text: requests to Pictory by outcome, active watches,
 * webhooks by result. Make one first, wrap the source with {@link #counting}, then hand it to the
 * {@link WebServer}. Labels carry only fixed words: never a key, token, secret or job id.
 */
public final class ServeMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> webhooks = new ConcurrentHashMap<>();

  /** Makes the registry, with every outcome and result at zero. */
  public ServeMetrics() {
    for (String outcome : new String[] {"ok", "rate_limited", "unavailable", "bad_response",
        "not_found", "unauthorized", "forbidden"}) {
      request(outcome);
    }
    for (String result : WebhookResult.NAMES) {
      webhook(result);
    }
  }

  /** A source that counts every request it passes on, by outcome. */
  public JobStatusSource counting(JobStatusSource source) {
    return id -> source.fetch(id).whenComplete((snapshot, error) -> {
      if (error == null) {
        request("ok").increment();
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      String outcome = cause instanceof SourceException failure
          ? failure.kind().name().toLowerCase(Locale.ROOT) : "unavailable";
      request(outcome).increment();
    });
  }

  /** Reports the number of active watches from {@code active}. */
  void watchesFrom(IntSupplier active) {
    Gauge.builder("renderwatch.watches.active", active::getAsInt)
        .description("Jobs this instance is polling now")
        .register(registry);
  }

  void webhookCounted(String result) {
    webhook(result).increment();
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  private Counter request(String outcome) {
    return requests.computeIfAbsent(outcome, o -> Counter.builder("renderwatch.api.requests")
        .description("Requests sent to Pictory, by outcome")
        .tag("outcome", o)
        .register(registry));
  }

  private Counter webhook(String result) {
    return webhooks.computeIfAbsent(result, r -> Counter.builder("renderwatch.webhooks")
        .description("Webhook callbacks received, by result")
        .tag("result", r)
        .register(registry));
  }

  /** The results a webhook is counted under. */
  static final class WebhookResult {
    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";
    static final String WRONG_SECRET = "wrong_secret";
    static final String TOO_LARGE = "too_large";
    static final String MALFORMED = "malformed";
    static final String NO_ID = "no_id";
    static final String[] NAMES = {ACCEPTED, DUPLICATE, WRONG_SECRET, TOO_LARGE, MALFORMED, NO_ID};

    private WebhookResult() {}
  }
}
