package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an archive run did with one output file.
 *
 * @param jobId the job
 * @param file which output
 * @param status what happened
 * @param path the file on disk, for {@code ARCHIVED} and {@code ALREADY}
 * @param bytes its size (0 unless on disk)
 * @param sha256 its SHA-256 in lower-case hex (empty unless on disk)
 * @param transferred how many bytes this run received for it
 * @param message for people: why it is gone or in error, or that it was fetched again because
 *     it had changed on disk; empty otherwise
 */
public record FileResult(JobId jobId, OutputFile file, Status status, Optional<Path> path,
    long bytes, String sha256, long transferred, String message) {

  /** What happened to a file. */
  public enum Status {
    /** Downloaded and verified in this run. */
    ARCHIVED,
    /** Already on disk with its recorded checksum: nothing was fetched. */
    ALREADY,
    /** The CDN no longer has it (403, 404 or 410). */
    GONE,
    /** It could not be archived; the message says why. */
    ERROR;

    /** The lower-case name used in output, e.g. {@code archived}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Requires every component. */
  public FileResult {
    Objects.requireNonNull(jobId, "jobId == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** Whether the file is on disk with a verified checksum now. */
  public boolean onDisk() {
    return status == Status.ARCHIVED || status == Status.ALREADY;
  }
}
