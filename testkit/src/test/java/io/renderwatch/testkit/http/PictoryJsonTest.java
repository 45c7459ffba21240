package io.renderwatch.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PictoryJsonTest {

  @Test
  void quotesEverythingJsonRequires() {
    assertThat(PictoryJson.quote("a\"b\\c\nd\re\tf\u0001g\u007fh\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007fh\\u2028\"");
    assertThat(PictoryJson.quote("Stimme ungültig – «x»")).isEqualTo("\"Stimme ungültig – «x»\"");
  }

  @Test
  void writesDurationsAsExactSecondNumbers() {
    assertThat(PictoryJson.seconds(RenderOutput.seconds(63.5))).isEqualTo("63.5");
    assertThat(PictoryJson.seconds(Duration.ofSeconds(60))).isEqualTo("60");
    assertThat(PictoryJson.seconds(Duration.ofMillis(41_250))).isEqualTo("41.25");
    assertThat(PictoryJson.seconds(Duration.ofNanos(1))).isEqualTo("0.000000001");
    assertThat(PictoryJson.seconds(Duration.ZERO)).isEqualTo("0");
  }

  @Test
  void escapesFailureTexts() {
    assertThat(PictoryJson.state("j", new JobState.Failed("4001", "Invalid \"voice\"\nname")))
        .isEqualTo("{\"job_id\":\"j\",\"success\":false,\"data\":{\"status\":\"failed\","
            + "\"error_code\":\"4001\",\"error_message\":\"Invalid \\\"voice\\\"\\nname\"}}");
  }

  @Test
  void leavesAbsentOutputsOut() {
    assertThat(PictoryJson.state("j", new JobState.Completed(RenderOutput.EMPTY)))
        .isEqualTo("{\"job_id\":\"j\",\"success\":true,\"data\":{\"status\":\"completed\","
            + "\"progress\":100,\"aiCreditsUsed\":1}}");
  }

  @Test
  void chargesOneCreditPerStartedMinute() {
    assertThat(PictoryJson.creditsFor(Optional.of(Duration.ofSeconds(60)))).isEqualTo(1);
    assertThat(PictoryJson.creditsFor(Optional.of(RenderOutput.seconds(60.5)))).isEqualTo(2);
    assertThat(PictoryJson.creditsFor(Optional.empty())).isEqualTo(1);
  }

  @Test
  void writesUnrecognizedStatusesAsGiven() {
    assertThat(PictoryJson.state("j", new JobState.Unrecognized("archived")))
        .isEqualTo("{\"job_id\":\"j\",\"success\":true,\"data\":{\"status\":\"archived\"}}");
  }
}
