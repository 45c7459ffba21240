package io.renderwatch.web;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.json.JobObject;
import io.renderwatch.core.json.JsonObject;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Links;
import java.net.URI;
import java.time.Instant;
import io.renderwatch.core.archive.ArchivedFile;
import java.util.List;
import java.util.Optional;

/**
 * The job object of SERVE.md: core's {@link JobObject} (what {@code watch --json} and
 * {@code show --json} print), plus, for a job watched but not observed yet, a pending object.
 */
final class JobJson {

  static final String COMPLETED = JobObject.COMPLETED;
  static final String FAILED = JobObject.FAILED;
  static final String ERROR = JobObject.ERROR;
  static final String IN_PROGRESS = JobObject.IN_PROGRESS;

  private JobJson() {}

  /** The object of a stored or observed snapshot. */
  static String of(JobSnapshot snapshot, Optional<Instant> estimatedCompletion) {
    return JobObject.of(snapshot, estimatedCompletion);
  }

  /**
   * A completed job's object with the files archived for it, as {@code show --json} prints
   * them: {@code files}, a list of {@code {field, path, bytes, sha256, status}}; unchanged when
   * none is.
   */
  static String withFiles(String jobJson, List<ArchivedFile> files) {
    return JobObject.withFiles(jobJson, files);
  }

  /** The object of a watch that ended without a render outcome. */
  static String error(JobId id, WatchEndedException ended) {
    return JobObject.error(id, ended.reason().errorCode(), ended.getMessage());
  }

  /** The object of a job that is watched but not observed yet. */
  static String pending(JobId id) {
    return new JsonObject().put("job_id", id.toString()).put("status", IN_PROGRESS)
        .put("stage", "waiting for the first answer").toString();
  }

  static String status(JobState state) {
    return JobObject.status(state);
  }

  /** Provider text with control characters replaced. */
  static String clean(String text) {
    return JobObject.clean(text);
  }

  static boolean isSafe(URI uri) {
    return Links.isSafe(uri);
  }
}
