package io.renderwatch.demo;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Results as the command reports them: a completed, a failed and an errored job. */
final class Results {

  static final JobId COMPLETED = JobId.parse("18e430bb-1511-42d2-8c6f-7cbf58dba57f");
  static final JobId FAILED = JobId.parse("a98f8b20-0a49-4ee2-8432-5f892f78dc16");
  static final JobId ERROR = JobId.parse("5c6941a7-29fe-4efb-adb7-f2a567a3a0af");
  static final String VIDEO = "https://cdn.renderwatch.invalid/renders/" + COMPLETED
      + "/video.mp4";

  private Results() {}

  static JobResult completed() {
    return JobResult.of(JobSnapshot.of(COMPLETED, new JobState.Completed(RenderOutput.builder()
        .videoUrl(URI.create(VIDEO))
        .videoDuration(RenderOutput.seconds(63.5))
        .encodingDuration(RenderOutput.seconds(41.25))
        .build()), Instant.EPOCH));
  }

  static JobResult failed() {
    return JobResult.of(JobSnapshot.of(FAILED, new JobState.Failed("4001", "Invalid voice name"),
        Instant.EPOCH));
  }

  static JobResult error() {
    return JobResult.error(ERROR, new WatchEndedException(WatchEndedException.Reason.TIMEOUT,
        ERROR, null, "Watch of " + ERROR + " ended (timeout): no outcome within 2m", null));
  }

  static List<JobResult> all() {
    return List.of(completed(), failed(), error());
  }
}
