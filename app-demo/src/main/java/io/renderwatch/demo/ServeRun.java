package io.renderwatch.demo;

import io.renderwatch.core.engine.JobWatch;
import io.renderwatch.web.JobFeed;
import io.renderwatch.web.ServeMetrics;
import io.renderwatch.web.WebServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code serve}: opens the store and the source, resumes the registered watches,
 * serves until SIGTERM or SIGINT, then stops accepting, answers what is in flight, releases this
 * instance's leases and exits 0. Every third of a lease it claims the watches whose holder died.
 */
final class ServeRun {

  private static final Logger LOG = LoggerFactory.getLogger(ServeRun.class);

  private final Cli cli;
  private final ServeCommand.Settings settings;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private java.util.Optional<ServeArchiveOptions.Target> archive = java.util.Optional.empty();

  ServeRun(Cli cli, ServeCommand.Settings settings) {
    this.cli = cli;
    this.settings = settings;
  }

  /** Archives each completed job's files into the target, when given (serve --archive). */
  ServeRun archiving(java.util.Optional<ServeArchiveOptions.Target> target) {
    archive = target;
    return this;
  }

  int run() {
    HeldStderr held = cli.process() ? HeldStderr.install(cli.err()) : null;
    try {
      return serve(held);
    } finally {
      if (held != null) {
        held.release();
      }
    }
  }

  private int serve(HeldStderr held) {
    JobFeed feed = new JobFeed();
    ServeMetrics metrics = new ServeMetrics();
    ServeArchiving archiving = archive.map(t -> new ServeArchiving(t.dir(), t.maxBytes(),
        cli.err())).orElse(null);
    Wiring wiring = Wiring.online(settings.db(), settings.apiKey(), settings.baseUrl(),
        settings.policy(), archiving == null ? feed : event -> {
          feed.onEvent(event);
          archiving.onEvent(event);
        }, metrics::counting, true);
    WebServer server;
    String secret;
    try {
      secret = settings.webhookSecret().orElseGet(() -> wiring.stores()
          .setting(ServeCommand.SECRET_SETTING, ServeCommand::randomSecret));
      server = WebServer.builder().engine(wiring.engine()).store(wiring.store()).feed(feed)
          .metrics(metrics).webhookSecret(secret).token(settings.token())
          .host(settings.host()).port(settings.port()).readiness(wiring::ready).archive(wiring.archive()).build();
      server.start();
    } catch (IllegalStateException e) {
      wiring.close();
      throw new UsageException(Main.firstLine(e.getMessage())
          + "; choose another --port (0 picks a free one)", Main.ERROR);
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
    String local = "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]"
        : settings.host()) + ":" + server.port();
    cli.err().println("renderwatch serve: listening on " + local);
    cli.err().println("renderwatch serve: give Pictory the webhook URL "
        + ServeCommand.webhookUrl(settings.publicUrl().orElse(local), ServeCommand.masked(secret))
        + " (the whole URL: serve --print-webhook-url)");
    if (!settings.apiKey().startsWith("pictai_")) {
      cli.err().println("renderwatch serve: the API key does not start with \"pictai_\" as"
          + " Pictory API keys do; using it anyway. Check that it is the right value.");
    }
    cli.err().flush();
    if (held != null) {
      held.release();
    }
    ScheduledExecutorService claims = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "renderwatch-serve-claims");
      thread.setDaemon(true);
      return thread;
    });
    Runnable claim = () -> {
      try {
        for (JobWatch watch : wiring.engine().takeOver(feed)) {
          LOG.debug("Watching {} (resumed or taken over)", watch.jobId());
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not claim the unfinished watches: {}", Main.firstLine(e.getMessage()));
      }
    };
    try {
      wiring.engine().resume(feed);
    } catch (RuntimeException e) {
      LOG.warn("Could not resume the unfinished watches: {}", Main.firstLine(e.getMessage()));
    }
    if (archiving != null) {
      cli.err().println("renderwatch serve: archiving completed jobs' files into "
          + archive.get().dir());
      archiving.start(wiring, Wiring.ownerFor(settings.db()), settings.policy().lease());
    }
    long every = Math.max(200, settings.policy().lease().toMillis() / 3);
    claims.scheduleWithFixedDelay(claim, every, every, TimeUnit.MILLISECONDS);
    Runnable stop = () -> {
      claims.shutdownNow();
      if (archiving != null) {
        archiving.close();
      }
      server.close();
      wiring.close();
      cli.err().println("renderwatch serve: stopped; this instance's watches were handed back");
      cli.err().flush();
      stopped.countDown();
    };
    if (cli.process()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.run();
        // SIGTERM and SIGINT are the normal way to stop the service: exit 0, not 143 or 130.
        Runtime.getRuntime().halt(Main.OK);
      }, "renderwatch-serve-stop"));
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.run();
    }
    return Main.OK;
  }
}
