package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.archive.ArchiveClaims;
import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import io.renderwatch.core.testing.Snapshots;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive records (migrations V2, V6) and claims (V6) on H2 (file, memory) and PostgreSQL. */
class OutputArchiveStoreTest {

  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void recordsAreFoundReplacedAndKeptPerOutput(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      stores.jobStore().save(Snapshots.at(id, Snapshots.completed(id), 1));
      OutputArchive archive = stores.outputArchive();
      assertThat(archive.find(id)).isEmpty();

      ArchivedFile video = file(id, OutputFile.VIDEO, 1234, SHA_A, false);
      ArchivedFile srt = file(id, OutputFile.SRT, 0, "", true);
      archive.record(srt);
      archive.record(video);
      assertThat(archive.find(id)).containsExactly(video, srt);

      ArchivedFile again = file(id, OutputFile.VIDEO, 99, SHA_B, false);
      archive.record(again);
      assertThat(archive.find(id)).containsExactly(again, srt);

      JobId other = JobId.random();
      stores.jobStore().save(Snapshots.at(other, Snapshots.completed(other), 1));
      Map<JobId, List<ArchivedFile>> all = archive.findAll(List.of(id, other));
      assertThat(all).containsOnlyKeys(id);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aRecordOfAJobThatIsNotStoredIsRefused(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      assertThatThrownBy(() -> stores.outputArchive().record(file(id, OutputFile.VIDEO, 1, SHA_A,
          false)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("video.mp4 of job " + id);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theFilesModificationTimeIsKeptToTheMicrosecond(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      stores.jobStore().save(Snapshots.at(id, Snapshots.completed(id), 1));
      Instant modified = Instant.parse("2026-02-27T08:00:01.654321Z");
      ArchivedFile video = new ArchivedFile(id, OutputFile.VIDEO,
          URI.create("https://cdn.example.test/v"), Path.of("/archive/v"), 5, SHA_A, false, AT,
          Optional.of(modified));
      stores.outputArchive().record(video);
      assertThat(stores.outputArchive().find(id)).containsExactly(video);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aJobIsClaimedByOneOwnerAtATimeUntilReleasedOrEnded(Flavor flavor) {
    try (JdbcStores stores = flavor.openFresh()) {
      JobId id = JobId.random();
      stores.jobStore().save(Snapshots.at(id, Snapshots.completed(id), 1));
      ArchiveClaims claims = stores.archiveClaims();
      Instant until = AT.plusSeconds(60);
      assertThat(claims.claim(id, "a", AT, until)).as("free").isTrue();
      assertThat(claims.claim(id, "b", AT.plusSeconds(59), until)).as("held by a").isFalse();
      assertThat(claims.claim(id, "a", AT.plusSeconds(30), AT.plusSeconds(90)))
          .as("renewed by its holder").isTrue();
      assertThat(claims.claim(id, "b", AT.plusSeconds(61), AT.plusSeconds(120)))
          .as("renewed until 90s").isFalse();
      assertThat(claims.claim(id, "b", AT.plusSeconds(91), AT.plusSeconds(150)))
          .as("a's time ended").isTrue();
      claims.release(id, "a");
      assertThat(claims.claim(id, "a", AT.plusSeconds(92), AT.plusSeconds(150)))
          .as("a's release does not free b's claim").isFalse();
      claims.release(id, "b");
      assertThat(claims.claim(id, "a", AT.plusSeconds(93), AT.plusSeconds(150)))
          .as("released").isTrue();
    }
  }

  private static ArchivedFile file(JobId id, OutputFile output, long bytes, String sha,
      boolean gone) {
    return new ArchivedFile(id, output, URI.create("https://cdn.example.test/" + id + "/x"),
        Path.of("/archive", id.toString(), output.fileName()), bytes, sha, gone, AT);
  }
}
