package io.renderwatch.web;

import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.port.JobStore;
import java.net.URI;
import io.renderwatch.core.archive.OutputArchive;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of {@code renderwatch serve} (SERVE.md): webhooks, jobs, events, dashboard,
 * metrics and health on one Jetty connector. Waiting requests hold no thread: a few threads serve
 * thousands of them. {@link #close()} stops accepting, answers what is in flight and ends the
 * event streams; the caller then closes the engine, which releases its leases.
 */
public final class WebServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final ExecutorService work;
  private final ScheduledExecutorService timers;
  private final EventStream events;
  private final JobFeed feed;
  private final String host;

  private static final OutputArchive NO_ARCHIVE =
      new io.renderwatch.core.memory.InMemoryOutputArchive();

  private WebServer(Builder b) {
    this.feed = b.feed;
    this.host = b.host;
    this.work = Executors.newFixedThreadPool(b.workThreads, threads("renderwatch-web-work-"));
    this.timers = Executors.newSingleThreadScheduledExecutor(threads("renderwatch-web-timer-"));
    QueuedThreadPool pool = new QueuedThreadPool(b.maxThreads, Math.min(4, b.maxThreads));
    pool.setName("renderwatch-web");
    pool.setDaemon(true);
    this.server = new Server(pool);
    this.connector = new ServerConnector(server, 1, 1);
    connector.setHost(b.host);
    connector.setPort(b.port);
    // Longer than the longest ?wait=, so that a held answer is never cut by the idle timeout.
    connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(90));
    server.addConnector(connector);
    server.setStopTimeout(TimeUnit.SECONDS.toMillis(10));
    server.setStopAtShutdown(false);
    b.metrics.watchesFrom(b.engine::activeWatches);
    this.events = new EventStream(b.feed);
    JobsApi jobs = new JobsApi(b.engine, b.store, b.feed, work, timers, b.archive);
    Webhooks webhooks = new Webhooks(b.webhookSecret, b.engine, b.feed, b.metrics, work);
    Dashboard dashboard = new Dashboard(b.store, b.feed, jobs::objectFor);
    Routes routes = new Routes(new Auth(b.token), webhooks, jobs, events, dashboard, b.metrics,
        b.ready);
    server.setHandler(new GracefulHandler(routes));
    timers.scheduleWithFixedDelay(events::heartbeat, 15, 15, TimeUnit.SECONDS);
  }

  /** Starts a builder; engine, store, feed, metrics and webhook secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalStateException when the address cannot be bound, saying which
   */
  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot listen on " + host + ":" + connector.getPort()
          + ": " + e.getMessage(), e);
    }
  }

  /** The port actually bound (the free one chosen for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://HOST:PORT}, with the bound port. */
  public URI url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port());
  }

  /** How many event streams are open. */
  public int openStreams() {
    return events.size();
  }

  /**
   * Stops accepting, answers the requests in flight (held {@code ?wait=} answers at once, with
   * what is stored) and ends the event streams; idempotent.
   */
  @Override
  public void close() {
    feed.releaseWaiters();
    events.closeAll();
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping is best effort; the process exits next.
    }
    timers.shutdownNow();
    work.shutdown();
    try {
      work.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures a {@link WebServer}. */
  public static final class Builder {
    private RenderWatch engine;
    private JobStore store;
    private JobFeed feed;
    private ServeMetrics metrics;
    private String webhookSecret;
    private Optional<String> token = Optional.empty();
    private String host = "127.0.0.1";
    private int port = 8080;
    private BooleanSupplier ready = () -> true;
    private OutputArchive archive = NO_ARCHIVE;
    private int maxThreads = 16;
    private int workThreads = 4;

    private Builder() {}

    /** The engine whose use cases the endpoints call (required). */
    public Builder engine(RenderWatch value) {
      this.engine = Objects.requireNonNull(value, "engine == null");
      return this;
    }

    /** The store the jobs are answered and listed from (required; the engine's own). */
    public Builder store(JobStore value) {
      this.store = Objects.requireNonNull(value, "store == null");
      return this;
    }

    /** The feed the engine's listener is (required). */
    public Builder feed(JobFeed value) {
      this.feed = Objects.requireNonNull(value, "feed == null");
      return this;
    }

    /** The metrics, whose counting source the engine polls through (required). */
    public Builder metrics(ServeMetrics value) {
      this.metrics = Objects.requireNonNull(value, "metrics == null");
      return this;
    }

    /** The secret path segment of the webhook URL (required, not blank). */
    public Builder webhookSecret(String value) {
      Objects.requireNonNull(value, "webhookSecret == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException("webhookSecret is blank");
      }
      this.webhookSecret = value;
      return this;
    }

    /** The bearer token every endpoint but health and the webhook needs (default: none). */
    public Builder token(Optional<String> value) {
      this.token = Objects.requireNonNull(value, "token == null").filter(t -> !t.isEmpty());
      return this;
    }

    /** The address to bind (default 127.0.0.1). */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host == null");
      return this;
    }

    /** The port, 0 for a free one (default 8080). */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + value);
      }
      this.port = value;
      return this;
    }

    /** Whether the database answers, for {@code /readyz} (default: always). */
    public Builder readiness(BooleanSupplier value) {
      this.ready = Objects.requireNonNull(value, "readiness == null");
      return this;
    }

    /**
     * The records of archived files: a completed job's object then lists its local files, as
     * {@code show --json} does (default: none).
     */
    public Builder archive(OutputArchive value) {
      this.archive = Objects.requireNonNull(value, "archive == null");
      return this;
    }

    /** Returns the server, not yet started. */
    public WebServer build() {
      if (engine == null || store == null || feed == null || metrics == null
          || webhookSecret == null) {
        throw new IllegalStateException("engine, store, feed, metrics and webhookSecret are"
            + " required");
      }
      return new WebServer(this);
    }
  }
}
