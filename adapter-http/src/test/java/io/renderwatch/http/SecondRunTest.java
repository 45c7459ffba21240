package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second run over archived files: a file of the recorded size and modification time is
 * trusted without being read (unless verifying); any other is hashed, and fetched again when
 * its bytes differ, saying so.
 */
class SecondRunTest extends CdnTestSupport {

  private JobSnapshot job;
  private Path video;
  private ArchivedFile recorded;

  @BeforeEach
  void archiveOnce() throws Exception {
    job = job(JOB, "/cdn/a/");
    archiver().archive(job);
    video = dir.resolve(JOB.toString()).resolve("video.mp4");
    recorded = records.find(JOB).get(0);
    assertThat(recorded.file()).isEqualTo(OutputFile.VIDEO);
    assertThat(recorded.modifiedAt()).as("recorded when archived")
        .contains(Files.getLastModifiedTime(video).toInstant().truncatedTo(
            java.time.temporal.ChronoUnit.MICROS));
  }

  @Test
  void aFileOfTheRecordedSizeAndTimeIsTrustedButVerifyHashesItAndFetchesItAgain()
      throws Exception {
    sameSizeOtherBytes();
    Files.setLastModifiedTime(video, FileTime.from(recorded.modifiedAt().orElseThrow()));
    int requests = server.getRequestCount();

    FileResult trusted = archiver().archive(job).files().get(0);
    assertThat(trusted.status()).as("not read: size and time as recorded")
        .isEqualTo(FileResult.Status.ALREADY);
    assertThat(server.getRequestCount()).isEqualTo(requests);

    FileResult verified = verifying().archive(job).files().get(0);
    assertThat(verified.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(verified.message()).contains("changed on disk");
    assertThat(Files.readAllBytes(video)).isEqualTo(cdn.files.get("/cdn/a/videoURL"));
  }

  @Test
  void aFileOfTheRecordedSizeWithAnotherTimeIsHashedAndFetchedAgainWhenChanged()
      throws Exception {
    sameSizeOtherBytes();
    Files.setLastModifiedTime(video,
        FileTime.from(recorded.modifiedAt().orElseThrow().plusSeconds(5)));

    FileResult again = archiver().archive(job).files().get(0);

    assertThat(again.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(again.message()).contains("changed on disk");
    assertThat(Files.readAllBytes(video)).isEqualTo(cdn.files.get("/cdn/a/videoURL"));
  }

  @Test
  void aFileOnlyTouchedIsHashedOnceThenItsNewTimeIsTrusted() throws Exception {
    Instant touched = recorded.modifiedAt().orElseThrow().plusSeconds(60);
    Files.setLastModifiedTime(video, FileTime.from(touched));
    int requests = server.getRequestCount();

    FileResult again = archiver().archive(job).files().get(0);

    assertThat(again.status()).isEqualTo(FileResult.Status.ALREADY);
    assertThat(server.getRequestCount()).isEqualTo(requests);
    assertThat(records.find(JOB).get(0).modifiedAt()).contains(touched);
  }

  private void sameSizeOtherBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(video);
    bytes[0] ^= 1;
    Files.write(video, bytes);
  }

  private Archiver verifying() {
    return Archiver.builder().records(records).fetcher(fetcher).directory(dir).attempts(2)
        .backoff(Duration.ZERO).verify(true).build();
  }
}
