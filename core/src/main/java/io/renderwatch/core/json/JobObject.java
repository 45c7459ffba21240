package io.renderwatch.core.json;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.Links;
import io.renderwatch.core.model.RenderOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The job object that {@code watch --json}, {@code show --json} and {@code serve} print: the
 * same names and values everywhere, output links only when {@linkplain Links#safe safe}.
 */
public final class JobObject {

  /** The status of a completed render. */
  public static final String COMPLETED = "completed";
  /** The status of a failed render. */
  public static final String FAILED = "failed";
  /** The status of a watch that ended without a render outcome. */
  public static final String ERROR = "error";
  /** The status of a job still rendering. */
  public static final String IN_PROGRESS = "in-progress";

  private static final int STATUS_SHOWN = 60;

  private JobObject() {}

  /**
   * The object of a stored or observed snapshot; a job still in progress also gets
   * {@code stage}, {@code progress} while rendering, and {@code estimated_completion} when given.
   */
  public static String of(JobSnapshot snapshot, Optional<Instant> estimatedCompletion) {
    JobState state = snapshot.state();
    JsonObject json = new JsonObject().put("job_id", snapshot.id().toString())
        .put("status", status(state));
    if (state instanceof JobState.Completed completed) {
      RenderOutput o = completed.output();
      json.put("videoURL", Links.safe(o.videoUrl()).orElse(null))
          .put("videoShareURL", Links.safe(o.videoShareUrl()).orElse(null))
          .put("videoEmbedURL", Links.safe(o.videoEmbedUrl()).orElse(null))
          .put("audioURL", Links.safe(o.audioUrl()).orElse(null))
          .put("thumbnail", Links.safe(o.thumbnail()).orElse(null))
          .put("srtFile", Links.safe(o.srtFile()).orElse(null))
          .put("txtFile", Links.safe(o.txtFile()).orElse(null))
          .put("vttFile", Links.safe(o.vttFile()).orElse(null))
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
   * A stored job's object with the files archived for it, as {@code show --json} and serve's
   * job object print them: {@code files}, a list of {@code {field, path, bytes, sha256,
   * status}}; the object unchanged when no file is recorded.
   */
  public static String withFiles(String jobObject, java.util.List<ArchivedFile> files) {
    if (files.isEmpty()) {
      return jobObject;
    }
    StringBuilder items = new StringBuilder();
    for (ArchivedFile f : files) {
      JsonObject file = new JsonObject().put("field", f.file().field());
      if (f.gone()) {
        file.put("path", (String) null).put("status", "gone");
      } else {
        file.put("path", f.path().toString()).put("bytes", f.bytes()).put("sha256", f.sha256())
            .put("status", "archived");
      }
      items.append(items.length() == 0 ? "" : ",").append(file);
    }
    return jobObject.substring(0, jobObject.length() - 1) + ",\"files\":[" + items + "]}";
  }

  /** The object of a watch that ended without a render outcome ({@code status: error}). */
  public static String error(JobId id, String errorCode, String errorMessage) {
    return new JsonObject().put("job_id", id.toString()).put("status", ERROR)
        .put("error_code", errorCode).put("error_message", clean(errorMessage)).toString();
  }

  /** The status name of a state: completed, failed or in-progress. */
  public static String status(JobState state) {
    switch (state.kind()) {
      case COMPLETED:
        return COMPLETED;
      case FAILED:
        return FAILED;
      default:
        return IN_PROGRESS;
    }
  }

  /** The stage text of a job in progress, as the command shows it. */
  public static String stage(JobState state) {
    if (state instanceof JobState.Running running) {
      return running.progress() + "% " + clean(running.message()).strip();
    }
    if (state instanceof JobState.Unrecognized unrecognized) {
      return "status " + shortened(unrecognized.status());
    }
    return state.kind().name().toLowerCase(Locale.ROOT);
  }

  /** Provider text with control characters replaced by blanks; {@code null} is empty. */
  public static String clean(String text) {
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

  /** A provider's status name: control characters as {@code ?}, cut at 60 characters. */
  private static String shortened(String text) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(text.length(), STATUS_SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > STATUS_SHOWN) {
      out.append('…');
    }
    return out.toString();
  }

  private static Double seconds(Optional<Duration> duration) {
    return duration.map(RenderOutput::toSeconds).orElse(null);
  }
}
