package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API.md's four shapes, served byte for byte, and the variations the field brings. */
class ResponseShapesTest extends ServerTestSupport {

  @Test
  void queued() throws Exception {
    String body = resource("api-md/queued.json");
    JobSnapshot snapshot = fetch(json(body));
    assertThat(snapshot.id()).isEqualTo(JOB);
    assertThat(snapshot.state()).isEqualTo(JobState.QUEUED);
    assertThat(snapshot.observedAt()).isEqualTo(NOW);
    assertThat(snapshot.rawPayload()).contains(body);
  }

  @Test
  void running() throws Exception {
    String body = resource("api-md/running.json");
    JobSnapshot snapshot = fetch(json(body));
    assertThat(snapshot.state()).isEqualTo(new JobState.Running(42, "Generating video", "RUNNING"));
    assertThat(snapshot.rawPayload()).contains(body);
  }

  @Test
  void failed() throws Exception {
    String body = resource("api-md/failed.json");
    JobSnapshot snapshot = fetch(json(body));
    assertThat(snapshot.state()).isEqualTo(new JobState.Failed("…", "…"));
    assertThat(snapshot.rawPayload()).contains(body);
  }

  @Test
  void completedAsDocumentedKeepsDurationsAndDropsThePlaceholderTextsThatAreNoUrls()
      throws Exception {
    String body = resource("api-md/completed.json");
    JobSnapshot snapshot = fetch(json(body));
    assertThat(snapshot.state()).isEqualTo(new JobState.Completed(RenderOutput.builder()
        .videoDuration(RenderOutput.seconds(63.5))
        .encodingDuration(RenderOutput.seconds(41.2))
        .build()));
    assertThat(snapshot.rawPayload()).contains(body);
  }

  @Test
  void completedWithRealUrlsAndExtraFields() throws Exception {
    String body = body("""
        {"status": "completed", "progress": 100, "aiCreditsUsed": 3,
         "videoURL": "https://cdn.pictory.ai/v/1.mp4", "videoShareURL": "https://app.pictory.ai/s/1",
         "videoEmbedURL": "https://app.pictory.ai/e/1", "audioURL": "https://cdn.pictory.ai/a/1.mp3",
         "thumbnail": "https://cdn.pictory.ai/t/1.jpg", "srtFile": "https://cdn.pictory.ai/1.srt",
         "txtFile": "https://cdn.pictory.ai/1.txt", "vttFile": "https://cdn.pictory.ai/1.vtt",
         "videoDuration": 63.5, "encodingDuration": 41.2,
         "nested": {"deep": [1, 2, {"x": null}]}}""");
    JobSnapshot snapshot = fetch(json(body));
    assertThat(snapshot.state()).isEqualTo(new JobState.Completed(new RenderOutput(
        Optional.of(URI.create("https://cdn.pictory.ai/v/1.mp4")),
        Optional.of(URI.create("https://app.pictory.ai/s/1")),
        Optional.of(URI.create("https://app.pictory.ai/e/1")),
        Optional.of(URI.create("https://cdn.pictory.ai/a/1.mp3")),
        Optional.of(URI.create("https://cdn.pictory.ai/t/1.jpg")),
        Optional.of(URI.create("https://cdn.pictory.ai/1.srt")),
        Optional.of(URI.create("https://cdn.pictory.ai/1.txt")),
        Optional.of(URI.create("https://cdn.pictory.ai/1.vtt")),
        Optional.of(RenderOutput.seconds(63.5)),
        Optional.of(RenderOutput.seconds(41.2)))));
    assertThat(snapshot.rawPayload()).contains(body);
  }

  @Test
  void completedWithMissingEmptyAndUnparseableOutputs() throws Exception {
    // A storyboard preview: other fields, most outputs absent, some empty or broken.
    JobSnapshot snapshot = fetch(json(body("""
        {"status": "completed", "preview": {"scenes": 4},
         "videoURL": "", "audioURL": "   ", "thumbnail": "https://cdn/ bad url",
         "srtFile": null, "txtFile": "/relative/only.txt", "vttFile": "javascript:alert(1)",
         "videoShareURL": "https://app.pictory.ai/s/2", "videoDuration": "12.25",
         "encodingDuration": -3}""")));
    assertThat(snapshot.state()).isEqualTo(new JobState.Completed(RenderOutput.builder()
        .videoShareUrl(URI.create("https://app.pictory.ai/s/2"))
        .videoDuration(RenderOutput.seconds(12.25))
        .build()));
  }

  @Test
  void completedWithNothingButTheStatus() throws Exception {
    JobSnapshot snapshot = fetch(json(body("{\"status\": \"completed\"}")));
    assertThat(snapshot.state()).isEqualTo(new JobState.Completed(RenderOutput.EMPTY));
  }

  @Test
  void unknownStatusIsUnrecognizedWithItsText() throws Exception {
    JobSnapshot snapshot = fetch(json(body("{\"status\": \"archived\", \"extra\": true}")));
    assertThat(snapshot.state()).isEqualTo(new JobState.Unrecognized("archived"));
    assertThat(snapshot.isTerminal()).isFalse();
  }

  @Test
  void runningWithProgressOutOfRangeOrNotANumber() throws Exception {
    assertThat(fetch(json(body(
        "{\"status\": \"in-progress\", \"renderProgress\": 140, \"renderState\": \"RUNNING\"}")))
        .state()).isEqualTo(new JobState.Running(100, "", "RUNNING"));
    assertThat(fetch(json(body("{\"status\": \"in-progress\", \"renderProgress\": -3}")))
        .state()).isEqualTo(new JobState.Running(0, "", ""));
    assertThat(fetch(json(body(
        "{\"status\": \"in-progress\", \"renderProgress\": \"about half\","
            + " \"renderProgressMessage\": \"Mixing audio\"}")))
        .state()).isEqualTo(new JobState.Running(0, "Mixing audio", ""));
    assertThat(fetch(json(body("{\"status\": \"in-progress\", \"renderProgress\": \"57.9\"}")))
        .state()).isEqualTo(new JobState.Running(57, "", ""));
  }

  @Test
  void inProgressWithNullRenderFieldsIsQueued() throws Exception {
    assertThat(fetch(json(body("{\"status\": \"in-progress\", \"renderProgress\": null,"
        + " \"renderProgressMessage\": null, \"renderState\": null}"))).state())
        .isEqualTo(JobState.QUEUED);
  }

  @Test
  void failedWithMissingFieldsAndANumericCode() throws Exception {
    assertThat(fetch(json(body("{\"status\": \"failed\"}"))).state())
        .isEqualTo(new JobState.Failed("", ""));
    assertThat(fetch(json(body(
        "{\"status\": \"failed\", \"error_code\": 4001, \"error_message\": \"INVALID_VOICE\"}")))
        .state()).isEqualTo(new JobState.Failed("4001", "INVALID_VOICE"));
  }

  @Test
  void aBodyWithoutJobIdIsTakenAsTheAskedJobs() throws Exception {
    assertThat(fetch(json("{\"success\": true, \"data\": {\"status\": \"in-progress\"}}"))
        .state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void theJobIdIsComparedAsAUuid() throws Exception {
    String upper = JOB.toString().toUpperCase(java.util.Locale.ROOT);
    assertThat(fetch(json("{\"job_id\": \"" + upper + "\", \"data\": {\"status\": \"in-progress\"}}"))
        .state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void statusIsMatchedWithoutRegardToCaseOrBlanks() throws Exception {
    assertThat(fetch(json(body("{\"status\": \" Completed \"}"))).state())
        .isEqualTo(new JobState.Completed(RenderOutput.EMPTY));
  }
}
