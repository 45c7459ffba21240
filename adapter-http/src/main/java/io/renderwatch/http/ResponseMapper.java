package io.renderwatch.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where an answer of the jobs endpoint becomes a {@link JobSnapshot} or a
 * {@link SourceException}: HTTP status, body shape and field values. Pure and thread-safe.
 *
 * <p>Messages name statuses, content types and JSON paths, never body text or credentials.
 */
final class ResponseMapper {

  static final String NOT_FOUND_MARKER = "JOB_NOT_FOUND";

  /** Durations beyond this are nonsense, and beyond what {@link Duration} math tolerates. */
  private static final double MAX_SECONDS = 1e9;

  private final JsonAdapter<JobResponseJson> adapter =
      new Moshi.Builder().build().adapter(JobResponseJson.class);
  private final String userAgent;

  ResponseMapper(String userAgent) {
    this.userAgent = userAgent;
  }

  /** Maps one answer for the job {@code asked}; throws the failure it stands for. */
  JobSnapshot map(JobId asked, HttpAnswer answer) {
    int code = answer.code();
    boolean ok = code >= 200 && code < 300;
    Parsed parsed = answer.body() == null ? Parsed.NONE : parse(answer.body());
    JobResponseJson json = parsed.json;

    // A body about another job is never believed, whatever it says.
    boolean otherJob = json != null && json.jobId != null && !sameJob(asked, json.jobId);
    if (json != null && !otherJob && isNotFound(json)) {
      throw new SourceException(Kind.NOT_FOUND, "Pictory does not know job " + asked
          + " (HTTP " + code + ", " + NOT_FOUND_MARKER + ")");
    }
    if (ok) {
      if (answer.tooLarge()) {
        throw fail(Kind.BAD_RESPONSE, "HTTP " + code + " body for job " + asked
            + " is larger than the configured maxResponseBytes", answer);
      }
      if (answer.body() == null || answer.body().isBlank()) {
        throw fail(Kind.BAD_RESPONSE, "HTTP " + code + " for job " + asked + " has no body",
            answer);
      }
      if (json == null) {
        throw fail(Kind.BAD_RESPONSE, "HTTP " + code + " body for job " + asked
            + " is not the expected JSON (Content-Type " + answer.contentType() + "): "
            + parsed.problem, answer);
      }
      if (otherJob) {
        throw fail(Kind.BAD_RESPONSE, "HTTP " + code + " body answers for another job than "
            + asked, answer);
      }
      return new JobSnapshot(asked, state(asked, json, answer), answer.receivedAt(),
          Optional.of(answer.body()));
    }
    throw forStatus(asked, answer);
  }

  private SourceException forStatus(JobId asked, HttpAnswer answer) {
    int code = answer.code();
    String prefix = "HTTP " + code + " for job " + asked + ": ";
    if (code == 401) {
      return fail(Kind.UNAUTHORIZED, prefix + "the API key was refused; check it in your"
          + " Pictory account", answer);
    }
    if (code == 403) {
      return fail(Kind.FORBIDDEN, prefix + "access denied. Pictory sits behind Cloudflare bot"
          + " protection, which rejects some User-Agents (error 1010); this client sent \""
          + userAgent + "\". Otherwise the key may lack access to this job", answer);
    }
    if (code == 404 || code == 410) {
      return fail(Kind.NOT_FOUND, prefix + "Pictory does not know this job", answer);
    }
    if (code == 429) {
      return fail(Kind.RATE_LIMITED, prefix + "rate limited; poll less often", answer);
    }
    if (code == 408 || (code >= 500 && code < 600)) {
      return fail(Kind.UNAVAILABLE, prefix + "the service is unavailable", answer);
    }
    return fail(Kind.BAD_RESPONSE, prefix + "unexpected status", answer);
  }

  private static SourceException fail(Kind kind, String message, HttpAnswer answer) {
    Duration retryAfter =
        RetryAfter.parse(answer.retryAfter(), answer.receivedAt()).orElse(null);
    return new SourceException(kind, message, retryAfter, null);
  }

  private Parsed parse(String body) {
    try {
      JobResponseJson json = adapter.fromJson(body);
      return json == null ? new Parsed(null, "the body is JSON null") : new Parsed(json, null);
    } catch (IOException | JsonDataException e) {
      return new Parsed(null, e.getMessage());
    }
  }

  private static boolean sameJob(JobId asked, String jobId) {
    try {
      return JobId.parse(jobId).equals(asked);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isNotFound(JobResponseJson json) {
    return isMarker(json.errorCode) || isMarker(json.errorMessage)
        || (json.data != null && (isMarker(json.data.errorCode)
            || isMarker(json.data.errorMessage)));
  }

  private static boolean isMarker(String text) {
    return text != null && text.strip().equalsIgnoreCase(NOT_FOUND_MARKER);
  }

  private static JobState state(JobId asked, JobResponseJson json, HttpAnswer answer) {
    JobDataJson data = json.data;
    if (data == null) {
      throw fail(Kind.BAD_RESPONSE, "HTTP " + answer.code() + " body for job " + asked
          + " has no data object", answer);
    }
    if (data.status == null) {
      throw fail(Kind.BAD_RESPONSE, "HTTP " + answer.code() + " body for job " + asked
          + " has no data.status", answer);
    }
    switch (data.status.strip().toLowerCase(Locale.ROOT)) {
      case "in-progress":
        if (data.renderProgress == null && data.renderProgressMessage == null
            && data.renderState == null) {
          return JobState.QUEUED;
        }
        return new JobState.Running(
            progress(data.renderProgress), data.renderProgressMessage, data.renderState);
      case "completed":
        return new JobState.Completed(output(data));
      case "failed":
        return new JobState.Failed(data.errorCode, data.errorMessage);
      case "cleaned":
        return JobState.CLEANED;
      default:
        return new JobState.Unrecognized(data.status);
    }
  }

  /** A percentage: numbers and numeric strings, floored and clamped to 0–100; else 0. */
  static int progress(Object value) {
    Double number = number(value);
    if (number == null) {
      return 0;
    }
    return (int) Math.max(0, Math.min(100, Math.floor(number)));
  }

  private static RenderOutput output(JobDataJson data) {
    return RenderOutput.builder()
        .videoUrl(url(data.videoUrl))
        .videoShareUrl(url(data.videoShareUrl))
        .videoEmbedUrl(url(data.videoEmbedUrl))
        .audioUrl(url(data.audioUrl))
        .thumbnail(url(data.thumbnail))
        .srtFile(url(data.srtFile))
        .txtFile(url(data.txtFile))
        .vttFile(url(data.vttFile))
        .videoDuration(duration(data.videoDuration))
        .encodingDuration(duration(data.encodingDuration))
        .build();
  }

  /** An absolute http(s) URL with a host, or null for absent, empty or unusable text. */
  static URI url(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme();
      boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      return web && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Non-negative finite seconds (number or numeric string) up to about 31 years, or null. */
  static Duration duration(Object value) {
    Double seconds = number(value);
    return seconds == null || seconds < 0 || seconds > MAX_SECONDS
        ? null : RenderOutput.seconds(seconds);
  }

  private static Double number(Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String s) {
      try {
        number = Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(number) ? number : null;
  }

  private record Parsed(JobResponseJson json, String problem) {
    static final Parsed NONE = new Parsed(null, "no body");
  }
}
