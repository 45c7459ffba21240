package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.ARCHIVE_CLAIM;

import io.renderwatch.core.archive.ArchiveClaims;
import io.renderwatch.core.model.JobId;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link ArchiveClaims} on the {@code archive_claim} table (migration V6): one row per job
 * being archived, taken by an insert that does nothing on conflict, or by an update whose
 * condition (ours, or ended) the database checks, so two processes never both hold a job.
 */
final class JdbcArchiveClaims implements ArchiveClaims {

  private static final int MAX_OWNER_LENGTH = 200;

  private final Database db;

  JdbcArchiveClaims(Database db) {
    this.db = Objects.requireNonNull(db, "db == null");
  }

  @Override
  public boolean claim(JobId jobId, String owner, Instant now, Instant until) {
    Objects.requireNonNull(jobId, "jobId == null");
    checkOwner(owner);
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(until, "until == null");
    Instant at = Instants.fit(now);
    Instant end = Instants.fit(until);
    return db.call("claim the archiving of job " + jobId, () -> {
      int inserted = db.dsl().insertInto(ARCHIVE_CLAIM)
          .set(ARCHIVE_CLAIM.JOB_ID, jobId.value())
          .set(ARCHIVE_CLAIM.OWNER, owner)
          .set(ARCHIVE_CLAIM.CLAIMED_UNTIL, end)
          .onConflict(ARCHIVE_CLAIM.JOB_ID).doNothing()
          .execute();
      if (inserted == 1) {
        return true;
      }
      return db.dsl().update(ARCHIVE_CLAIM)
          .set(ARCHIVE_CLAIM.OWNER, owner)
          .set(ARCHIVE_CLAIM.CLAIMED_UNTIL, end)
          .where(ARCHIVE_CLAIM.JOB_ID.eq(jobId.value()))
          .and(ARCHIVE_CLAIM.OWNER.eq(owner).or(ARCHIVE_CLAIM.CLAIMED_UNTIL.lt(at)))
          .execute() == 1;
    });
  }

  @Override
  public void release(JobId jobId, String owner) {
    Objects.requireNonNull(jobId, "jobId == null");
    checkOwner(owner);
    db.run("release the archiving of job " + jobId, () -> db.dsl().deleteFrom(ARCHIVE_CLAIM)
        .where(ARCHIVE_CLAIM.JOB_ID.eq(jobId.value()))
        .and(ARCHIVE_CLAIM.OWNER.eq(owner))
        .execute());
  }

  private static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner == null");
    if (owner.isEmpty() || owner.length() > MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException("owner must have 1 to " + MAX_OWNER_LENGTH
          + " characters but had " + owner.length());
    }
  }
}
