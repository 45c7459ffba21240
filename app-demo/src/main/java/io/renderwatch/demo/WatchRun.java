package io.renderwatch.demo;

import io.renderwatch.core.engine.JobWatch;
import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code watch}: opens everything, watches, prints each result once it is stored,
 * and on Ctrl-C (a real process only) stops polling, keeps the registrations and prints what is
 * known.
 */
final class WatchRun {

  private static final Logger LOG = LoggerFactory.getLogger(WatchRun.class);

  private final Cli cli;
  private final WatchCommand.Settings settings;
  private final Object lock = new Object();
  private final Map<JobId, JobResult> results = new LinkedHashMap<>();
  private final Set<JobId> watched = new LinkedHashSet<>();
  private boolean interrupted;
  private boolean finishing;
  private Progress progress;
  private Table.Layout layout = Table.Layout.plain();
  private Wiring wiring;
  private WatchArchiving archiving;

  WatchRun(Cli cli, WatchCommand.Settings settings) {
    this.cli = cli;
    this.settings = settings;
  }

  /** Archives each job's files as it completes (watch --archive). */
  void archiveInto(java.nio.file.Path dir) {
    archiving = new WatchArchiving(dir);
  }

  int run() {
    wiring = Wiring.online(settings.db(), settings.apiKey(), settings.baseUrl(),
        settings.policy());
    layout = settings.json() ? Table.Layout.plain() : Screen.table(cli);
    progress = Progress.create(cli.err(), cli.env(), cli.process());
    if (archiving != null) {
      archiving.start(wiring, progress);
    }
    Thread hook = null;
    try {
      if (cli.process()) {
        hook = new Thread(this::onInterrupt, "renderwatch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
      }
      List<JobWatch> watches = start();
      if (watches.isEmpty() && !settings.follow()) {
        progress.close();
        cli.err().println("Nothing to watch: no unfinished watch is registered in "
            + settings.db() + ".");
        return Main.OK;
      }
      List<CompletableFuture<JobSnapshot>> futures = new ArrayList<>();
      for (JobWatch watch : watches) {
        // Wait for the callbacks, not only the results, so that every result is recorded.
        futures.add(watch.result().whenComplete(
            (snapshot, error) -> ended(watch.jobId(), snapshot, error)));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .exceptionally(error -> null).join();
      if (settings.follow()) {
        follow(futures);
      }
      synchronized (lock) {
        if (interrupted) {
          return Main.INTERRUPTED;
        }
        finishing = true;
      }
      int archived = archiving == null ? Main.OK : archiving.finish();
      progress.close();
      List<JobResult> all = new ArrayList<>();
      synchronized (lock) {
        for (JobId id : watched) {
          JobResult result = results.get(id);
          if (result != null) {
            all.add(result);
          }
        }
      }
      if (!settings.json()) {
        cli.out().print(Table.render(all, layout));
      }
      cli.out().flush();
      cli.err().println(summary(all));
      return Math.max(JobResult.exitCode(all), archived);
    } finally {
      synchronized (lock) {
        finishing = true;
      }
      if (hook != null && !interrupted) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook runs anyway.
        }
      }
      if (!interrupted) {
        wiring.close();
      }
    }
  }

  /** The store the run used, while it is open (for the demo's offline lookup). */
  Wiring wiring() {
    return wiring;
  }

  private List<JobWatch> start() {
    List<JobWatch> watches = new ArrayList<>();
    Set<JobId> resumed = new LinkedHashSet<>();
    if (settings.resume()) {
      for (JobWatch watch : wiring.engine().resume(outcomes())) {
        resumed.add(watch.jobId());
        watches.add(watch);
      }
      progress.note(resumed.isEmpty() ? "No unfinished watch to resume."
          : "Resuming " + resumed.size() + " unfinished watch" + (resumed.size() == 1 ? "" : "es")
              + ".");
    }
    List<JobId> fresh = new ArrayList<>();
    for (JobId id : settings.ids()) {
      if (!resumed.contains(id)) {
        fresh.add(id);
      }
    }
    synchronized (lock) {
      watched.addAll(resumed);
      watched.addAll(fresh);
    }
    for (JobId id : watched) {
      progress.track(id);
    }
    watches.addAll(wiring.engine().watchAll(fresh, settings.options(), outcomes()));
    return watches;
  }

  /**
   * --follow: until no registered watch is left, claim again every third of a lease, so the
   * watches of a process that died are taken over once its lease has run out.
   */
  private void follow(List<CompletableFuture<JobSnapshot>> futures) {
    long pause = Math.max(200, settings.policy().lease().toMillis() / 3);
    while (!isInterrupted() && !wiring.registry().unfinished().isEmpty()) {
      // Live registrations only: --follow never restarts a watch that ended on its own.
      for (JobWatch watch : wiring.engine().takeOver(outcomes())) {
        synchronized (lock) {
          watched.add(watch.jobId());
        }
        progress.track(watch.jobId());
        futures.add(watch.result().whenComplete(
            (snapshot, error) -> ended(watch.jobId(), snapshot, error)));
      }
      CompletableFuture<?> all = CompletableFuture.allOf(
          futures.toArray(new CompletableFuture<?>[0])).exceptionally(error -> null);
      try {
        all.get(pause, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        // Claim again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .exceptionally(error -> null).join();
  }

  private boolean isInterrupted() {
    synchronized (lock) {
      return interrupted;
    }
  }

  /**
   * The listener each watch starts with: the bars, then the result line. The engine tells a
   * watch's listener how it ended before it marks the registration finished, so a result is
   * printed before a crash could make a resume skip it; the result future may be completed
   * before this run has attached to it.
   */
  private WatchListener outcomes() {
    return event -> {
      progress.onEvent(event);
      if (event instanceof WatchEvent.Completed completed) {
        ended(completed.jobId(), completed.snapshot(), null);
      } else if (event instanceof WatchEvent.Failed failed) {
        ended(failed.jobId(), failed.snapshot(), null);
      } else if (event instanceof WatchEvent.Ended end) {
        ended(end.jobId(), null, end.reason());
      }
    };
  }

  /** Records and prints a job's result, once (the listener and the future both report it). */
  private void ended(JobId id, JobSnapshot snapshot, Throwable error) {
    synchronized (lock) {
      if (results.containsKey(id)) {
        return;
      }
    }
    JobResult result;
    if (snapshot != null) {
      result = JobResult.of(snapshot);
    } else {
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (!(cause instanceof WatchEndedException ended)) {
        LOG.warn("The watch of {} failed unexpectedly", id, cause);
        return;
      }
      if (ended.reason() == WatchEndedException.Reason.CLOSED) {
        return;
      }
      result = JobResult.error(id, ended);
    }
    synchronized (lock) {
      if (interrupted || results.putIfAbsent(id, result) != null) {
        return;
      }
      if (archiving != null && snapshot != null) {
        archiving.submit(snapshot);
      }
      if (settings.json()) {
        cli.out().println(result.toJson());
        cli.out().flush();
      }
    }
  }

  /** Ctrl-C: stop polling at once, keep the registrations, print what is known. */
  private void onInterrupt() {
    synchronized (lock) {
      if (finishing) {
        return;
      }
      interrupted = true;
    }
    try {
      wiring.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing after an interrupt failed", e);
    }
    progress.close();
    List<JobResult> known = new ArrayList<>();
    int unfinished = 0;
    synchronized (lock) {
      for (JobId id : watched) {
        JobResult done = results.get(id);
        if (done != null) {
          known.add(done);
        } else {
          unfinished++;
          Progress.Row row = progress.rows.get(id);
          known.add(new JobResult(id, JobResult.IN_PROGRESS, java.util.Optional.empty(), "", "")
              .withStage(row == null ? "" : row.phase.label()
                  + (row.percent > 0 ? " " + row.percent + "%" : "")));
        }
      }
    }
    if (!settings.json()) {
      cli.out().print(Table.render(known, layout));
    }
    cli.out().flush();
    String message = "Interrupted: stopped polling. " + unfinished + " unfinished watch"
        + (unfinished == 1 ? " stays" : "es stay") + " registered; run 'renderwatch watch"
        + " --resume' with the same --db to continue.";
    for (String line : Text.wrap(message, 78)) {
      cli.err().println(line);
    }
    cli.err().flush();
  }

  static String summary(List<JobResult> all) {
    int completed = 0;
    int failed = 0;
    int errors = 0;
    for (JobResult r : all) {
      switch (r.status()) {
        case JobResult.COMPLETED:
          completed++;
          break;
        case JobResult.FAILED:
          failed++;
          break;
        default:
          errors++;
      }
    }
    return all.size() + " job" + (all.size() == 1 ? "" : "s") + ": " + completed
        + " completed, " + failed + " failed, " + errors + " ended in error.";
  }
}
