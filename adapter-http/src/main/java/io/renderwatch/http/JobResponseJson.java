package io.renderwatch.http;

import com.squareup.moshi.Json;

/**
 * The envelope of every answer of the jobs endpoint, as Moshi reads it. Unknown fields are
 * skipped by Moshi; every field may be absent (null).
 */
final class JobResponseJson {

  @Json(name = "job_id")
  String jobId;

  Boolean success;

  JobDataJson data;

  /** Not in API.md's shapes; read so that a not-found answer outside {@code data} is seen. */
  @Json(name = "error_code")
  String errorCode;

  /** Not in API.md's shapes; read so that a not-found answer outside {@code data} is seen. */
  @Json(name = "error_message")
  String errorMessage;
}
