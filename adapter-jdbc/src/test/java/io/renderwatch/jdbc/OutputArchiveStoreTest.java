package io.renderwatch.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive records (migration V2) on H2 (file, memory) and PostgreSQL. */
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

  private static ArchivedFile file(JobId id, OutputFile output, long bytes, String sha,
      boolean gone) {
    return new ArchivedFile(id, output, URI.create("https://cdn.example.test/" + id + "/x"),
        Path.of("/archive", id.toString(), output.fileName()), bytes, sha, gone, AT);
  }
}
