package io.renderwatch.http;

import com.squareup.moshi.Json;

/**
 * The {@code data} object of an answer, the union of every stage's fields. Numbers that the
 * provider might send as strings ({@code renderProgress}, the durations) are read as
 * {@code Object} (a {@code Double} or a {@code String}) and coerced by {@link ResponseMapper}.
 */
final class JobDataJson {

  String status;

  // in-progress, once rendering has started
  Object renderProgress;
  String renderProgressMessage;
  String renderState;

  // completed
  @Json(name = "videoURL")
  String videoUrl;

  @Json(name = "videoShareURL")
  String videoShareUrl;

  @Json(name = "videoEmbedURL")
  String videoEmbedUrl;

  @Json(name = "audioURL")
  String audioUrl;

  String thumbnail;
  String srtFile;
  String txtFile;
  String vttFile;
  Object videoDuration;
  Object encodingDuration;

  // failed
  @Json(name = "error_code")
  String errorCode;

  @Json(name = "error_message")
  String errorMessage;
}
