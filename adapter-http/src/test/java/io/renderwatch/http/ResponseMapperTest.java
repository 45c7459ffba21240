package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mapping rules in isolation, without a server. */
class ResponseMapperTest {

  private static final JobId JOB = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private final ResponseMapper mapper = new ResponseMapper("renderwatch/test (+java)");

  private JobState state(String data) {
    return mapper.map(JOB, answer(200, "{\"job_id\":\"" + JOB + "\",\"data\":" + data + "}"))
        .state();
  }

  private static HttpAnswer answer(int code, String body) {
    return new HttpAnswer(code, "application/json", null, body, false, NOW);
  }

  @Test
  void theCleanedStatusMapsToTheCleanedTerminalAndOtherUnknownStatusesStayUnrecognized() {
    assertThat(state("{\"status\":\"cleaned\"}")).isEqualTo(JobState.CLEANED);
    assertThat(state("{\"status\":\" Cleaned \"}")).isEqualTo(JobState.CLEANED);
    assertThat(state("{\"status\":\"archived\"}"))
        .isEqualTo(new JobState.Unrecognized("archived"));
  }

  @Test
  void progressCoercion() {
    assertThat(ResponseMapper.progress(42.0)).isEqualTo(42);
    assertThat(ResponseMapper.progress(42.99)).isEqualTo(42);
    assertThat(ResponseMapper.progress("7")).isEqualTo(7);
    assertThat(ResponseMapper.progress(" 99.5 ")).isEqualTo(99);
    assertThat(ResponseMapper.progress(-1.0)).isZero();
    assertThat(ResponseMapper.progress(1e9)).isEqualTo(100);
    assertThat(ResponseMapper.progress("NaN")).isZero();
    assertThat(ResponseMapper.progress("Infinity")).isZero();
    assertThat(ResponseMapper.progress(true)).isZero();
    assertThat(ResponseMapper.progress(null)).isZero();
    assertThat(ResponseMapper.progress(java.util.List.of(1))).isZero();
  }

  @Test
  void urlCoercion() {
    assertThat(ResponseMapper.url("https://cdn.pictory.ai/a b")).isNull();
    assertThat(ResponseMapper.url("https://cdn.pictory.ai/a%20b.mp4"))
        .isEqualTo(URI.create("https://cdn.pictory.ai/a%20b.mp4"));
    assertThat(ResponseMapper.url(" https://x.io/v.mp4 ")).isEqualTo(URI.create("https://x.io/v.mp4"));
    assertThat(ResponseMapper.url("HTTP://x.io/v.mp4")).isNotNull();
    assertThat(ResponseMapper.url("")).isNull();
    assertThat(ResponseMapper.url("ftp://x.io/v.mp4")).isNull();
    assertThat(ResponseMapper.url("https:///nohost")).isNull();
    assertThat(ResponseMapper.url("x.io/v.mp4")).isNull();
    assertThat(ResponseMapper.url("data:image/png;base64,AAAA")).isNull();
  }

  @Test
  void durationCoercion() {
    assertThat(ResponseMapper.duration(63.5)).isEqualTo(Duration.ofMillis(63_500));
    assertThat(ResponseMapper.duration("41.2")).isEqualTo(RenderOutput.seconds(41.2));
    assertThat(ResponseMapper.duration(0.0)).isEqualTo(Duration.ZERO);
    assertThat(ResponseMapper.duration(-0.5)).isNull();
    assertThat(ResponseMapper.duration(1e300)).isNull();
    assertThat(ResponseMapper.duration("")).isNull();
    assertThat(ResponseMapper.duration(false)).isNull();
  }

  @Test
  void anyOneRenderFieldMakesItRunning() {
    assertThat(state("{\"status\":\"in-progress\",\"renderState\":\"RUNNING\"}"))
        .isEqualTo(new JobState.Running(0, "", "RUNNING"));
    assertThat(state("{\"status\":\"in-progress\",\"renderProgressMessage\":\"Composing\"}"))
        .isEqualTo(new JobState.Running(0, "Composing", ""));
    assertThat(state("{\"status\":\"in-progress\",\"renderProgress\":12}"))
        .isEqualTo(new JobState.Running(12, "", ""));
  }

  @Test
  void duplicateKeysTakeTheLast() {
    assertThat(state("{\"status\":\"in-progress\",\"status\":\"completed\"}"))
        .isEqualTo(new JobState.Completed(RenderOutput.EMPTY));
  }

  @Test
  void successFalseDoesNotOverrideTheStatus() {
    JobState state = mapper.map(JOB, answer(200, "{\"success\":false,\"data\":{\"status\":\"in-progress\"}}"))
        .state();
    assertThat(state).isEqualTo(JobState.QUEUED);
  }

  @Test
  void theNotFoundMarkerIsRecognisedInAnyCaseAndPlace() {
    for (String body : new String[] {
        "{\"data\":{\"status\":\"failed\",\"error_code\":\"5000\",\"error_message\":\"job_not_found\"}}",
        "{\"data\":{\"error_code\":\"JOB_NOT_FOUND\"}}",
        "{\"success\":false,\"error_message\":\"JOB_NOT_FOUND\"}"}) {
      assertThatThrownBy(() -> mapper.map(JOB, answer(200, body)))
          .isInstanceOfSatisfying(SourceException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }
  }

  @Test
  void anOversizedOkBodyIsABadResponseAndTheRetryAfterOfAnErrorIsKept() {
    assertThatThrownBy(() -> mapper.map(JOB,
        new HttpAnswer(200, null, null, null, true, NOW)))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    assertThatThrownBy(() -> mapper.map(JOB,
        new HttpAnswer(503, null, "Wed, 01 Jan 2025 00:00:10 GMT", null, true, NOW)))
        .isInstanceOfSatisfying(SourceException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
        });
  }

  @Test
  void goneIsNotFound() {
    assertThatThrownBy(() -> mapper.map(JOB, answer(410, "")))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }
}
