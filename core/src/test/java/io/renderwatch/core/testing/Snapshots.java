package io.renderwatch.core.testing;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Ready-made states and snapshots for tests of any module. */
public final class Snapshots {

  /** A fixed instant that tests start from. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Snapshots() {}

  /** A running state with the given progress. */
  public static JobState.Running running(int progress) {
    return new JobState.Running(progress, "Generating video", "RUNNING");
  }

  /** A completed state whose output names the job, with every field present. */
  public static JobState.Completed completed(JobId id) {
    String base = "https://cdn.example.test/" + id + "/";
    return new JobState.Completed(
        RenderOutput.builder()
            .videoUrl(URI.create(base + "video.mp4"))
            .videoShareUrl(URI.create(base + "share"))
            .videoEmbedUrl(URI.create(base + "embed"))
            .audioUrl(URI.create(base + "audio.mp3"))
            .thumbnail(URI.create(base + "thumb.jpg"))
            .srtFile(URI.create(base + "subs.srt"))
            .txtFile(URI.create(base + "transcript.txt"))
            .vttFile(URI.create(base + "subs.vtt"))
            .videoDuration(RenderOutput.seconds(63.5))
            .encodingDuration(RenderOutput.seconds(41.2))
            .build());
  }

  /** A failed state. */
  public static JobState.Failed failed() {
    return new JobState.Failed("1001", "Invalid voice name");
  }

  /** A snapshot of the state, observed {@code seconds} after {@link #T0}. */
  public static JobSnapshot at(JobId id, JobState state, long seconds) {
    return JobSnapshot.of(id, state, T0.plus(Duration.ofSeconds(seconds)));
  }

  /** A snapshot that keeps a raw payload. */
  public static JobSnapshot withPayload(JobSnapshot snapshot, String payload) {
    return new JobSnapshot(snapshot.id(), snapshot.state(), snapshot.observedAt(),
        Optional.of(payload));
  }
}
