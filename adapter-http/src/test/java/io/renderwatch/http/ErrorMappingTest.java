package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP statuses, odd bodies and transport failures, each to its core error kind. */
class ErrorMappingTest extends ServerTestSupport {

  private static final String NOT_FOUND_BODY = "{\"job_id\": \"" + JOB + "\", \"success\": false,"
      + " \"data\": {\"status\": \"failed\", \"error_code\": \"5000\","
      + " \"error_message\": \"JOB_NOT_FOUND\"}}";

  @Test
  void unauthorized() {
    SourceException e = failure(json(401, "{\"message\": \"Unauthorized\"}"));
    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("401").contains(JOB.toString());
  }

  @Test
  void forbiddenMentionsBotProtectionAndTheUserAgent() {
    SourceException e = failure(new MockResponse().setResponseCode(403)
        .setHeader("Content-Type", "text/html").setBody("<html>error code: 1010</html>"));
    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.getMessage()).contains("bot protection").contains("User-Agent")
        .contains(source().userAgent());
  }

  @Test
  void notFoundByStatus() {
    assertThat(failure(json(404, "{\"message\": \"Not Found\"}")).kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void theNotFoundBodyUnderOk() {
    SourceException e = failure(json(200, NOT_FOUND_BODY));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("JOB_NOT_FOUND");
  }

  @Test
  void theNotFoundBodyUnder404() {
    assertThat(failure(json(404, NOT_FOUND_BODY)).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void theNotFoundBodyUnder500IsStillNotFound() {
    assertThat(failure(json(500, NOT_FOUND_BODY)).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void theNotFoundBodyWithANumericCodeAndOutsideData() {
    assertThat(failure(json(200, body(
        "{\"status\": \"failed\", \"error_code\": 5000, \"error_message\": \"JOB_NOT_FOUND\"}")))
        .kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(failure(json(400, "{\"error_code\": \"5000\", \"error_message\": \"JOB_NOT_FOUND\"}"))
        .kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void code5000WithAnotherMessageIsARealFailure() throws Exception {
    assertThat(fetch(json(body(
        "{\"status\": \"failed\", \"error_code\": \"5000\", \"error_message\": \"RENDER_CRASHED\"}")))
        .state()).isEqualTo(new io.renderwatch.core.model.JobState.Failed("5000", "RENDER_CRASHED"));
  }

  @Test
  void rateLimitedWithRetryAfterInSeconds() {
    SourceException e = failure(json(429, "{}").setHeader("Retry-After", "17"));
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
  }

  @Test
  void rateLimitedWithRetryAfterAsHttpDate() {
    SourceException e = failure(new MockResponse().setResponseCode(429)
        .setHeader("Retry-After", "Wed, 01 Jan 2025 00:02:30 GMT"));
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(150));
  }

  @Test
  void rateLimitedWithGarbageOrNoRetryAfter() {
    assertThat(failure(new MockResponse().setResponseCode(429).setHeader("Retry-After", "soon"))
        .retryAfter()).isEmpty();
    SourceException e = failure(new MockResponse().setResponseCode(429));
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408})
  void serverErrorsAreUnavailable(int code) {
    MockResponse response = new MockResponse().setResponseCode(code)
        .setHeader("Content-Type", "text/html").setBody("<html>Bad gateway</html>");
    server.enqueue(response); // OkHttp itself retries a 408 once; it then gets the same answer
    SourceException e = failure(response);
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void serviceUnavailableKeepsItsRetryAfter() {
    assertThat(failure(new MockResponse().setResponseCode(503).setHeader("Retry-After", "60"))
        .retryAfter()).contains(Duration.ofSeconds(60));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 405, 418, 304})
  void otherStatusesAreBadResponses(int code) {
    assertThat(failure(new MockResponse().setResponseCode(code)).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void htmlFromAProxyWithOk() {
    SourceException e = failure(new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "text/html; charset=UTF-8")
        .setBody("<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"));
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("text/html").doesNotContain("Just a moment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "[]", "\"in-progress\"", "{\"job_id\": ",
      "{\"data\": {\"status\": \"in-progress\"}} trailing", "{\"success\": true}",
      "{\"data\": {}}", "{\"data\": {\"status\": {\"nested\": 1}}}", "{\"data\": []}"})
  void unusableOkBodiesAreBadResponses(String body) {
    assertThat(failure(json(body)).kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void noContentIsABadResponse() {
    assertThat(failure(new MockResponse().setResponseCode(204)).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void aBodyAboutAnotherJobIsABadResponse() {
    SourceException e = failure(json(
        "{\"job_id\": \"00000000-0000-0000-0000-000000000001\", \"data\": {\"status\": \"completed\"}}"));
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure(json("{\"job_id\": \"not-a-uuid\", \"data\": {\"status\": \"completed\"}}"))
        .kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void aNotFoundBodyAboutAnotherJobIsNotBelieved() {
    String other = NOT_FOUND_BODY.replace(JOB.toString(), "00000000-0000-0000-0000-000000000001");
    assertThat(failure(json(200, other)).kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure(json(503, other)).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aTruncatedBodyIsUnavailable() {
    SourceException e = failure(json(resource("api-md/completed.json"))
        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aSlowBodyHitsTheReadTimeout() {
    use(builder().readTimeout(Duration.ofMillis(150)).build());
    SourceException e = failure(json(resource("api-md/queued.json"))
        .throttleBody(1, 400, TimeUnit.MILLISECONDS));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getCause()).isInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(e.networkCause()).contains(SourceException.NetworkCause.TIMEOUT);
  }

  @Test
  void aDelayedBodyHitsTheCallTimeout() {
    use(builder().readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(200)).build());
    SourceException e = failure(json(resource("api-md/queued.json"))
        .setBodyDelay(1, TimeUnit.SECONDS));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.networkCause()).contains(SourceException.NetworkCause.TIMEOUT);
  }

  @Test
  void aDroppedConnectionIsUnavailable() {
    assertThat(failure(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START))
        .kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aRefusedConnectionIsUnavailable() throws Exception {
    PictoryHttpSource source = source();
    server.shutdown();
    SourceException e = failureOf(source.fetch(JOB));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.networkCause()).contains(SourceException.NetworkCause.CONNECTION_REFUSED);
  }

  @Test
  void aFiveMebibyteBodyWithALengthIsRefused() {
    SourceException e = failure(json(200, "").setBody(filler(5 * 1024 * 1024)));
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("maxResponseBytes");
  }

  @Test
  void aFiveMebibyteChunkedBodyIsCutOffWhileReading() {
    SourceException e = failure(json(200, "").setChunkedBody(filler(5 * 1024 * 1024), 64 * 1024));
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("maxResponseBytes");
  }

  @Test
  void anOversizedErrorBodyIsDecidedByItsStatusUnread() {
    // Were the body read, its not-found marker would win.
    SourceException e = failure(json(429, "").setHeader("Retry-After", "5")
        .setChunkedBody(filler(2 * 1024 * 1024, "{\"status\": \"failed\","
            + " \"error_code\": \"5000\", \"error_message\": \"JOB_NOT_FOUND\"}"), 64 * 1024));
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
  }

  @Test
  void theCapIsConfigurableAndABodyAtTheCapPasses() throws Exception {
    String body = resource("api-md/queued.json");
    int size = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    use(builder().maxResponseBytes(size).build());
    assertThat(fetch(json(body)).rawPayload()).contains(body);
    use(builder().maxResponseBytes(size - 1).build());
    assertThat(failure(json(body)).kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void aGzippedBodyIsCappedAtItsRealSize() throws Exception {
    Buffer gzipped = new Buffer();
    try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gzipped))) {
      sink.write(filler(2 * 1024 * 1024), 2 * 1024 * 1024);
    }
    assertThat(gzipped.size()).isLessThan(1024 * 1024);
    SourceException e = failure(json(200, "").setHeader("Content-Encoding", "gzip")
        .setBody(gzipped));
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("maxResponseBytes");
  }

  /** A valid queued body, padded: only the size cap can make it fail. */
  private static Buffer filler(int bytes) {
    return filler(bytes, "{\"status\": \"in-progress\"}");
  }

  private static Buffer filler(int bytes, String data) {
    Buffer buffer = new Buffer();
    buffer.writeUtf8("{\"job_id\": \"" + JOB + "\", \"data\": " + data + ", \"pad\": \"");
    while (buffer.size() < bytes - 2) {
      buffer.writeByte('x');
    }
    return buffer.writeUtf8("\"}");
  }
}
