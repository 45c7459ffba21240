package io.renderwatch.core.archive;

import java.net.URI;
import java.nio.file.Path;

/**
 * Downloads one file into a partial file, resuming what an earlier attempt left there when the
 * server allows it. Implementations are thread-safe and only fetch {@code https} URLs (or plain
 * {@code http} to a loopback host), following redirects only to {@code https}.
 */
public interface FileFetcher {

  /**
   * Completes {@code part} with the file at {@code url} and forces it to the disk.
   *
   * @param url where the file is
   * @param part the partial file: resumed from its current length when it exists (if the server
   *     supports ranges; else rewritten), created otherwise
   * @param maxBytes the largest file accepted
   * @param progress told the file's length once announced, then each chunk received
   * @return the complete file's size and SHA-256, and what this call transferred
   * @throws FetchException when the file could not be fetched (gone, refused, or failed)
   * @throws DiskException when the file could not be written (full, unwritable)
   */
  Fetched fetch(URI url, Path part, long maxBytes, Progress progress)
      throws FetchException, DiskException;

  /**
   * A file fetched completely.
   *
   * @param bytes the file's size
   * @param sha256 the file's SHA-256, lower-case hex
   * @param transferred how many of its bytes this call received (less than {@code bytes} when
   *     resumed)
   */
  record Fetched(long bytes, String sha256, long transferred) {}

  /** Told how a download advances; called from the downloading thread. */
  interface Progress {
    /** The server announced the file's total length; {@code resumedAt} bytes were on disk. */
    void length(long total, long resumedAt);

    /** A chunk of {@code bytes} arrived and was written. */
    void received(long bytes);
  }
}
