package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.Archiver;
import io.renderwatch.core.archive.FileResult;
import io.renderwatch.core.model.JobSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download interrupted, then resumed in a later run with {@code Range} and {@code If-Range}
 * (the first response's {@code ETag}): the rest of the same file is appended, and a file that
 * changed on the server meanwhile is fetched whole instead of being spliced onto the old part.
 */
class ResumeIfRangeTest extends CdnTestSupport {

  private static final String VIDEO = "/cdn/a/videoURL";

  private JobSnapshot job;
  private Path folder;

  @BeforeEach
  void interruptTheVideo() throws Exception {
    cdn.etags = true;
    job = job(JOB, "/cdn/a/");
    folder = dir.resolve(JOB.toString());
    cdn.cutBodies.add(VIDEO);
    FileResult first = once().archive(job).files().get(0);
    assertThat(first.status()).isEqualTo(FileResult.Status.ERROR);
    assertThat(folder.resolve(".video.mp4.part")).exists();
    assertThat(Files.size(folder.resolve(".video.mp4.part"))).isPositive();
    cdn.cutBodies.remove(VIDEO);
  }

  @Test
  void theSameFileIsResumedWithIfRangeAndOnlyTheRestIsFetched() throws Exception {
    byte[] video = cdn.files.get(VIDEO);
    long had = Files.size(folder.resolve(".video.mp4.part"));

    FileResult result = once().archive(job).files().get(0);

    assertThat(result.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(result.transferred()).isEqualTo(video.length - had);
    assertThat(Files.readAllBytes(folder.resolve("video.mp4"))).isEqualTo(video);
    assertThat(resumeRequest().getHeader("If-Range")).isEqualTo(FileServer.etagOf(video));
    assertThat(folder).isDirectoryNotContaining("glob:**/.video.mp4.part*");
  }

  @Test
  void aFileChangedOnTheServerMeanwhileIsFetchedWholeNotSpliced() throws Exception {
    byte[] before = cdn.files.get(VIDEO);
    byte[] changed = new byte[before.length + 1000];
    new Random(7).nextBytes(changed);
    cdn.files.put(VIDEO, changed);

    FileResult result = once().archive(job).files().get(0);

    assertThat(result.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(result.transferred()).isEqualTo(changed.length);
    assertThat(Files.readAllBytes(folder.resolve("video.mp4"))).isEqualTo(changed);
    assertThat(resumeRequest().getHeader("If-Range")).isEqualTo(FileServer.etagOf(before));
  }

  @Test
  void aServerThatIgnoresIfRangeAndSendsTheRestOfAnotherVersionIsAskedForTheWholeFile()
      throws Exception {
    cdn.honourIfRange = false;
    byte[] changed = cdn.files.get(VIDEO).clone();
    changed[0] ^= 1; // spliced, the old first half would keep the old first byte
    cdn.files.put(VIDEO, changed);

    FileResult result = once().archive(job).files().get(0);

    assertThat(result.status()).isEqualTo(FileResult.Status.ARCHIVED);
    assertThat(Files.readAllBytes(folder.resolve("video.mp4"))).isEqualTo(changed);
  }

  /** One attempt per file: an interrupted download stays interrupted until the next run. */
  private Archiver once() {
    return Archiver.builder().records(records).fetcher(fetcher).directory(dir).attempts(1)
        .backoff(Duration.ZERO).build();
  }

  /** The first request for the video that asked for a range. */
  private RecordedRequest resumeRequest() throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      all.add(server.takeRequest());
    }
    return all.stream().filter(r -> VIDEO.equals(r.getPath()) && r.getHeader("Range") != null)
        .findFirst().orElseThrow();
  }
}
