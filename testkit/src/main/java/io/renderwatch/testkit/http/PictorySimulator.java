package io.renderwatch.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.sim.SimulatedAccount.Answer;
import io.renderwatch.testkit.sim.SimulatedAccount.Faulted;
import io.renderwatch.testkit.sim.SimulatedAccount.Found;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real-time HTTP simulator of Pictory's {@code GET /pictoryapis/v1/jobs/{jobid}} on the JDK's
 * HTTP server, bound to 127.0.0.1 only. It answers from a {@link SimulatedAccount} (scripted jobs,
 * account-wide rate limit, injected faults) at the instant its {@link Clock} shows, in the exact
 * shapes of API.md, and records what it served. Thread-safe; {@link #close()} stops it.
 */
public final class PictorySimulator implements AutoCloseable {

  /** The path prefix of the jobs endpoint; the job id is the one segment after it. */
  static final String JOBS_PATH = "/pictoryapis/v1/jobs/";
  /** The exact size of a {@link Fault.Kind#HUGE_BODY} answer: 10 MiB. */
  static final int HUGE_BODY_BYTES = 10 * 1024 * 1024;
  /** How many served requests the log keeps (the most recent ones). */
  static final int SERVED_LOG_CAPACITY = 100_000;

  private static final String JSON = "application/json; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final byte[] PADDING = filled(64 * 1024, (byte) 'x');
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final InetAddress LOOPBACK = loopback();

  private final String apiKey;
  private final SimulatedAccount account;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService delays;
  private final URI baseUrl;
  private final ServedLog log = new ServedLog(SERVED_LOG_CAPACITY);
  private final AtomicLong requestCount = new AtomicLong();
  private final Set<HttpExchange> delayed = ConcurrentHashMap.newKeySet();
  private final Object closeLock = new Object();
  private final OutputFiles files;
  private final Callbacks callbacks;
  private boolean closed;

  private PictorySimulator(Builder builder) {
    this.apiKey = builder.apiKey;
    this.account = builder.account;
    this.clock = builder.clock;
    this.files = builder.files;
    int instance = INSTANCES.incrementAndGet();
    String prefix = "pictory-simulator-" + instance;
    try {
      this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, builder.port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the Pictory simulator on 127.0.0.1:" + builder.port + ": " + e.getMessage(),
          e);
    }
    this.workers = Executors.newFixedThreadPool(builder.executorThreads,
        daemonThreads(prefix + "-worker-"));
    this.delays = Executors.newSingleThreadScheduledExecutor(daemonThreads(prefix + "-delay-"));
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
    this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.callbacks = builder.webhook == null ? null
        : new Callbacks(builder.webhook, account, clock, delays);
  }

  /** Starts configuring a simulator; {@link Builder#build()} starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL to point a client at, {@code http://127.0.0.1:<port>}, without a path. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The port the simulator listens on (on 127.0.0.1). */
  public int port() {
    return baseUrl.getPort();
  }

  /** The simulated account it answers from. */
  public SimulatedAccount account() {
    return account;
  }

  /** The requests it answered, oldest first (at most the last 100,000). */
  public List<ServedRequest> served() {
    return log.snapshot();
  }

  /** How many webhook callbacks were delivered (answered with any status); 0 without a plan. */
  public long callbacksSent() {
    return callbacks == null ? 0 : callbacks.sent();
  }

  /** How many webhook callbacks the plan dropped on purpose; 0 without a plan. */
  public long callbacksDropped() {
    return callbacks == null ? 0 : callbacks.dropped();
  }

  /** How many HTTP requests arrived in all, whatever their path, key or answer. */
  public long requestCount() {
    return requestCount.get();
  }

  /** Stops the server at once, drops pending (slow) answers and ends its threads; idempotent. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(0);
    delays.shutdownNow();
    for (HttpExchange exchange : delayed) {
      try {
        exchange.close();
      } catch (RuntimeException e) {
        // Already closed by the server's stop.
      }
    }
    delayed.clear();
    workers.shutdownNow();
    try {
      delays.awaitTermination(5, TimeUnit.SECONDS);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Names the base URL only: the API key is never shown. */
  @Override
  public String toString() {
    return "PictorySimulator{" + baseUrl + "}";
  }

  /**
   * Answers one exchange. Throwing {@link AbortConnection} makes the JDK server close the
   * connection at once, the only way its API offers to cut a response short.
   */
  private void handle(HttpExchange exchange) throws IOException {
    requestCount.incrementAndGet();
    Instant at = clock.instant();
    String path = Optional.ofNullable(exchange.getRequestURI().getRawPath()).orElse("");
    boolean keepOpen = false;
    try {
      if (files != null && OutputFiles.handles(path)) {
        files.serve(exchange, path);
        return;
      }
      if (!path.startsWith(JOBS_PATH) || path.length() == JOBS_PATH.length()
          || path.indexOf('/', JOBS_PATH.length()) >= 0) {
        respond(exchange, new ServedRequest(at, path, "", 404, ""), JSON,
            PictoryJson.message("Not Found"));
        return;
      }
      String segment = path.substring(JOBS_PATH.length());
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        respond(exchange, new ServedRequest(at, path, segment, 405, ""), JSON,
            PictoryJson.message("Method Not Allowed"));
        return;
      }
      if (!authorized(exchange)) {
        respond(exchange, new ServedRequest(at, path, segment, 401, ""), JSON,
            PictoryJson.UNAUTHORIZED);
        return;
      }
      JobId id = parseOrNull(segment);
      if (id == null) {
        respond(exchange, new ServedRequest(at, path, segment, 200, ""), JSON,
            PictoryJson.notFound(segment));
        return;
      }
      Answer answer = account.answer(id, at);
      if (answer instanceof Faulted faulted) {
        keepOpen = serveFault(exchange, at, path, id, faulted);
      } else {
        respond(exchange, new ServedRequest(at, path, id.toString(), 200, ""), JSON,
            bodyOf(id.toString(), answer));
      }
    } catch (AbortConnection e) {
      keepOpen = true;
      throw e;
    } catch (IOException | RuntimeException e) {
      // The client went away or the server is stopping: nothing more to send.
    } finally {
      if (!keepOpen) {
        exchange.close();
      }
    }
  }

  /** Serves one injected fault; returns whether the exchange stays open for a later answer. */
  private boolean serveFault(HttpExchange exchange, Instant at, String path, JobId id,
      Faulted faulted) throws IOException {
    Fault fault = faulted.fault();
    String jobId = id.toString();
    String kind = fault.kind().name();
    ServedRequest ok = new ServedRequest(at, path, jobId, 200, kind);
    switch (fault.kind()) {
      case RATE_LIMITED:
        if (!fault.duration().isZero()) {
          exchange.getResponseHeaders().set("Retry-After", Long.toString(ceilSeconds(fault)));
        }
        respond(exchange, withStatus(ok, 429), JSON, PictoryJson.message("Too Many Requests"));
        return false;
      case SERVER_ERROR:
        respond(exchange, withStatus(ok, 500), HTML, errorPage(500, "Internal Server Error"));
        return false;
      case BAD_GATEWAY:
        respond(exchange, withStatus(ok, 502), HTML, errorPage(502, "Bad Gateway"));
        return false;
      case SERVICE_UNAVAILABLE:
        respond(exchange, withStatus(ok, 503), TEXT, "Service Unavailable");
        return false;
      case DROP_CONNECTION:
        log.add(sentBy(exchange, withStatus(ok, 0)));
        throw new AbortConnection();
      case TRUNCATED_BODY:
        log.add(sentBy(exchange, ok));
        sendTruncated(exchange, bodyOf(jobId, truthOf(faulted)));
        throw new AbortConnection();
      case MALFORMED_JSON:
        respond(exchange, ok, JSON, PictoryJson.malformed(jobId));
        return false;
      case HTML_PAGE:
        respond(exchange, ok, HTML, challengePage());
        return false;
      case UNKNOWN_STATUS:
        respond(exchange, ok, JSON, PictoryJson.unknownStatus(jobId, "archived"));
        return false;
      case WRONG_JOB:
        respond(exchange, ok, JSON, bodyOf(JobId.random().toString(), truthOf(faulted)));
        return false;
      case HUGE_BODY:
        log.add(sentBy(exchange, ok));
        sendHuge(exchange, jobId);
        return false;
      case SLOW:
        return serveLater(exchange, ok, bodyOf(jobId, truthOf(faulted)), fault.duration());
      case GOES_BACKWARDS:
      case CHANGED_ENDING:
        respond(exchange, ok, JSON, faulted.truth()
            .map(truth -> PictoryJson.state(jobId, fault.misreport(id, truth)))
            .orElseGet(() -> PictoryJson.notFound(jobId)));
        return false;
      default:
        throw new AssertionError(fault.kind());
    }
  }

  private boolean serveLater(HttpExchange exchange, ServedRequest served, String body,
      Duration delay) {
    delayed.add(exchange);
    try {
      delays.schedule(() -> {
        try {
          if (delayed.remove(exchange)) {
            respond(exchange, served, JSON, body);
          }
        } catch (IOException | RuntimeException e) {
          // The client gave up waiting, or the server is stopping.
        } finally {
          exchange.close();
        }
      }, delay.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      delayed.remove(exchange);
      return false;
    }
  }

  private boolean authorized(HttpExchange exchange) {
    List<String> values = exchange.getRequestHeaders().get("Authorization");
    return values != null && values.size() == 1 && apiKey.equals(values.get(0));
  }

  /** Logs the request first (so a client that has its answer finds it logged), then answers. */
  private void respond(HttpExchange exchange, ServedRequest served, String contentType,
      String body) throws IOException {
    log.add(sentBy(exchange, served));
    send(exchange, served.status(), contentType, body);
  }

  private static ServedRequest sentBy(HttpExchange exchange, ServedRequest served) {
    String agent = exchange.getRequestHeaders().getFirst("User-Agent");
    return served.withUserAgent(agent == null ? "" : agent);
  }

  private static ServedRequest withStatus(ServedRequest served, int status) {
    return new ServedRequest(served.at(), served.path(), served.jobId(), status, served.fault(),
        served.userAgent());
  }

  private static Answer truthOf(Faulted faulted) {
    return faulted.truth().<Answer>map(Found::new).orElseGet(SimulatedAccount.NotFound::new);
  }

  private String bodyOf(String jobId, Answer answer) {
    if (answer instanceof Found found) {
      JobState state = found.state();
      if (files != null) {
        state = files.rewrite(JobId.parse(jobId), state, baseUrl);
      }
      return PictoryJson.state(jobId, state);
    }
    if (answer instanceof Faulted faulted) {
      return bodyOf(jobId, truthOf(faulted));
    }
    return PictoryJson.notFound(jobId);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Announces the whole body, writes half of it, then lets the connection close. */
  private static void sendTruncated(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
  }

  /** Streams a valid JSON body of exactly {@link #HUGE_BODY_BYTES} bytes from a shared pad. */
  private static void sendHuge(HttpExchange exchange, String jobId) throws IOException {
    byte[] head = ("{\"job_id\":" + PictoryJson.quote(jobId)
        + ",\"success\":true,\"data\":{\"status\":\"in-progress\",\"padding\":\"")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(200, HUGE_BODY_BYTES);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(head);
      long left = (long) HUGE_BODY_BYTES - head.length - tail.length;
      while (left > 0) {
        int chunk = (int) Math.min(left, PADDING.length);
        out.write(PADDING, 0, chunk);
        left -= chunk;
      }
      out.write(tail);
    }
  }

  private static String errorPage(int status, String reason) {
    return "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n"
        + "<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>cloudflare"
        + "</center>\r\n</body>\r\n</html>\r\n";
  }

  private static String challengePage() {
    return "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head>"
        + "<body><h1>api.pictory.ai</h1><p>Checking your browser before accessing "
        + "api.pictory.ai.</p></body></html>";
  }

  private static long ceilSeconds(Fault fault) {
    Duration d = fault.duration();
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  private static JobId parseOrNull(String segment) {
    try {
      return JobId.parse(segment);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Thrown out of the handler so that the JDK server closes the connection without more. */
  private static final class AbortConnection extends IOException {
    AbortConnection() {
      super("connection cut on purpose");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Configures and starts a {@link PictorySimulator}. */
  public static final class Builder {
    private String apiKey;
    private int port;
    private SimulatedAccount account;
    private Clock clock = Clock.systemUTC();
    private int executorThreads = 8;
    private OutputFiles files;
    private WebhookPlan webhook;

    private Builder() {}

    /** Calls back when each job ends, as the plan says (default: no callbacks). */
    public Builder webhook(WebhookPlan value) {
      this.webhook = Objects.requireNonNull(value, "webhook == null");
      return this;
    }

    /**
     * The key every request must send as its {@code Authorization} header, exactly (required).
     *
     * @throws IllegalArgumentException when the key is empty or holds anything but visible ASCII
     */
    public Builder apiKey(String value) {
      Objects.requireNonNull(value, "apiKey == null");
      if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "apiKey must be non-empty visible ASCII without spaces, such as pictai_demo");
      }
      this.apiKey = value;
      return this;
    }

    /** The port to listen on at 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + value);
      }
      this.port = value;
      return this;
    }

    /** The simulated account to answer from (required). */
    public Builder account(SimulatedAccount value) {
      this.account = Objects.requireNonNull(value, "account == null");
      return this;
    }

    /** The clock that places each request on the jobs' timelines; default system UTC. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    /** How many daemon threads answer requests; default 8. */
    public Builder executorThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("executorThreads must be >= 1 but was " + value);
      }
      this.executorThreads = value;
      return this;
    }

    /** Also serves the completed jobs' output files on loopback (issue 15); default: not. */
    public Builder files(OutputFiles value) {
      this.files = Objects.requireNonNull(value, "files == null");
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @throws IllegalStateException when the API key or the account is missing
     * @throws UncheckedIOException when the port cannot be bound
     */
    public PictorySimulator build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required");
      }
      if (account == null) {
        throw new IllegalStateException("account is required");
      }
      return new PictorySimulator(this);
    }
  }
}
