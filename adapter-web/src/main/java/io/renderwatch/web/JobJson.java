package io.renderwatch.web;

import io.renderwatch.core.engine.WatchEndedException;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.model.Links;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import io.renderwatch.core.archive.ArchivedFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The job object of SERVE.md: the names and values {@code watch --json} and {@code show --json}
 * print, plus {@code progress} and {@code stage} (and, when the engine can tell,
 * {@code estimated_completion}) for a job still in progress.
 */
final class JobJson {

  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String ERROR = "error";
  static final String IN_PROGRESS = "in-progress";

  private JobJson() {}

  /** The object of a stored or observed snapshot. */
  static String of(JobSnapshot snapshot, Optional<Instant> estimatedCompletion) {
    JobState state = snapshot.state();
    JsonWriter json = new JsonWriter().put("job_id", snapshot.id().toString())
        .put("status", status(state));
    if (state instanceof JobState.Completed completed) {
      RenderOutput o = completed.output();
      json.put("videoURL", safeUrl(o.videoUrl()).orElse(null))
          .put("videoShareURL", safeUrl(o.videoShareUrl()).orElse(null))
          .put("videoEmbedURL", safeUrl(o.videoEmbedUrl()).orElse(null))
          .put("audioURL", safeUrl(o.audioUrl()).orElse(null))
          .put("thumbnail", safeUrl(o.thumbnail()).orElse(null))
          .put("srtFile", safeUrl(o.srtFile()).orElse(null))
          .put("txtFile", safeUrl(o.txtFile()).orElse(null))
          .put("vttFile", safeUrl(o.vttFile()).orElse(null))
          .put("videoDuration", seconds(o.videoDuration()))
          .put("encodingDuration", seconds(o.encodingDuration()));
    } else if (state instanceof JobState.Failed failed) {
      json.put("error_code", failed.errorCode()).put("error_message", failed.errorMessage());
    } else {
      json.put("stage", stage(state));
      if (state instanceof JobState.Running running) {
        json.put("progress", running.progress());
      }
      estimatedCompletion.ifPresent(at -> json.put("estimated_completion", at.toString()));
    }
    return json.toString();
  }

  /**
   * A completed job's object with the files archived for it, as {@code show --json} prints
   * them: {@code files}, a list of {@code {field, path, bytes, sha256, status}}; unchanged when
   * none is.
   */
  static String withFiles(String jobJson, List<ArchivedFile> files) {
    if (files.isEmpty()) {
      return jobJson;
    }
    StringBuilder items = new StringBuilder();
    for (ArchivedFile f : files) {
      JsonWriter file = new JsonWriter().put("field", f.file().field());
      if (f.gone()) {
        file.put("path", (String) null).put("status", "gone");
      } else {
        file.put("path", f.path().toString()).put("bytes", f.bytes()).put("sha256", f.sha256())
            .put("status", "archived");
      }
      items.append(items.length() == 0 ? "" : ",").append(file);
    }
    return jobJson.substring(0, jobJson.length() - 1) + ",\"files\":[" + items + "]}";
  }

  /** The object of a watch that ended without a render outcome. */
  static String error(JobId id, WatchEndedException ended) {
    return new JsonWriter().put("job_id", id.toString()).put("status", ERROR)
        .put("error_code", ended.reason().errorCode())
        .put("error_message", clean(ended.getMessage()))
        .toString();
  }

  /** The object of a job that is watched but not observed yet. */
  static String pending(JobId id) {
    return new JsonWriter().put("job_id", id.toString()).put("status", IN_PROGRESS)
        .put("stage", "waiting for the first answer").toString();
  }

  static String status(JobState state) {
    switch (state.kind()) {
      case COMPLETED:
        return COMPLETED;
      case FAILED:
        return FAILED;
      default:
        return IN_PROGRESS;
    }
  }

  /** The stage text, as the command shows it. */
  static String stage(JobState state) {
    if (state instanceof JobState.Running running) {
      return running.progress() + "% " + clean(running.message()).strip();
    }
    if (state instanceof JobState.Unrecognized unrecognized) {
      return "status " + clean(unrecognized.status());
    }
    return state.kind().name().toLowerCase(Locale.ROOT);
  }

  /** Provider text with control characters replaced. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }

  /** A URL from a response, shown only when it is https, or http to a loopback host. */
  static Optional<String> safeUrl(Optional<URI> uri) {
    return Links.safe(uri);
  }

  static boolean isSafe(URI uri) {
    return Links.isSafe(uri);
  }

  private static Double seconds(Optional<Duration> duration) {
    return duration.map(RenderOutput::toSeconds).orElse(null);
  }
}
