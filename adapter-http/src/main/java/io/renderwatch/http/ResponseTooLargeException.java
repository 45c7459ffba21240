package io.renderwatch.http;

import java.io.IOException;

/**
 * Thrown by {@link BodyLimitInterceptor} when a response body exceeds the cap; carries what the
 * mapping still needs from the response (its status and {@code Retry-After}).
 */
final class ResponseTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int code;
  private final String contentType;
  private final String retryAfter;

  ResponseTooLargeException(int code, String contentType, String retryAfter, long limit) {
    super("HTTP " + code + " response body exceeds the limit of " + limit + " bytes");
    this.code = code;
    this.contentType = contentType;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status of the response. */
  int code() {
    return code;
  }

  /** The response's Content-Type, or null. */
  String contentType() {
    return contentType;
  }

  /** The response's Retry-After header, or null. */
  String retryAfter() {
    return retryAfter;
  }
}
