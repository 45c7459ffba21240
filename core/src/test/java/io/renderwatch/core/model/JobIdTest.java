package io.renderwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdTest {

  @Test
  void parsesAUuidAndPrintsItCanonically() {
    JobId id = JobId.parse(" 265A7C1A-4985-4058-9208-68114F131A2B\n");
    assertThat(id.toString()).isEqualTo("265a7c1a-4985-4058-9208-68114f131a2b");
    assertThat(JobId.parse(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-a-uuid", "../../admin", "265a7c1a-4985-4058-9208-68114f131a2b/x",
      "265a7c1a%2F4985-4058-9208-68114f131a2b", "1-1-1-1-1", "265a7c1a49854058920868114f131a2b"})
  void rejectsAnythingButAUuidNamingTheInput(String text) {
    assertThatThrownBy(() -> JobId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a job id: \"" + text + "\"")
        .hasMessageContaining("expected a UUID");
  }

  @Test
  void showsLongOrControlInputSafely() {
    String hostile = "x".repeat(500) + "\u001b[2J";
    assertThatThrownBy(() -> JobId.parse(hostile))
        .hasMessageContaining("(504 characters)")
        .hasMessageNotContaining("x".repeat(41))
        .hasMessageNotContaining("\u001b");
    assertThatThrownBy(() -> JobId.parse("ab\u0007c"))
        .hasMessageContaining("ab\\u0007c");
  }
}
