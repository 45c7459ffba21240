package io.renderwatch.core.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed render produced: eight locations and two durations, each absent when the
 * provider did not send it (jobs of other kinds complete with fewer fields).
 */
public record RenderOutput(
    Optional<URI> videoUrl,
    Optional<URI> videoShareUrl,
    Optional<URI> videoEmbedUrl,
    Optional<URI> audioUrl,
    Optional<URI> thumbnail,
    Optional<URI> srtFile,
    Optional<URI> txtFile,
    Optional<URI> vttFile,
    Optional<Duration> videoDuration,
    Optional<Duration> encodingDuration) {

  /** An output with nothing in it. */
  public static final RenderOutput EMPTY = builder().build();

  /** Requires every component to be a (possibly empty) Optional. */
  public RenderOutput {
    Objects.requireNonNull(videoUrl, "videoUrl == null");
    Objects.requireNonNull(videoShareUrl, "videoShareUrl == null");
    Objects.requireNonNull(videoEmbedUrl, "videoEmbedUrl == null");
    Objects.requireNonNull(audioUrl, "audioUrl == null");
    Objects.requireNonNull(thumbnail, "thumbnail == null");
    Objects.requireNonNull(srtFile, "srtFile == null");
    Objects.requireNonNull(txtFile, "txtFile == null");
    Objects.requireNonNull(vttFile, "vttFile == null");
    Objects.requireNonNull(videoDuration, "videoDuration == null");
    Objects.requireNonNull(encodingDuration, "encodingDuration == null");
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Converts fractional seconds to a {@link Duration}, keeping nanosecond precision. */
  public static Duration seconds(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      throw new IllegalArgumentException("seconds must be finite and >= 0 but was " + seconds);
    }
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1_000_000_000d);
    return Duration.ofSeconds(whole).plusNanos(nanos);
  }

  /** Converts a {@link Duration} back to fractional seconds. */
  public static double toSeconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / 1_000_000_000d;
  }

  /** Builds a {@link RenderOutput}; unset fields stay absent. */
  public static final class Builder {
    private URI videoUrl;
    private URI videoShareUrl;
    private URI videoEmbedUrl;
    private URI audioUrl;
    private URI thumbnail;
    private URI srtFile;
    private URI txtFile;
    private URI vttFile;
    private Duration videoDuration;
    private Duration encodingDuration;

    private Builder() {}

    /** The MP4 download. */
    public Builder videoUrl(URI value) {
      videoUrl = value;
      return this;
    }

    /** The share page. */
    public Builder videoShareUrl(URI value) {
      videoShareUrl = value;
      return this;
    }

    /** The iframe embed. */
    public Builder videoEmbedUrl(URI value) {
      videoEmbedUrl = value;
      return this;
    }

    /** The MP3 download. */
    public Builder audioUrl(URI value) {
      audioUrl = value;
      return this;
    }

    /** The JPG thumbnail. */
    public Builder thumbnail(URI value) {
      thumbnail = value;
      return this;
    }

    /** The SRT subtitles. */
    public Builder srtFile(URI value) {
      srtFile = value;
      return this;
    }

    /** The plain-text transcript. */
    public Builder txtFile(URI value) {
      txtFile = value;
      return this;
    }

    /** The WebVTT subtitles. */
    public Builder vttFile(URI value) {
      vttFile = value;
      return this;
    }

    /** The video's length. */
    public Builder videoDuration(Duration value) {
      videoDuration = value;
      return this;
    }

    /** How long the render took. */
    public Builder encodingDuration(Duration value) {
      encodingDuration = value;
      return this;
    }

    /** Returns the output. */
    public RenderOutput build() {
      return new RenderOutput(
          Optional.ofNullable(videoUrl),
          Optional.ofNullable(videoShareUrl),
          Optional.ofNullable(videoEmbedUrl),
          Optional.ofNullable(audioUrl),
          Optional.ofNullable(thumbnail),
          Optional.ofNullable(srtFile),
          Optional.ofNullable(txtFile),
          Optional.ofNullable(vttFile),
          Optional.ofNullable(videoDuration),
          Optional.ofNullable(encodingDuration));
    }
  }
}
