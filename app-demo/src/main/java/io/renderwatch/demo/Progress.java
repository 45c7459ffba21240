package io.renderwatch.demo;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.engine.WatchEvent;
import io.renderwatch.core.engine.WatchListener;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
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

  /** Where a job is, for people. */
  enum Phase {
    WAITING, QUEUED, RUNNING, UNKNOWN, COMPLETED, FAILED, ERROR, STOPPED;

    /** The word shown. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job's watch is over (stopped watches are not: they resume). */
    boolean ended() {
      return this == COMPLETED || this == FAILED || this == ERROR;
    }
  }

  /** What is shown about one job. */
  static final class Row {
    final JobId id;
    final Instant since;
    Phase phase = Phase.WAITING;
    int percent;
    /** The provider's progress message, cleaned. */
    String stage = "";
    Optional<Instant> eta = Optional.empty();
    /** For an ended job: how it ended (video length, code and message, reason). */
    String outcome = "";
    /** Until the next progress: a passing problem (a failed poll). */
    String note = "";
    Instant endedAt;

    Row(JobId id, Instant since) {
      this.id = id;
      this.since = since;
    }

    /** How long the job has been watched, frozen once it ended. */
    Duration elapsed(Instant now) {
      return Duration.between(since, endedAt == null ? now : endedAt);
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
      Progress live = TerminalProgress.tryCreate(err, Clock.systemUTC(), env);
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
    EventView view = EventView.of(event);
    Row row = rows.computeIfAbsent(view.jobId(), key -> new Row(key, clock.instant()));
    String line = apply(row, view);
    if (line != null) {
      changed(row, line);
    }
  }

  /** Updates the row; returns the plain line describing the change, or null for none. */
  String apply(Row row, EventView event) {
    Optional<JobState> state = event.state();
    row.eta = event.estimatedCompletion();
    switch (event.kind()) {
      case QUEUED:
        row.phase = Phase.QUEUED;
        row.note = "";
        return "queued";
      case PROGRESS:
        if (state.isPresent() && state.get() instanceof JobState.Running running) {
          row.phase = Phase.RUNNING;
          row.percent = running.progress();
          row.stage = Text.clean(running.message()).strip();
        }
        row.note = "";
        return "running " + row.percent + "%" + (row.stage.isEmpty() ? "" : " " + row.stage)
            + eta(row);
      case UNRECOGNIZED:
        row.phase = Phase.UNKNOWN;
        row.stage = "status " + state.map(JobResult::stage).orElse("?");
        return "reported an unknown status: " + state.map(JobResult::stage).orElse("?");
      case COMPLETED:
        end(row, Phase.COMPLETED, completedOutcome(state));
        row.percent = 100;
        return "completed" + (row.outcome.isEmpty() ? "" : ": " + row.outcome);
      case FAILED:
        end(row, Phase.FAILED, state.filter(JobState.Failed.class::isInstance)
            .map(s -> Text.clean(((JobState.Failed) s).errorCode() + ": "
                + ((JobState.Failed) s).errorMessage()))
            .orElse("the render failed"));
        return "failed: " + row.outcome;
      case ANOMALY:
        return "answered inconsistently (ignored): " + state.map(JobResult::stage).orElse("?");
      case POLL_FAILED:
        String retry = event.retryAt().map(at -> ", retrying in "
            + Durations.format(Duration.between(clock.instant(), at))).orElse("");
        row.note = event.problem() + retry;
        return "poll failed (" + event.problem() + ")" + retry;
      case ENDED:
      default:
        Optional<WatchEndedException> ended = event.ended();
        if (ended.isPresent() && ended.get().reason() == WatchEndedException.Reason.CLOSED) {
          row.phase = Phase.STOPPED;
          return "stopped";
        }
        end(row, Phase.ERROR, ended.map(e -> {
          return JobResult.reason(e.reason().errorCode(), e.getMessage());
        }).orElse("error"));
        return "error: " + row.outcome;
    }
  }

  private void end(Row row, Phase phase, String outcome) {
    row.phase = phase;
    row.outcome = outcome;
    row.note = "";
    row.eta = Optional.empty();
    row.endedAt = clock.instant();
  }

  private static String completedOutcome(Optional<JobState> state) {
    return state.filter(JobState.Completed.class::isInstance)
        .map(s -> ((JobState.Completed) s).output())
        .flatMap(RenderOutput::videoDuration)
        .map(length -> "video " + Durations.clock(length))
        .orElse("");
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
}
