package io.renderwatch.testkit.http;

import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Pictory's response bodies, written by hand: compact JSON, keys in the documented order. */
final class PictoryJson {

  /** The body of a 401. */
  static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

  private PictoryJson() {}

  /** The body for a job's state, as {@code GET /pictoryapis/v1/jobs/{jobid}} answers it. */
  static String state(String jobId, JobState state) {
    if (state instanceof JobState.Queued) {
      return envelope(jobId, true, "{\"status\":\"in-progress\"}");
    }
    if (state instanceof JobState.Running running) {
      return envelope(jobId, true, "{\"status\":\"in-progress\",\"renderProgress\":"
          + running.progress() + ",\"renderProgressMessage\":" + quote(running.message())
          + ",\"renderState\":" + quote(running.renderState()) + "}");
    }
    if (state instanceof JobState.Completed completed) {
      return envelope(jobId, true, completedData(completed.output()));
    }
    if (state instanceof JobState.Failed failed) {
      return failed(jobId, failed.errorCode(), failed.errorMessage());
    }
    if (state instanceof JobState.Cleaned) {
      return envelope(jobId, true, "{\"status\":\"cleaned\"}");
    }
    JobState.Unrecognized unknown = (JobState.Unrecognized) state;
    return envelope(jobId, true, "{\"status\":" + quote(unknown.status()) + "}");
  }

  /** Pictory's answer for an unknown job: a failed-looking body with 5000 / JOB_NOT_FOUND. */
  static String notFound(String jobId) {
    return failed(jobId, "5000", "JOB_NOT_FOUND");
  }

  /** A body with a status this version does not know. */
  static String unknownStatus(String jobId, String status) {
    return envelope(jobId, true, "{\"status\":" + quote(status) + "}");
  }

  /** A body that breaks off in the middle of a literal. */
  static String malformed(String jobId) {
    return "{\"job_id\": " + quote(jobId) + ", \"success\": tr";
  }

  /** A small JSON error body such as {@code {"message":"Not Found"}}. */
  static String message(String text) {
    return "{\"message\":" + quote(text) + "}";
  }

  /** Fractional seconds as an exact JSON number ({@code 63.5}, {@code 60}). */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }

  /** A JSON string literal, escaped as the command's own JSON output is. */
  static String quote(String text) {
    return io.renderwatch.core.json.JsonObject.quote(text);
  }


  private static String failed(String jobId, String code, String message) {
    return envelope(jobId, false, "{\"status\":\"failed\",\"error_code\":" + quote(code)
        + ",\"error_message\":" + quote(message) + "}");
  }

  private static String completedData(RenderOutput output) {
    StringBuilder data = new StringBuilder("{\"status\":\"completed\",\"progress\":100");
    url(data, "videoURL", output.videoUrl());
    url(data, "videoShareURL", output.videoShareUrl());
    url(data, "videoEmbedURL", output.videoEmbedUrl());
    url(data, "audioURL", output.audioUrl());
    url(data, "thumbnail", output.thumbnail());
    url(data, "srtFile", output.srtFile());
    url(data, "txtFile", output.txtFile());
    url(data, "vttFile", output.vttFile());
    output.videoDuration().ifPresent(d -> data.append(",\"videoDuration\":").append(seconds(d)));
    output.encodingDuration()
        .ifPresent(d -> data.append(",\"encodingDuration\":").append(seconds(d)));
    data.append(",\"aiCreditsUsed\":").append(creditsFor(output.videoDuration()));
    return data.append('}').toString();
  }

  /** One AI credit per started minute of video, as a plausible stand-in for Pictory's figure. */
  static long creditsFor(Optional<Duration> videoDuration) {
    long seconds = videoDuration.map(d -> d.getSeconds() + (d.getNano() > 0 ? 1 : 0)).orElse(0L);
    return Math.max(1, (seconds + 59) / 60);
  }

  private static void url(StringBuilder data, String name, Optional<URI> value) {
    value.ifPresent(uri -> data.append(",\"").append(name).append("\":")
        .append(quote(uri.toString())));
  }

  private static String envelope(String jobId, boolean success, String data) {
    return "{\"job_id\":" + quote(jobId) + ",\"success\":" + success + ",\"data\":" + data + "}";
  }
}
