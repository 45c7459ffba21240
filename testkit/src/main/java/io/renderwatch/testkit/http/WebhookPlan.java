package io.renderwatch.testkit.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the simulator calls back when a job ends: it POSTs a body shaped like the job response to
 * {@code url}, dropping a share of the callbacks, sending a share twice, and after a delay, as
 * Pictory's unsigned and undocumented webhooks may.
 *
 * @param url where to POST
 * @param dropRate share of callbacks never sent, 0 to 1
 * @param duplicateRate share of the sent callbacks sent a second time, 0 to 1
 * @param delay how long after the job ends a callback is sent (the duplicate follows at once)
 * @param seed seeds which callbacks are dropped and duplicated, for repeatable runs
 */
public record WebhookPlan(URI url, double dropRate, double duplicateRate, Duration delay,
    long seed) {

  /** Validates every component. */
  public WebhookPlan {
    Objects.requireNonNull(url, "url == null");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL must be http(s) with a host, such as"
          + " http://127.0.0.1:8080/webhooks/pictory/SECRET");
    }
    if (!(dropRate >= 0 && dropRate <= 1) || !(duplicateRate >= 0 && duplicateRate <= 1)) {
      throw new IllegalArgumentException("drop and duplicate rates must be between 0 and 1");
    }
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
    }
  }

  /** Every callback sent once, at once. */
  public static WebhookPlan to(URI url) {
    return new WebhookPlan(url, 0, 0, Duration.ZERO, 1);
  }

  /** A copy that drops this share of callbacks. */
  public WebhookPlan dropping(double rate) {
    return new WebhookPlan(url, rate, duplicateRate, delay, seed);
  }

  /** A copy that sends this share of callbacks twice. */
  public WebhookPlan duplicating(double rate) {
    return new WebhookPlan(url, dropRate, rate, delay, seed);
  }

  /** A copy that sends each callback this long after its job ends. */
  public WebhookPlan delayedBy(Duration value) {
    return new WebhookPlan(url, dropRate, duplicateRate, value, seed);
  }

  /** A copy with another seed. */
  public WebhookPlan seeded(long value) {
    return new WebhookPlan(url, dropRate, duplicateRate, delay, value);
  }
}
