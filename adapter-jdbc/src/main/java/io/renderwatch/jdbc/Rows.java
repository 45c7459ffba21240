package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.JOB;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import io.renderwatch.jdbc.schema.tables.records.JobRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;

/** Maps snapshots to rows of the {@code job} table and back, losing nothing. */
final class Rows {

  private Rows() {}

  /** The stored name of a state kind. */
  static String kind(JobState.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** A state kind from its stored name. */
  static JobState.Kind kind(String stored) {
    return JobState.Kind.valueOf(stored.toUpperCase(Locale.ROOT));
  }

  /**
   * Writes the snapshot's state, observation time and payload into the record, clearing every
   * column that the state does not use.
   */
  static void write(JobSnapshot snapshot, JobRecord row) {
    JobState state = snapshot.state();
    row.setStateKind(kind(state.kind()));
    row.setProgress(null);
    row.setMessage(null);
    row.setRenderState(null);
    row.setStatusText(null);
    row.setErrorCode(null);
    row.setErrorMessage(null);
    writeOutput(RenderOutput.EMPTY, row);
    row.setCompletedAt(null);
    if (state instanceof JobState.Running running) {
      row.setProgress(running.progress());
      row.setMessage(running.message());
      row.setRenderState(running.renderState());
    } else if (state instanceof JobState.Completed completed) {
      writeOutput(completed.output(), row);
    } else if (state instanceof JobState.Failed failed) {
      row.setErrorCode(failed.errorCode());
      row.setErrorMessage(failed.errorMessage());
    } else if (state instanceof JobState.Unrecognized unrecognized) {
      row.setStatusText(unrecognized.status());
    }
    Instant observed = snapshot.observedAt();
    row.setLastObservedAt(observedColumn(observed));
    row.setLastObservedNano(observed.getNano());
    if (state.isTerminal()) {
      row.setCompletedAt(Instants.fit(observed));
    }
    row.setRawPayload(snapshot.rawPayload().orElse(null));
  }

  /**
   * The observation instant as its timestamp column keeps it (microseconds); the exact
   * nano-of-second goes into a column of its own, so a snapshot reads back equal.
   */
  static Instant observedColumn(Instant observed) {
    return observed.truncatedTo(ChronoUnit.MICROS);
  }

  /** Reads a snapshot back from a row. */
  static JobSnapshot read(JobRecord row) {
    JobId id = new JobId(row.getJobId());
    JobState state = switch (kind(row.getStateKind())) {
      case QUEUED -> JobState.QUEUED;
      case RUNNING -> new JobState.Running(row.getProgress(), row.getMessage(), row.getRenderState());
      case COMPLETED -> new JobState.Completed(readOutput(row));
      case FAILED -> new JobState.Failed(row.getErrorCode(), row.getErrorMessage());
      case CLEANED -> JobState.CLEANED;
      case UNRECOGNIZED -> new JobState.Unrecognized(row.getStatusText());
    };
    Instant observed = Instant.ofEpochSecond(row.getLastObservedAt().getEpochSecond(),
        row.getLastObservedNano());
    return new JobSnapshot(id, state, observed, Optional.ofNullable(row.getRawPayload()));
  }

  /** Every column that {@link #write} sets, with the record's value, for an update. */
  static Map<Field<?>, Object> stateValues(JobRecord row) {
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    for (Field<?> column : STATE_COLUMNS) {
      values.put(column, row.get(column));
    }
    return values;
  }

  private static final List<Field<?>> STATE_COLUMNS = List.of(JOB.STATE_KIND, JOB.PROGRESS,
        JOB.MESSAGE, JOB.RENDER_STATE, JOB.STATUS_TEXT, JOB.ERROR_CODE, JOB.ERROR_MESSAGE, JOB.VIDEO_URL, JOB.VIDEO_SHARE_URL,
        JOB.VIDEO_EMBED_URL, JOB.AUDIO_URL, JOB.THUMBNAIL_URL, JOB.SRT_FILE_URL, JOB.TXT_FILE_URL,
        JOB.VTT_FILE_URL, JOB.VIDEO_DURATION_NANOS, JOB.ENCODING_DURATION_NANOS, JOB.RAW_PAYLOAD,
        JOB.LAST_OBSERVED_AT, JOB.LAST_OBSERVED_NANO, JOB.COMPLETED_AT);

  private static void writeOutput(RenderOutput output, JobRecord row) {
    row.setVideoUrl(text(output.videoUrl()));
    row.setVideoShareUrl(text(output.videoShareUrl()));
    row.setVideoEmbedUrl(text(output.videoEmbedUrl()));
    row.setAudioUrl(text(output.audioUrl()));
    row.setThumbnailUrl(text(output.thumbnail()));
    row.setSrtFileUrl(text(output.srtFile()));
    row.setTxtFileUrl(text(output.txtFile()));
    row.setVttFileUrl(text(output.vttFile()));
    row.setVideoDurationNanos(nanos(output.videoDuration()));
    row.setEncodingDurationNanos(nanos(output.encodingDuration()));
  }

  private static RenderOutput readOutput(JobRecord row) {
    return new RenderOutput(uri(row.getVideoUrl()), uri(row.getVideoShareUrl()),
        uri(row.getVideoEmbedUrl()), uri(row.getAudioUrl()), uri(row.getThumbnailUrl()),
        uri(row.getSrtFileUrl()), uri(row.getTxtFileUrl()), uri(row.getVttFileUrl()),
        duration(row.getVideoDurationNanos()), duration(row.getEncodingDurationNanos()));
  }

  private static String text(Optional<URI> uri) {
    return uri.map(URI::toString).orElse(null);
  }

  private static Optional<URI> uri(String text) {
    return Optional.ofNullable(text).map(URI::create);
  }

  private static Long nanos(Optional<Duration> duration) {
    return duration.map(Duration::toNanos).orElse(null);
  }

  private static Optional<Duration> duration(Long nanos) {
    return Optional.ofNullable(nanos).map(Duration::ofNanos);
  }
}
