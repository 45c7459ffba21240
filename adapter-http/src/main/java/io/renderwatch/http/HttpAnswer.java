package io.renderwatch.http;

import java.time.Instant;

/**
 * What came back for one request, reduced to what {@link ResponseMapper} decides on.
 *
 * @param code the HTTP status
 * @param contentType the Content-Type header, or null
 * @param retryAfter the Retry-After header, or null
 * @param body the body text, or null when there was none or it was over the size cap
 * @param tooLarge whether the body was over the size cap (and so not read)
 * @param receivedAt when the response arrived
 */
record HttpAnswer(
    int code, String contentType, String retryAfter, String body, boolean tooLarge,
    Instant receivedAt) {}
