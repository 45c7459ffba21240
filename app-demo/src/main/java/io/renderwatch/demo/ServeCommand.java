package io.renderwatch.demo;

import io.renderwatch.core.engine.PollPolicy;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the long-lived service of SERVE.md (webhooks, polling, dashboard, metrics). */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Runs the service: Pictory calls it back by webhook, it confirms each callback",
        "with one GET, polls the jobs whose callback never comes, stores every result and",
        "answers from the store. See SERVE.md for the endpoints."},
    footer = {"", "Exit codes: 0 stopped by SIGTERM or SIGINT, 2 bad usage (nothing opened),",
        "3 the database or the port could not be opened."})
final class ServeCommand implements Callable<Integer> {

  static final String SECRET_SETTING = "webhook_secret";

  private final Cli cli;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Option(names = "--port", defaultValue = "8080",
      description = "Port to listen on, 0 for a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}); another than loopback"
          + " needs --token.")
  String bind;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Bearer token every endpoint but /healthz, /readyz and the webhook needs"
          + " (env RENDERWATCH_TOKEN).")
  String token;

  @Option(names = "--webhook-secret", paramLabel = "SECRET",
      description = "Secret path segment of the webhook URL (env RENDERWATCH_WEBHOOK_SECRET;"
          + " default: a random one kept in the database, shared by every instance).")
  String webhookSecret;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "This service's address as Pictory reaches it (default http://HOST:PORT).")
  String publicUrl;

  @Mixin
  ServeArchiveOptions archiving = new ServeArchiveOptions();

  @Option(names = "--print-webhook-url",
      description = "Print the whole webhook URL to give Pictory, and exit.")
  boolean printWebhookUrl;

  @Mixin
  PollingOptions polling = new PollingOptions();

  @Mixin
  DatabaseOption db = new DatabaseOption();

  @Option(names = "--rate", paramLabel = "N", defaultValue = "5",
      description = "At most N requests to Pictory in any one-second window (default"
          + " ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--lease", paramLabel = "DUR", defaultValue = "60s",
      description = "How long this instance holds its watches without renewing them; another"
          + " instance takes them over after that (default ${DEFAULT-VALUE}).")
  Duration lease;

  ServeCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    common.configureLogging();
    // Jetty's own debug lines would carry request paths, and so the webhook secret.
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    // SERVE.md: the first line on stderr is the listening line; the key's warning follows it.
    System.setProperty("org.slf4j.simpleLogger.log.io.renderwatch.http.PictoryHttpSource",
        "error");
    Settings settings = settings();
    if (settings.printOnly()) {
      String secret = secret(settings);
      cli.out().println(webhookUrl(settings.publicUrl().orElse(localUrl(port)), secret));
      cli.out().flush();
      return Main.OK;
    }
    return new ServeRun(cli, settings).archiving(archiving.target()).run();
  }

  /** Checks every input before anything is opened. */
  Settings settings() {
    archiving.target();
    if (port < 0 || port > 65535) {
      throw new UsageException("--port " + port + " is out of range; give 0 to 65535");
    }
    String host = bind == null ? "" : bind.strip();
    if (host.isEmpty()) {
      throw new UsageException("--bind is empty; give an address such as 127.0.0.1");
    }
    Optional<String> tokenValue = Optional.ofNullable(cli.orEnv(token, "RENDERWATCH_TOKEN"));
    tokenValue.ifPresent(t -> checkVisible("--token", t));
    if (!io.renderwatch.core.model.Links.isLoopback(host) && tokenValue.isEmpty()) {
      throw new UsageException("--bind " + Text.printable(host) + " is not a loopback address"
          + " and no token is set: anyone on the network could use the service; pass --token"
          + " TOKEN (or set RENDERWATCH_TOKEN), or bind 127.0.0.1");
    }
    Optional<String> secretValue =
        Optional.ofNullable(cli.orEnv(webhookSecret, "RENDERWATCH_WEBHOOK_SECRET"));
    secretValue.ifPresent(ServeCommand::checkSecret);
    Optional<String> publicValue = Optional.ofNullable(publicUrl).map(ServeCommand::checkPublicUrl);
    String database = db.resolve(cli);
    if (printWebhookUrl) {
      return new Settings(host, port, tokenValue, secretValue, publicValue, database, null, null,
          null, true);
    }
    String key = polling.key(cli);
    String url = polling.baseUrl(cli);
    PollPolicy policy = polling.policy(rate, lease);
    return new Settings(host, port, tokenValue, secretValue, publicValue, database, key, url,
        policy, false);
  }

  /** The secret given, else the one kept in the database (made by the first instance). */
  String secret(Settings settings) {
    if (settings.webhookSecret().isPresent()) {
      return settings.webhookSecret().get();
    }
    try (io.renderwatch.jdbc.JdbcStores stores = Wiring.openStores(settings.db())) {
      return stores.setting(SECRET_SETTING, ServeCommand::randomSecret);
    }
  }

  static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String webhookUrl(String publicUrl, String secret) {
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1)
        : publicUrl;
    return base + "/webhooks/pictory/" + secret;
  }

  /** The secret shown in a log: all but its last 4 characters masked. */
  static String masked(String secret) {
    return "****" + secret.substring(Math.max(0, secret.length() - 4));
  }

  String localUrl(int actualPort) {
    String host = bind.strip();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
  }

  private static void checkSecret(String secret) {
    if (!secret.matches("[A-Za-z0-9._~-]{1,200}")) {
      throw new UsageException("the webhook secret must be 1 to 200 letters, digits or . _ ~ -"
          + " (it becomes a URL path segment; it is not shown here)");
    }
  }

  private static void checkVisible(String option, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new UsageException(option + " contains a blank, control or non-ASCII character"
            + " (it is not shown here)");
      }
    }
  }

  private static String checkPublicUrl(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      throw new UsageException("--public-url '" + Text.printable(value) + "' is not a URL; give"
          + " e.g. https://renderwatch.example.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new UsageException("--public-url '" + Text.printable(value) + "' is not an http(s)"
          + " URL with a host and no query; give e.g. https://renderwatch.example.com");
    }
    return value.strip();
  }

  /** Everything the service needs, checked. Never printed whole: it holds secrets. */
  record Settings(String host, int port, Optional<String> token, Optional<String> webhookSecret,
      Optional<String> publicUrl, String db, String apiKey, String baseUrl, PollPolicy policy,
      boolean printOnly) {
    @Override
    public String toString() {
      return "Settings[" + host + ":" + port + ", db=" + db + "]";
    }
  }
}
