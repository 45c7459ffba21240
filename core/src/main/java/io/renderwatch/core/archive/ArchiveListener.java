package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;

/**
 * Told how an archive run advances, for progress displays; called from the downloading threads,
 * so implementations must be thread-safe and quick. Every method does nothing by default.
 */
public interface ArchiveListener {

  /** A download announced its total length, {@code resumedAt} bytes of which were on disk. */
  default void expecting(JobId jobId, OutputFile file, long total, long resumedAt) {}

  /** Bytes arrived for some file. */
  default void received(long bytes) {}

  /** A file is done, whatever happened to it. */
  default void finished(FileResult result) {}

  /** Ignores everything. */
  ArchiveListener NONE = new ArchiveListener() {};
}
