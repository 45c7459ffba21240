package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.Checksums;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.archive.JobArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.memory.InMemoryOutputArchive;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's downloads against a CDN on MockWebServer, into a real folder. */
class ArchiveDownloadTest extends CdnTestSupport {

  @Test
  void archivesEveryOutputUnderItsFixedNameWithItsChecksum() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    JobArchive archive = archiver().archive(job);

    assertThat(archive.files()).extracting(FileResult::status)
        .containsOnly(FileResult.Status.ARCHIVED).hasSize(6);
    Path folder = dir.resolve(JOB.toString());
    try (Stream<Path> listed = Files.list(folder)) {
      assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "video.mp4", "audio.mp3", "thumbnail.jpg", "subtitles.srt", "subtitles.vtt",
          "transcript.txt");
    }
    for (FileResult file : archive.files()) {
      byte[] served = cdn.files.get("/cdn/a/" + file.file().field());
      assertThat(Files.readAllBytes(file.path().orElseThrow())).isEqualTo(served);
      assertThat(file.sha256()).isEqualTo(Checksums.of(file.path().orElseThrow()));
    }
    assertThat(records.find(JOB)).hasSize(6).noneMatch(ArchivedFile::gone);
  }

  @Test
  void aSecondRunFetchesNothingAndAChangedFileIsFetchedAgainAndSaysSo() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    archiver().archive(job);
    int requests = server.getRequestCount();

    JobArchive again = archiver().archive(job);
    assertThat(again.files()).extracting(FileResult::status)
        .containsOnly(FileResult.Status.ALREADY);
    assertThat(server.getRequestCount()).isEqualTo(requests);

    Path video = dir.resolve(JOB.toString()).resolve("video.mp4");
    Files.write(video, new byte[] {1, 2, 3});
    JobArchive third = archiver().archive(job);
    FileResult refetched = third.files().get(0);
    assertThat(refetched.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(refetched.message()).contains("changed on disk");
    assertThat(Files.readAllBytes(video)).isEqualTo(cdn.files.get("/cdn/a/videoURL"));
    assertThat(server.getRequestCount()).isEqualTo(requests + 1);
  }

  @Test
  void anInterruptedFileIsResumedWithRange() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    byte[] video = cdn.files.get("/cdn/a/videoURL");
    Path folder = Files.createDirectories(dir.resolve(JOB.toString()));
    Files.write(folder.resolve(".video.mp4.part"), java.util.Arrays.copyOf(video, 100_000));

    FileResult result = archiver().archive(job).files().get(0);

    assertThat(result.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(result.transferred()).isEqualTo(video.length - 100_000L);
    assertThat(Files.readAllBytes(folder.resolve("video.mp4"))).isEqualTo(video);
    assertThat(result.sha256()).isEqualTo(Checksums.of(folder.resolve("video.mp4")));
    assertThat(Files.exists(folder.resolve(".video.mp4.part"))).isFalse();
  }

  @Test
  void aServerThatIgnoresRangeGetsTheWholeFileAgain() throws Exception {
    cdn.honourRange = false;
    JobSnapshot job = job(JOB, "/cdn/a/");
    byte[] video = cdn.files.get("/cdn/a/videoURL");
    Path folder = Files.createDirectories(dir.resolve(JOB.toString()));
    Files.write(folder.resolve(".video.mp4.part"), java.util.Arrays.copyOf(video, 100_000));

    FileResult result = archiver().archive(job).files().get(0);

    assertThat(result.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(result.transferred()).isEqualTo(video.length);
    assertThat(Files.readAllBytes(folder.resolve("video.mp4"))).isEqualTo(video);
  }

  @Test
  void aBodyShorterThanItsContentLengthIsAnErrorAndNoFileGetsTheFinalName() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    cdn.shortBodies.add("/cdn/a/videoURL");

    JobArchive archive = archiver().archive(job);

    FileResult video = archive.files().get(0);
    assertThat(video.status()).isEqualTo(FileResult.Status.ERROR);
    assertThat(video.message()).contains("Content-Length").contains("after 2 attempts");
    assertThat(dir.resolve(JOB.toString()).resolve("video.mp4")).doesNotExist();
    assertThat(archive.files().subList(1, 6)).extracting(FileResult::status)
        .containsOnly(FileResult.Status.ARCHIVED);
  }

  @Test
  void aRedirectToPlainHttpIsRefused() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    cdn.redirects.put("/cdn/a/videoURL", "http://127.0.0.1:" + server.getPort() + "/other");

    FileResult video = archiver().archive(job).files().get(0);

    assertThat(video.status()).isEqualTo(FileResult.Status.ERROR);
    assertThat(video.message()).contains("was refused: only https:// redirects are followed");
    assertThat(dir.resolve(JOB.toString()).resolve("video.mp4")).doesNotExist();
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void plainHttpToAnotherMachineIsNeverRequested() throws Exception {
    JobSnapshot job = new JobSnapshot(JOB, new JobState.Completed(RenderOutput.builder()
        .videoUrl(URI.create("http://cdn.example.test/v.mp4")).build()), Instant.EPOCH,
        java.util.Optional.empty());

    FileResult video = archiver().archive(job).files().get(0);

    assertThat(video.status()).isEqualTo(FileResult.Status.ERROR);
    assertThat(video.message()).contains("plain http to another machine");
  }

  @Test
  void aPurgedFileIsGoneWhileTheOthersAreArchived() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    cdn.files.remove("/cdn/a/audioURL");
    cdn.statuses.put("/cdn/a/srtFile", 410);
    cdn.statuses.put("/cdn/a/vttFile", 403);

    JobArchive archive = archiver().archive(job);

    assertThat(archive.files()).extracting(f -> f.file().fileName() + " " + f.status().label())
        .containsExactly("video.mp4 archived", "audio.mp3 gone", "thumbnail.jpg archived",
            "subtitles.srt gone", "subtitles.vtt gone", "transcript.txt archived");
    assertThat(archive.files().get(1).message()).contains("HTTP 404");
    assertThat(records.find(JOB)).filteredOn(ArchivedFile::gone).hasSize(3);
    assertThat(archive.complete()).isFalse();
  }

  @Test
  void pathsInUrlsCannotPlaceAFileOutsideTheJobsFolder() throws Exception {
    String[] evil = {"/../../../../tmp/evil.mp4", "/%2e%2e/%2e%2e/evil.mp3",
        "/a/..%2F..%2F..%2Fevil.jpg", "/a/%2F..%2F..%2Fetc%2Fpasswd", "/a/..\\..\\evil.srt",
        "/a/video.mp4?name=../../x"};
    RenderOutput.Builder output = RenderOutput.builder();
    String base = "http://127.0.0.1:" + server.getPort();
    for (String path : evil) {
      cdn.files.put(path.replace("\\", "%5C"), path.getBytes());
    }
    output.videoUrl(URI.create(base + evil[0])).audioUrl(URI.create(base + evil[1]))
        .thumbnail(URI.create(base + evil[2])).srtFile(URI.create(base + evil[3]))
        .vttFile(URI.create(base + evil[4].replace("\\", "%5C")))
        .txtFile(URI.create(base + evil[5]));
    JobSnapshot job = new JobSnapshot(JOB, new JobState.Completed(output.build()),
        Instant.EPOCH, java.util.Optional.empty());

    archiver().archive(job);

    Path folder = dir.resolve(JOB.toString());
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile))
          .allMatch(p -> p.getParent().equals(folder))
          .extracting(p -> p.getFileName().toString())
          .allMatch(name -> List.of("video.mp4", "audio.mp3", "thumbnail.jpg", "subtitles.srt",
              "subtitles.vtt", "transcript.txt").contains(name));
    }
  }

  @Test
  void aFileLargerThanTheCapIsRefused() throws Exception {
    JobSnapshot job = job(JOB, "/cdn/a/");
    Archiver small = Archiver.builder().records(records).fetcher(fetcher).directory(dir)
        .maxBytes(50_000).backoff(Duration.ZERO).build();

    FileResult video = small.archive(job).files().get(0);

    assertThat(video.status()).isEqualTo(FileResult.Status.ERROR);
    assertThat(video.message()).contains("more than the limit of 50000 bytes")
        .contains("--max-bytes");
    assertThat(dir.resolve(JOB.toString())).isDirectoryNotContaining("glob:**/video.mp4*");
  }
}
