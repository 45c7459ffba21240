package io.renderwatch.testkit.sim;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The timeline of one simulated render job: queued for a while, running along a progress curve,
 * then completed, failed, or never finishing. One model drives every simulation: the scripted
 * source in virtual time, the HTTP simulator in real time, and the benchmarks.
 *
 * @param queuedFor how long the job waits before rendering starts
 * @param runningFor how long rendering takes
 * @param curve how the percentage grows while rendering
 * @param ending how the job ends
 * @param errorCode the error code of a failed job
 * @param errorMessage the error message of a failed job
 * @param reports what the job says about itself while and after it renders
 */
public record JobScript(
    Duration queuedFor,
    Duration runningFor,
    ProgressCurve curve,
    Ending ending,
    String errorCode,
    String errorMessage,
    Reports reports) {

  /**
   * What a scripted job says about itself: its progress message at each point of its render,
   * and the video length and encoding time it completes with.
   *
   * @param messages the progress message when a fraction (0–1) of the render time has passed
   * @param videoLength the completed video's length
   * @param encodingTime the render time the provider reports
   */
  public record Reports(Messages messages, Duration videoLength, Duration encodingTime) {

    /** The reports of every job that does not say otherwise: 63.5 s of video, 41.25 s encoding. */
    public static final Reports DEFAULT = new Reports(
        fraction -> fraction < 0.25 ? "Composing scenes" : "Rendering video",
        RenderOutput.seconds(63.5), RenderOutput.seconds(41.25));

    /** Requires every component; the durations must not be negative. */
    public Reports {
      Objects.requireNonNull(messages, "messages == null");
      requireNotNegative(videoLength, "videoLength");
      requireNotNegative(encodingTime, "encodingTime");
    }
  }

  /** The progress message of a running job. */
  @FunctionalInterface
  public interface Messages {
    /** The message when {@code fraction} (0–1) of the render time has passed. */
    String at(double fraction);
  }

  /** A script with the {@link Reports#DEFAULT default reports}. */
  public JobScript(Duration queuedFor, Duration runningFor, ProgressCurve curve, Ending ending,
      String errorCode, String errorMessage) {
    this(queuedFor, runningFor, curve, ending, errorCode, errorMessage, Reports.DEFAULT);
  }

  /** How a scripted job ends. */
  public enum Ending {
    /** Completes with outputs. */
    COMPLETED,
    /** Fails with the script's error. */
    FAILED,
    /** Keeps running at 99% forever. */
    NEVER,
    /**
     * Reports {@code cleaned} from when it would have ended: its data went after the retention
     * period before anyone saw the result.
     */
    CLEANED
  }

  /** Validates the durations and requires every component. */
  public JobScript {
    requireNotNegative(queuedFor, "queuedFor");
    requireNotNegative(runningFor, "runningFor");
    Objects.requireNonNull(curve, "curve == null");
    Objects.requireNonNull(ending, "ending == null");
    Objects.requireNonNull(errorCode, "errorCode == null");
    Objects.requireNonNull(errorMessage, "errorMessage == null");
    Objects.requireNonNull(reports, "reports == null");
  }

  /** A job that waits, renders linearly, then completes. */
  public static JobScript completing(Duration queuedFor, Duration runningFor) {
    return new JobScript(queuedFor, runningFor, ProgressCurve.linear(), Ending.COMPLETED, "", "");
  }

  /** A job that waits, renders linearly, then fails with the given error. */
  public static JobScript failing(Duration queuedFor, Duration runningFor, String code,
      String message) {
    return new JobScript(queuedFor, runningFor, ProgressCurve.linear(), Ending.FAILED, code,
        message);
  }

  /** A job that waits, then renders forever. */
  public static JobScript never(Duration queuedFor, Duration runningFor) {
    return new JobScript(queuedFor, runningFor, ProgressCurve.linear(), Ending.NEVER, "", "");
  }

  /** A job that waits, renders, then reports {@code cleaned}: its result was never seen. */
  public static JobScript cleaned(Duration queuedFor, Duration runningFor) {
    return new JobScript(queuedFor, runningFor, ProgressCurve.linear(), Ending.CLEANED, "", "");
  }

  /** The same script with another progress curve. */
  public JobScript withCurve(ProgressCurve newCurve) {
    return new JobScript(queuedFor, runningFor, newCurve, ending, errorCode, errorMessage,
        reports);
  }

  /** The same script with other reports (progress messages, video length, encoding time). */
  public JobScript withReports(Reports newReports) {
    return new JobScript(queuedFor, runningFor, curve, ending, errorCode, errorMessage,
        newReports);
  }

  /** How long after submission the job ends, or {@code null} for a job that never does. */
  public Duration endsAfter() {
    return ending == Ending.NEVER ? null : queuedFor.plus(runningFor);
  }

  /** The state of job {@code id} when {@code elapsed} has passed since submission. */
  public JobState stateAt(JobId id, Duration elapsed) {
    if (elapsed.compareTo(queuedFor) < 0) {
      return JobState.QUEUED;
    }
    Duration rendering = elapsed.minus(queuedFor);
    if (ending != Ending.NEVER && rendering.compareTo(runningFor) >= 0) {
      switch (ending) {
        case COMPLETED:
          return new JobState.Completed(outputOf(id, reports));
        case CLEANED:
          return JobState.CLEANED;
        default:
          return new JobState.Failed(errorCode, errorMessage);
      }
    }
    double fraction = runningFor.isZero() ? 1 : Math.min(1,
        (double) rendering.toNanos() / runningFor.toNanos());
    return new JobState.Running(ProgressCurve.clamp(curve.percentAt(fraction)),
        reports.messages().at(fraction), "RUNNING");
  }

  /** The outputs a simulated job completes with by default. */
  public static RenderOutput outputOf(JobId id) {
    return outputOf(id, Reports.DEFAULT);
  }

  /**
   * The outputs a simulated job completes with: https locations named after the job, the video
   * length and encoding time of its reports.
   */
  public static RenderOutput outputOf(JobId id, Reports reports) {
    String base = "https://cdn.renderwatch.invalid/renders/" + id + "/";
    return RenderOutput.builder()
        .videoUrl(URI.create(base + "video.mp4"))
        .videoShareUrl(URI.create("https://video.renderwatch.invalid/share/" + id))
        .videoEmbedUrl(URI.create("https://video.renderwatch.invalid/embed/" + id))
        .audioUrl(URI.create(base + "audio.mp3"))
        .thumbnail(URI.create(base + "thumbnail.jpg"))
        .srtFile(URI.create(base + "subtitles.srt"))
        .txtFile(URI.create(base + "transcript.txt"))
        .vttFile(URI.create(base + "subtitles.vtt"))
        .videoDuration(reports.videoLength())
        .encodingDuration(reports.encodingTime())
        .build();
  }

  private static void requireNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " < 0: " + duration);
    }
  }
}
