package io.renderwatch.demo;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.json.JobObject;
import io.renderwatch.core.json.JsonObject;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the command reports about one job: a stored or final snapshot, or a watch that ended in
 * error.
 *
 * @param id the job
 * @param status {@code completed}, {@code failed}, {@code error} or {@code in-progress}
 * @param snapshot the job's state, when known
 * @param errorCode for {@code error}: why the watch ended, in CLI.md's names
 * @param errorMessage for {@code error}: the explanation
 */
record JobResult(JobId id, String status, Optional<JobSnapshot> snapshot, String errorCode,
    String errorMessage) {

  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String ERROR = "error";
  static final String IN_PROGRESS = "in-progress";

  /** A result from a snapshot (stored or final). */
  static JobResult of(JobSnapshot snapshot) {
    String status;
    switch (snapshot.state().kind()) {
      case COMPLETED:
        status = COMPLETED;
        break;
      case FAILED:
        status = FAILED;
        break;
      default:
        status = IN_PROGRESS;
    }
    return new JobResult(snapshot.id(), status, Optional.of(snapshot), "", "");
  }

  /** A watch that ended without a render outcome. */
  static JobResult error(JobId id, WatchEndedException ended) {
    return new JobResult(id, ERROR, ended.lastKnown(),
        ended.reason().errorCode(), Text.clean(ended.getMessage()));
  }

  /** An unfinished job described by a stage text only (after an interrupt). */
  JobResult withStage(String stage) {
    return new JobResult(id, status, snapshot, "", stage);
  }

  /** The exit code of a set of watch results (CLI.md): 3 if any error, else 1 if any failure. */
  static int exitCode(List<JobResult> results) {
    boolean failed = false;
    for (JobResult r : results) {
      if (r.status.equals(ERROR)) {
        return 3;
      }
      failed |= r.status.equals(FAILED);
    }
    return failed ? 1 : 0;
  }

  /** One NDJSON line with CLI.md's field names: core's job object. */
  String toJson() {
    JobState state = snapshot.map(JobSnapshot::state).orElse(null);
    if (status.equals(ERROR)) {
      return JobObject.error(id, errorCode, errorMessage);
    }
    if (state == null || !status.equals(JobObject.status(state))) {
      return new JsonObject().put("job_id", id.toString()).put("status", status).toString();
    }
    return JobObject.of(snapshot.get(), Optional.empty());
  }

  /**
   * The one most useful detail for people: a completed job's video link, a failed job's code and
   * message, why a watch ended in error, an unfinished job's stage.
   */
  String detail() {
    JobState state = snapshot.map(JobSnapshot::state).orElse(null);
    if (status.equals(COMPLETED) && state instanceof JobState.Completed completed) {
      return Text.safeUrl(completed.output().videoUrl()).orElse("");
    }
    if (status.equals(FAILED) && state instanceof JobState.Failed failed) {
      return Text.clean(failed.errorCode() + ": " + failed.errorMessage());
    }
    if (status.equals(ERROR)) {
      return reason(errorCode, errorMessage);
    }
    return state == null ? errorMessage : stage(state);
  }

  /** A completed job's video length. */
  Optional<Duration> videoLength() {
    return output().flatMap(RenderOutput::videoDuration);
  }

  /** How long a completed job's render took, as the API reports it. */
  Optional<Duration> renderTime() {
    return output().flatMap(RenderOutput::encodingDuration);
  }

  private Optional<RenderOutput> output() {
    return snapshot.map(JobSnapshot::state).filter(JobState.Completed.class::isInstance)
        .map(s -> ((JobState.Completed) s).output());
  }

  /**
   * Why a watch ended, for people: the reason's code and the engine's explanation without its
   * {@code Watch of <id> ended (<code>): } preamble, which repeats the row's id and code.
   */
  static String reason(String code, String message) {
    String text = Text.clean(message);
    String preamble = "ended (" + code + "): ";
    int at = text.indexOf(preamble);
    if (text.startsWith("Watch of ") && at >= 0) {
      text = text.substring(at + preamble.length());
    }
    return text.isBlank() ? code : code + ": " + text.strip();
  }

  static String stage(JobState state) {
    if (state instanceof JobState.Running running) {
      return running.progress() + "% " + Text.clean(running.message()).strip();
    }
    if (state instanceof JobState.Unrecognized unrecognized) {
      return "status " + Text.printable(unrecognized.status());
    }
    return state.kind().name().toLowerCase(Locale.ROOT);
  }


}
