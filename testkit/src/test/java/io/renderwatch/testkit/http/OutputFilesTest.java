package io.renderwatch.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.time.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's CDN: links on loopback, whole files, ranges, ignored ranges, retention. */
class OutputFilesTest {

  private static final String KEY = "pictai_files_test";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final HttpClient http = HttpClient.newHttpClient();
  private PictorySimulator simulator;

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void servesEachCompletedJobsFilesBehindItsLinksWithRangesUntilTheyArePurged()
      throws Exception {
    OutputFiles files = OutputFiles.builder().size(OutputFile.VIDEO, 200_000)
        .retention(Duration.ofDays(30)).clock(clock).build();
    JobId id = start(files);
    URI video = videoUrl(id);
    assertThat(video.toString())
        .isEqualTo(simulator.baseUrl() + "/files/" + id + "/videoURL");

    HttpResponse<byte[]> whole = get(video, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(files.content(id, OutputFile.VIDEO)).hasSize(200_000);

    HttpResponse<byte[]> tail = get(video, "bytes=150000-");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 150000-199999/200000");
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 150_000, 200_000));
    assertThat(get(video, "bytes=200000-").statusCode()).isEqualTo(416);

    clock.advance(Duration.ofDays(31));
    assertThat(get(video, null).statusCode()).isEqualTo(404);
  }

  @Test
  void canIgnoreRanges() throws Exception {
    OutputFiles files = OutputFiles.builder().honourRange(false).build();
    JobId id = start(files);
    HttpResponse<byte[]> answer = get(videoUrl(id), "bytes=100-");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).hasSize((int) files.size(OutputFile.VIDEO));
  }

  @Test
  void aFileWhoseLinkWasNeverHandedOutIsNotThere() throws Exception {
    start(OutputFiles.builder().build());
    URI unknown = URI.create(simulator.baseUrl() + "/files/" + JobId.random() + "/videoURL");
    assertThat(get(unknown, null).statusCode()).isEqualTo(404);
  }

  private JobId start(OutputFiles files) {
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ZERO), T0);
    simulator = PictorySimulator.builder().apiKey(KEY).account(account).clock(clock)
        .files(files).build();
    return id;
  }

  private URI videoUrl(JobId id) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create(simulator.baseUrl() + "/pictoryapis/v1/jobs/" + id))
        .header("Authorization", KEY).build();
    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("\"videoURL\":\"([^\"]+)\"").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return URI.create(m.group(1));
  }

  private HttpResponse<byte[]> get(URI uri, String range) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (range != null) {
      request.header("Range", range);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
