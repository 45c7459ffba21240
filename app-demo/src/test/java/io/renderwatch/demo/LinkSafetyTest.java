package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URLs stored from responses are shown as links only when https, or http to a loopback host. */
class LinkSafetyTest {

  @ParameterizedTest(name = "{0} shown: {1}")
  @CsvSource({
      "https://cdn.pictory.ai/v.mp4, true",
      "HTTPS://cdn.pictory.ai/v.mp4, true",
      "http://127.0.0.1:8080/v.mp4, true",
      "http://localhost/v.mp4, true",
      "http://[::1]/v.mp4, true",
      "http://cdn.pictory.ai/v.mp4, false",
      "http://10.0.0.1/v.mp4, false",
      "javascript:alert(1), false",
      "file:///etc/passwd, false",
      "ftp://cdn.pictory.ai/v.mp4, false",
      "https:/no-host, false"})
  void onlySafeLinksAreShownInTheTableAndTheJson(String url, boolean shown) {
    JobId id = JobId.random();
    JobResult result = JobResult.of(JobSnapshot.of(id, new JobState.Completed(
        RenderOutput.builder().videoUrl(URI.create(url)).thumbnail(URI.create(url)).build()),
        Instant.EPOCH));

    assertThat(Text.safeUrl(Optional.of(URI.create(url)))).isEqualTo(
        shown ? Optional.of(url) : Optional.empty());
    assertThat(result.detail().contains(url)).isEqualTo(shown);
    assertThat(result.toJson().contains(io.renderwatch.core.json.JsonObject.quote(url))).isEqualTo(shown);
  }
}
