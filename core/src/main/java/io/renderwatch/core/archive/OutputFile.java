package io.renderwatch.core.archive;

import io.renderwatch.core.model.RenderOutput;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** One downloadable output of a completed render, with the fixed name its file gets on disk. */
public enum OutputFile {
  /** The MP4 video. */
  VIDEO("videoURL", "video.mp4", RenderOutput::videoUrl),
  /** The MP3 audio. */
  AUDIO("audioURL", "audio.mp3", RenderOutput::audioUrl),
  /** The JPG thumbnail. */
  THUMBNAIL("thumbnail", "thumbnail.jpg", RenderOutput::thumbnail),
  /** The SRT subtitles. */
  SRT("srtFile", "subtitles.srt", RenderOutput::srtFile),
  /** The WebVTT subtitles. */
  VTT("vttFile", "subtitles.vtt", RenderOutput::vttFile),
  /** The plain-text transcript. */
  TXT("txtFile", "transcript.txt", RenderOutput::txtFile);

  private final String field;
  private final String fileName;
  private final Function<RenderOutput, Optional<URI>> url;

  OutputFile(String field, String fileName, Function<RenderOutput, Optional<URI>> url) {
    this.field = field;
    this.fileName = fileName;
    this.url = url;
  }

  /** The API's name of the field that carries this output's URL, e.g. {@code videoURL}. */
  public String field() {
    return field;
  }

  /** The fixed file name on disk, e.g. {@code video.mp4}; never taken from the URL. */
  public String fileName() {
    return fileName;
  }

  /** The output's URL in a render result, when the provider gave one. */
  public Optional<URI> url(RenderOutput output) {
    return url.apply(output);
  }

  /** The output whose API field name is given, if any. */
  public static Optional<OutputFile> ofField(String field) {
    for (OutputFile file : values()) {
      if (file.field.equals(field)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
