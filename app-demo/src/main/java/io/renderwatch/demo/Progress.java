package io.renderwatch.demo;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.port.SourceException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shows people how the watched jobs are doing, on stderr: live bars on a terminal
 * ({@link TerminalProgress}), otherwise one plain line per change.
 */
class Progress implements WatchListener, AutoCloseable {

  /** What is shown about one job. */
  static final class Row {
    final JobId id;
    final Instant since;
    String phase = "waiting";
    int percent;
    String stage = "";
    Optional<Instant> eta = Optional.empty();
    boolean done;
    boolean failed;

    Row(JobId id, Instant since) {
      this.id = id;
      this.since = since;
    }
  }

  final PrintStream err;
  final Clock clock;
  final Map<JobId, Row> rows = new LinkedHashMap<>();

  Progress(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  /** Live bars when stderr is an interactive terminal, else plain lines. */
  static Progress create(PrintStream err, Map<String, String> env, boolean interactive) {
    String term = env.getOrDefault("TERM", "");
    if (interactive && System.console() != null && !term.isEmpty() && !term.equals("dumb")) {
      Progress live = TerminalProgress.tryCreate(err, Clock.systemUTC());
      if (live != null) {
        return live;
      }
    }
    return new Progress(err, Clock.systemUTC());
  }

  /** Announces the jobs about to be watched, in order. */
  synchronized void track(JobId id) {
    rows.computeIfAbsent(id, key -> new Row(key, clock.instant()));
  }

  /** A message for people, not about one job. */
  synchronized void note(String message) {
    err.println(message);
    err.flush();
  }

  @Override
  public synchronized void onEvent(WatchEvent event) {
    Row row = rows.computeIfAbsent(event.jobId(), key -> new Row(key, clock.instant()));
    String line = apply(row, event);
    if (line != null) {
      changed(row, line);
    }
  }

  /** Updates the row; returns the plain line describing the change, or null for none. */
  String apply(Row row, WatchEvent event) {
    if (event instanceof WatchEvent.Queued) {
      row.eta = Optional.empty();
      row.phase = "queued";
      return "queued";
    }
    if (event instanceof WatchEvent.Progressed progressed) {
      row.eta = progressed.estimatedCompletion();
      if (progressed.snapshot().state() instanceof JobState.Running running) {
        row.phase = "running";
        row.percent = running.progress();
        row.stage = Text.clean(running.message()).strip();
      }
      return "running " + row.percent + "%" + (row.stage.isEmpty() ? "" : " " + row.stage)
          + eta(row);
    }
    row.eta = Optional.empty();
    if (event instanceof WatchEvent.Unrecognized unknown) {
      row.phase = "unknown";
      return "reported an unknown status: " + JobResult.stage(unknown.snapshot().state());
    }
    if (event instanceof WatchEvent.Completed) {
      row.phase = "completed";
      row.percent = 100;
      row.done = true;
      return "completed";
    }
    if (event instanceof WatchEvent.Failed failedEvent) {
      row.phase = "failed";
      row.done = true;
      row.failed = true;
      JobState state = failedEvent.snapshot().state();
      return "failed: " + (state instanceof JobState.Failed f
          ? Text.clean(f.errorCode() + " " + f.errorMessage()) : "");
    }
    if (event instanceof WatchEvent.Anomaly anomaly) {
      return "answered inconsistently (ignored): "
          + JobResult.stage(anomaly.observed().state());
    }
    if (event instanceof WatchEvent.PollFailed failed) {
      SourceException error = failed.error();
      String kind = kindOf(error);
      String cause = error.kind() == SourceException.Kind.UNREACHABLE
          ? ": " + Text.clean(error.getMessage()) : "";
      return "poll failed (" + kind + ")" + cause + ", retrying in "
          + Durations.format(Duration.between(clock.instant(), failed.retryAt()));
    }
    if (event instanceof WatchEvent.Ended endedEvent) {
      WatchEndedException ended = endedEvent.reason();
      if (ended.reason() == WatchEndedException.Reason.CLOSED) {
        row.phase = "stopped";
        return "stopped";
      }
      row.phase = "error";
      row.done = true;
      row.failed = true;
      return "gave up: " + ended.reason().code();
    }
    return null;
  }

  /** Shows one change: here one plain line. */
  void changed(Row row, String line) {
    err.println(shortId(row.id) + "  " + line);
    err.flush();
  }

  @Override
  public void close() {}

  static String shortId(JobId id) {
    return id.toString().substring(0, 8);
  }

  String eta(Row row) {
    if (row.eta.isEmpty()) {
      return "";
    }
    Duration left = Duration.between(clock.instant(), row.eta.get());
    if (left.toMillis() < 1000) {
      return " (any moment now)";
    }
    return " (about " + Durations.format(left) + " left)";
  }

  private static String kindOf(Throwable error) {
    if (error instanceof SourceException source) {
      return source.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    return "error";
  }
}
