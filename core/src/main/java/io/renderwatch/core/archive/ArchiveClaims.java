package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.time.Instant;

/**
 * Which process archives a job's files now, so that processes sharing a store never fetch the
 * same file at once. A claim lasts until a given time; its holder renews it while it works and
 * releases it when done; a claim whose time has passed may be taken by anyone. Thread-safe;
 * storage failures surface as {@link io.renderwatch.core.port.StoreException}.
 */
public interface ArchiveClaims {

  /**
   * Claims a stored job for {@code owner} until {@code until}: granted when nobody holds it,
   * when {@code owner} already does (then renewed), or when the holder's time ended before
   * {@code now}.
   *
   * @return whether {@code owner} holds the claim now
   */
  boolean claim(JobId jobId, String owner, Instant now, Instant until);

  /** Gives up {@code owner}'s claim on a job; does nothing if another holds it. */
  void release(JobId jobId, String owner);
}
