package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void deltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void httpDate() {
    assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:01:05 GMT", NOW))
        .contains(Duration.ofSeconds(65));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Tue, 31 Dec 2024 23:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "12s", "99999999999999999999999",
      "Wed, 32 Jan 2025 00:00:00 GMT", "2025-01-01T00:02:00Z"})
  void absentOrGarbageMeansNone(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEmpty();
  }
}
