package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.core.port.WatchRegistration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the contract does not pin down: exact values, the bounded history, extreme instants. */
class StoredDetailTest {

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void keepsInstantsAndDurationsToTheNanosecond(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      RenderOutput output = RenderOutput.builder()
          .videoUrl(URI.create("https://cdn.example.test/v.mp4?sig=a%2Fb&x=1"))
          .videoDuration(Duration.ofSeconds(63, 123_456_789))
          .encodingDuration(RenderOutput.seconds(41.000000001))
          .build();
      JobSnapshot snapshot = new JobSnapshot(id, new JobState.Completed(output),
          Instant.parse("2026-03-04T05:06:07.123456789Z"),
          Optional.of("{\"text\":\"ünïcödé ✓ " + "x".repeat(50_000) + "\"}"));

      stores.jobStore().save(snapshot);

      assertThat(stores.jobStore().find(id)).contains(snapshot);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void keepsTheLatestTransitionsOfEachJobOnly(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      stores.jobStore().save(at(id, JobState.QUEUED, 0));
      for (int p = 0; p <= 100; p++) {
        stores.jobStore().save(at(id, running(p), 1 + p));
      }
      List<String> history = stores.jdbcJobStore().transitions(id);

      assertThat(history).hasSize(JdbcStores.HISTORY_LIMIT);
      assertThat(history.get(history.size() - 1)).isEqualTo("102:running->running@100");
      assertThat(history.get(0)).isEqualTo("53:running->running@51");
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void storesLeasesAndDeadlinesAtTheEndsOfTime(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      stores.watchRegistry().register(new WatchRegistration(id, start, Instant.MAX), "p",
          Instant.MIN, java.time.Duration.ZERO);

      assertThat(stores.watchRegistry().unfinished()).extracting(WatchRegistration::deadline)
          .containsExactly(Instants.CEILING);
      assertThat(stores.watchRegistry().claim("q", start, Duration.ofDays(365_000_000L), 5))
          .hasSize(1);
      assertThat(stores.watchRegistry().claim("p", Instant.MAX, Duration.ZERO, 5))
          .as("a lease clamped to the end of time never ends").isEmpty();
    }
  }
}
