package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored record of one output file: where it went, its size and SHA-256, or that the CDN no
 * longer had it.
 *
 * @param jobId the job
 * @param file which output
 * @param url where it was fetched from
 * @param path where it was written (for {@code GONE}: where it would have gone)
 * @param bytes its size ({@code 0} when gone)
 * @param sha256 its SHA-256 in lower-case hex (empty when gone)
 * @param gone whether the CDN answered that the file is no longer there (403, 404 or 410)
 * @param recordedAt when this was recorded
 * @param modifiedAt the file's modification time on disk when its checksum was taken (to the
 *     microsecond), when known: a file still of this size and time is trusted without hashing
 */
public record ArchivedFile(JobId jobId, OutputFile file, URI url, Path path, long bytes,
    String sha256, boolean gone, Instant recordedAt, Optional<Instant> modifiedAt) {

  /** Requires every component, a size of at least 0, and a checksum unless gone. */
  public ArchivedFile {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    Objects.requireNonNull(recordedAt, "recordedAt == null");
    Objects.requireNonNull(modifiedAt, "modifiedAt == null");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0 but was " + bytes);
    }
    if (!gone && !Checksums.isSha256(sha256)) {
      throw new IllegalArgumentException("an archived file needs a SHA-256 of 64 hex digits");
    }
  }

  /** A record without the file's modification time (gone, or recorded before it was kept). */
  public ArchivedFile(JobId jobId, OutputFile file, URI url, Path path, long bytes, String sha256,
      boolean gone, Instant recordedAt) {
    this(jobId, file, url, path, bytes, sha256, gone, recordedAt, Optional.empty());
  }
}
