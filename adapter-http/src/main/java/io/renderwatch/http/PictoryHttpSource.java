package io.renderwatch.http;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import io.renderwatch.core.port.SourceException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Retrofit;

/**
 * Reads a job's state from Pictory's {@code GET /pictoryapis/v1/jobs/{jobid}} endpoint,
 * asynchronously; build one with {@link #builder()} and share it.
 *
 * <p>Every fetch completes with a {@link JobSnapshot} of the asked job, or exceptionally with a
 * {@link SourceException} whose kind tells what went wrong. The API key never appears in
 * {@link #toString()}, in messages or in logs, and is not sent along a redirect that leaves the
 * base URL's origin. A caller's own network interceptors on a supplied {@code OkHttpClient} do
 * see the {@code Authorization} header; they must not log it.
 *
 * <p>Futures complete on this source's HTTP dispatcher threads (daemon threads named
 * {@code renderwatch-http-N}, or a caller-supplied client's): dependent stages that block should
 * run on an executor of their own ({@code thenApplyAsync(..., executor)}).
 *
 * <p>Up to {@link #maxConcurrentRequests()} requests go on the wire at once (default
 * {@value #DEFAULT_MAX_REQUESTS}); only beyond that would one wait in a queue. A caller that keeps
 * its fetches outstanding at or below that number (as the engine's {@code PollPolicy.maxInFlight},
 * 32 by default, does) knows that each request it counts as sent is sent then, not released
 * later in a burst. Every request has a
 * call timeout (default 30 s), so a silent server cannot hold a caller past its own deadline.
 *
 * <p>A failure of the network itself (unknown host, refused connection, TLS, timeout, reset)
 * is {@link SourceException.Kind#UNAVAILABLE} with a {@link SourceException#networkCause()} and
 * a message that says in plain words what failed and where.
 *
 * <p>{@link #close()} cancels this source's calls in flight and stops the threads and
 * connections it created; a caller-supplied client's are left alone.
 */
public final class PictoryHttpSource implements JobStatusSource, AutoCloseable {

  /** The base URL used unless another is given: {@code https://api.pictory.ai}. */
  public static final String DEFAULT_BASE_URL = "https://api.pictory.ai";

  /** The response size cap used unless another is given: 1 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

  /** The connect timeout used unless another is given. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The read timeout (longest silence while reading) used unless another is given. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

  /** The timeout of a whole call (connect, redirects, body) used unless another is given. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** How many requests go on the wire at once unless another limit is given. */
  public static final int DEFAULT_MAX_REQUESTS = 64;

  private static final System.Logger LOG = System.getLogger(PictoryHttpSource.class.getName());
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private final HttpUrl baseUrl;
  private final String userAgent;
  private final Clock clock;
  private final PictoryApi api;
  private final ResponseMapper mapper;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PictoryHttpSource(Builder builder, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.userAgent = builder.userAgent;
    this.clock = builder.clock;
    this.ownsClient = builder.client == null;
    this.client = HttpClients.create(builder, baseUrl);
    this.mapper = new ResponseMapper(userAgent);
    this.api = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(client)
        .validateEagerly(true)
        .build()
        .create(PictoryApi.class);
  }

  /** Starts a builder; only the API key is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks Pictory for the job's state without blocking.
   *
   * @throws NullPointerException when {@code id} is null; every other failure completes the
   *     returned future with a {@link SourceException}
   */
  @Override
  public CompletableFuture<JobSnapshot> fetch(JobId id) {
    Objects.requireNonNull(id, "id == null");
    CompletableFuture<JobSnapshot> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(new SourceException(SourceException.Kind.UNAVAILABLE,
          "This PictoryHttpSource is closed; job " + id + " was not fetched"));
      return future;
    }
    try {
      Call<ResponseBody> call = api.job(id.toString());
      future.whenComplete((snapshot, failure) -> {
        if (future.isCancelled()) {
          call.cancel();
        }
      });
      call.enqueue(new FetchCallback(id, future, mapper, clock));
    } catch (RuntimeException e) {
      future.completeExceptionally(new SourceException(SourceException.Kind.UNAVAILABLE,
          "Could not send the request for job " + id + ": " + e.getClass().getName(), null, e));
    }
    return future;
  }

  /** The base URL requests go to, always ending in {@code /}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** The User-Agent header sent with every request. */
  public String userAgent() {
    return userAgent;
  }

  /**
   * How many requests this source sends at once before it would hold one back: keep the number
   * of fetches outstanding at or below it (e.g. the engine's {@code maxInFlight}), and every
   * fetch goes on the wire when it is made.
   */
  public int maxConcurrentRequests() {
    return HttpClients.capacity(client);
  }

  /**
   * Stops new fetches and cancels calls in flight (their futures fail as unavailable); when this
   * source created its own HTTP client, also shuts its dispatcher's threads down and closes its
   * pooled connections. A caller-supplied client's threads, connections and other calls are
   * left alone. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      HttpClients.close(client, ownsClient);
    }
  }

  /** The HTTP client in use (package-private, for tests). */
  OkHttpClient client() {
    return client;
  }

  /** A summary that never shows the API key. */
  @Override
  public String toString() {
    return "PictoryHttpSource[baseUrl=" + baseUrl + ", apiKey=redacted, userAgent=" + userAgent
        + (closed.get() ? ", closed" : "") + "]";
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || IPV4_LOOPBACK.matcher(h).matches();
  }

  /** Configures a {@link PictoryHttpSource}; every setter checks its argument at once. */
  public static final class Builder {
    // Package-private for HttpClients, which builds the client from them.
    ApiKey apiKey;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL + "/");
    OkHttpClient client;
    Duration connectTimeout;
    Duration readTimeout;
    Duration callTimeout;
    long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    String userAgent = "renderwatch/" + Version.get() + " (+java)";
    private boolean allowInsecureHttp;
    Integer maxRequests;
    Integer maxRequestsPerHost;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the Pictory API key (required), sent as {@code Authorization: <key>}.
     *
     * @throws IllegalArgumentException when it is empty or holds anything but visible ASCII; the
     *     message never contains the key
     */
    public Builder apiKey(String apiKey) {
      ApiKey key = ApiKey.of(apiKey);
      if (!key.hasPictoryPrefix()) {
        LOG.log(Level.WARNING, "The API key does not start with \"" + ApiKey.PREFIX
            + "\" as Pictory API keys do; using it anyway. Check that it is the right value.");
      }
      this.apiKey = key;
      return this;
    }

    /**
     * Sets the base URL (default {@value PictoryHttpSource#DEFAULT_BASE_URL}); a path prefix is
     * kept. Plain {@code http://} is accepted only to a loopback host unless
     * {@link #allowInsecureHttp(boolean)} is set, which {@link #build()} checks.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL, or has user info, a query
     *     or a fragment
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      HttpUrl url = HttpUrl.parse(baseUrl.strip());
      if (url == null) {
        throw new IllegalArgumentException("baseUrl is not an http:// or https:// URL");
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException("baseUrl must not contain user info");
      }
      if (url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or a fragment: " + url);
      }
      if (!url.encodedPath().endsWith("/")) {
        url = url.newBuilder().addPathSegment("").build();
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * Uses the caller's client instead of creating one: its threads, connection pool, TLS
     * settings and interceptors, which {@link #close()} leaves alone. Its timeouts apply unless
     * set here, but a client without a call timeout gets the default one (30 s). Requests queue
     * on a dispatcher of this source's own (on the caller's threads), limited by
     * {@link #maxRequests(int)} and {@link #maxRequestsPerHost(int)}, not by the caller's.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Sets the connect timeout (default 10 s); zero means none. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /** Sets the longest silence while reading a response (default 20 s); zero means none. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the limit on a whole call, redirects and body included (default 30 s).
     *
     * @throws IllegalArgumentException when it is zero (none) or negative: every request needs
     *     one, or a silent server could hold a watch past its deadline
     */
    public Builder callTimeout(Duration timeout) {
      Duration checked = checkTimeout(timeout, "callTimeout");
      if (checked.isZero()) {
        throw new IllegalArgumentException("callTimeout must be > 0: without one, a server that"
            + " never answers holds the request forever; give e.g. 30s");
      }
      this.callTimeout = checked;
      return this;
    }

    /** Sets the largest response body read (default 1 MiB); larger bodies are refused. */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be > 0 but was "
            + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Sets the User-Agent header (default {@code renderwatch/<version> (+java)}). */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent == null");
      if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new IllegalArgumentException(
            "userAgent must be non-blank printable ASCII, e.g. \"myapp/1.0 renderwatch\"");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** Permits plain {@code http://} to a host that is not loopback (default false: refused). */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /**
     * Sets how many requests may be on the wire at once in total (default
     * {@value PictoryHttpSource#DEFAULT_MAX_REQUESTS}); see {@link PictoryHttpSource#maxConcurrentRequests()}.
     */
    public Builder maxRequests(int maxRequests) {
      this.maxRequests = checkPositive(maxRequests, "maxRequests");
      return this;
    }

    /**
     * Sets how many requests may be on the wire at once to one host (default
     * {@value PictoryHttpSource#DEFAULT_MAX_REQUESTS}); see {@link PictoryHttpSource#maxConcurrentRequests()}.
     */
    public Builder maxRequestsPerHost(int maxRequestsPerHost) {
      this.maxRequestsPerHost = checkPositive(maxRequestsPerHost, "maxRequestsPerHost");
      return this;
    }

    /** Sets the clock that stamps each snapshot's {@code observedAt} (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Creates the source.
     *
     * @throws IllegalStateException when no API key was set
     * @throws IllegalArgumentException when the base URL is plain http to a non-loopback host
     *     and {@link #allowInsecureHttp(boolean)} was not set
     */
    public PictoryHttpSource build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required");
      }
      if (!baseUrl.isHttps() && !allowInsecureHttp && !isLoopback(baseUrl.host())) {
        throw new IllegalArgumentException("baseUrl " + baseUrl + " is plain http:// to the"
            + " non-loopback host " + baseUrl.host() + ", which would send the API key"
            + " unencrypted; use https://, or call allowInsecureHttp(true) to accept that");
      }
      return new PictoryHttpSource(this, baseUrl);
    }

    /** A summary that never shows the API key. */
    @Override
    public String toString() {
      return "PictoryHttpSource.Builder[baseUrl=" + baseUrl + ", apiKey="
          + (apiKey == null ? "unset" : "redacted") + "]";
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name + " == null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must be >= 0 but was " + timeout);
      }
      if (timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " is too large: " + timeout);
      }
      return timeout;
    }

    private static int checkPositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
      }
      return value;
    }
  }
}
