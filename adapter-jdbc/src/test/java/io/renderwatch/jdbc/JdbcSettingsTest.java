package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared setting is written once, by the first to ask, and survives reopening. */
class JdbcSettingsTest {

  @TempDir
  Path dir;

  @Test
  void theFirstValueStoredIsTheOneEveryoneGetsAfterwards() {
    Path file = dir.resolve("jobs");
    String first;
    try (JdbcStores stores = JdbcStores.h2File(file)) {
      first = stores.setting("webhook_secret", () -> "first-value");
      assertThat(stores.setting("webhook_secret", () -> "second-value")).isEqualTo(first);
    }
    try (JdbcStores reopened = JdbcStores.h2File(file)) {
      assertThat(reopened.setting("webhook_secret", () -> "third-value")).isEqualTo("first-value");
      assertThat(reopened.setting("other", () -> "x")).isEqualTo("x");
    }
    assertThat(first).isEqualTo("first-value");
  }
}
