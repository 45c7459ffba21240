package io.renderwatch.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final InetAddress LOOPBACK = loopback();

  private final SimulatedAccount account;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService delays;
  private final URI baseUrl;
  private final AtomicLong requestCount = new AtomicLong();
  private final Object closeLock = new Object();
  private final OutputFiles files;
  private final Callbacks callbacks;
  private final JobAnswers jobs;
  private boolean closed;

  private PictorySimulator(Builder builder) {
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
    this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.jobs = new JobAnswers(builder.apiKey, account, files, baseUrl, delays);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
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
    return jobs.served();
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
    jobs.dropDelayed();
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
   * Answers one exchange: a file, or the job API. Throwing {@link AbortConnection} makes the JDK server close the
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
      keepOpen = jobs.answer(exchange, at, path);
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
