package io.renderwatch.demo;

import io.renderwatch.core.engine.PollPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options {@code watch} and {@code serve} share to reach Pictory and pace the polls, and
 * their checks; {@code --rate} and {@code --lease} stay with each command, whose help words
 * them for it.
 */
final class PollingOptions {

  static final String DEFAULT_BASE_URL = "https://api.pictory.ai";

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API root (env PICTORY_BASE_URL; default " + DEFAULT_BASE_URL + ").")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key (env PICTORY_API_KEY).")
  String apiKey;

  @Option(names = "--min-interval", paramLabel = "DUR", defaultValue = "10s",
      description = "Shortest time between two polls of one job (default ${DEFAULT-VALUE}).")
  Duration minInterval;

  @Option(names = "--max-interval", paramLabel = "DUR", defaultValue = "30s",
      description = "Longest time between two polls of one job (default ${DEFAULT-VALUE}).")
  Duration maxInterval;

  /** The API key (the option, else PICTORY_API_KEY), checked; never shown. */
  String key(Cli cli) {
    return checkKey(cli.orEnv(apiKey, "PICTORY_API_KEY"));
  }

  /** The API root (the option, else PICTORY_BASE_URL, else Pictory's), checked. */
  String baseUrl(Cli cli) {
    return checkBaseUrl(cli.orEnv(baseUrl, "PICTORY_BASE_URL"));
  }

  /** The longest interval must not be shorter than the shortest. */
  void checkIntervals() {
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new UsageException("--max-interval " + Durations.format(maxInterval)
          + " is shorter than --min-interval " + Durations.format(minInterval)
          + "; make it at least as long");
    }
  }

  /** The policy of these intervals with the command's {@code --rate} and {@code --lease}. */
  PollPolicy policy(int rate, Duration lease) {
    checkIntervals();
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new UsageException("--lease " + Durations.format(lease) + " is too short; give at"
          + " least 1s");
    }
    if (rate < 1 || rate > 1000) {
      throw new UsageException("--rate " + rate + " is out of range; give 1 to 1000 requests"
          + " per second");
    }
    return PollPolicy.builder()
        .intervals(minInterval, maxInterval)
        .budget(rate, Duration.ofSeconds(1))
        .lease(lease)
        .build();
  }

  /** The key must be there, and be visible ASCII without blanks; it is never shown. */
  static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new UsageException("no API key; set PICTORY_API_KEY or pass --api-key KEY");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new UsageException("the API key contains a blank, control or non-ASCII character;"
            + " copy it again from Pictory (it is not shown here)");
      }
    }
    return key;
  }

  /** An http(s) URL with a host; plain http only to this machine. */
  static String checkBaseUrl(String value) {
    String url = value == null ? DEFAULT_BASE_URL : value.strip();
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new UsageException("--base-url '" + Text.printable(url) + "' is not a URL; give e.g. "
          + DEFAULT_BASE_URL);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new UsageException("--base-url '" + Text.printable(url) + "' is not an http(s) URL"
          + " with a host; give e.g. " + DEFAULT_BASE_URL);
    }
    if (uri.getRawUserInfo() != null) {
      throw new UsageException("--base-url must not contain a user name or password; pass the"
          + " key with --api-key or PICTORY_API_KEY");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new UsageException("--base-url must not have a query or fragment; give only the API"
          + " root, e.g. " + DEFAULT_BASE_URL);
    }
    if (scheme.equals("http") && !io.renderwatch.core.model.Links.isLoopback(uri.getHost())) {
      throw new UsageException("--base-url http://" + Text.printable(uri.getHost())
          + " is plain http to another machine, which would expose the key; use https://");
    }
    return url;
  }

}
