package io.renderwatch.jdbc;

import static io.renderwatch.jdbc.schema.Tables.ARCHIVED_FILE;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.jdbc.schema.tables.records.ArchivedFileRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link OutputArchive} on the {@code archived_file} table (migration V2): one row per job
 * and output, replaced by an upsert. A row for a job that is not stored is refused by the
 * foreign key, as a {@link io.renderwatch.core.port.StoreException}.
 */
final class JdbcOutputArchive implements OutputArchive {

  private static final String ARCHIVED = "archived";
  private static final String GONE = "gone";

  private final Database db;

  JdbcOutputArchive(Database db) {
    this.db = Objects.requireNonNull(db, "db == null");
  }

  @Override
  public List<ArchivedFile> find(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId == null");
    return findAll(List.of(jobId)).getOrDefault(jobId, List.of());
  }

  @Override
  public Map<JobId, List<ArchivedFile>> findAll(Collection<JobId> jobIds) {
    Objects.requireNonNull(jobIds, "jobIds == null");
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    List<UUID> ids = jobIds.stream().map(JobId::value).toList();
    List<ArchivedFileRecord> rows = db.call("read the archived files",
        () -> db.dsl().selectFrom(ARCHIVED_FILE).where(ARCHIVED_FILE.JOB_ID.in(ids)).fetch());
    Map<JobId, List<ArchivedFile>> found = new LinkedHashMap<>();
    for (ArchivedFileRecord row : rows) {
      toFile(row).ifPresent(file ->
          found.computeIfAbsent(file.jobId(), id -> new ArrayList<>()).add(file));
    }
    found.replaceAll((id, files) -> {
      files.sort(Comparator.comparing(ArchivedFile::file));
      return List.copyOf(files);
    });
    return found;
  }

  @Override
  public void record(ArchivedFile file) {
    Objects.requireNonNull(file, "file == null");
    String status = file.gone() ? GONE : ARCHIVED;
    String sha256 = file.gone() ? null : file.sha256();
    Instant modifiedAt = file.gone() ? null : file.modifiedAt().map(Instants::fit).orElse(null);
    db.run("record the archived " + file.file().fileName() + " of job " + file.jobId(),
        () -> db.dsl().insertInto(ARCHIVED_FILE)
            .set(ARCHIVED_FILE.JOB_ID, file.jobId().value())
            .set(ARCHIVED_FILE.FIELD, file.file().field())
            .set(ARCHIVED_FILE.URL, file.url().toString())
            .set(ARCHIVED_FILE.PATH, file.path().toString())
            .set(ARCHIVED_FILE.BYTES, file.bytes())
            .set(ARCHIVED_FILE.SHA256, sha256)
            .set(ARCHIVED_FILE.STATUS, status)
            .set(ARCHIVED_FILE.RECORDED_AT, Instants.fit(file.recordedAt()))
            .set(ARCHIVED_FILE.MODIFIED_AT, modifiedAt)
            .onConflict(ARCHIVED_FILE.JOB_ID, ARCHIVED_FILE.FIELD).doUpdate()
            .set(ARCHIVED_FILE.URL, file.url().toString())
            .set(ARCHIVED_FILE.PATH, file.path().toString())
            .set(ARCHIVED_FILE.BYTES, file.bytes())
            .set(ARCHIVED_FILE.SHA256, sha256)
            .set(ARCHIVED_FILE.STATUS, status)
            .set(ARCHIVED_FILE.RECORDED_AT, Instants.fit(file.recordedAt()))
            .set(ARCHIVED_FILE.MODIFIED_AT, modifiedAt)
            .execute());
  }

  /** A row as a record; a row of an output this version does not know is skipped. */
  private static Optional<ArchivedFile> toFile(ArchivedFileRecord row) {
    return OutputFile.ofField(row.getField()).map(file -> new ArchivedFile(
        new JobId(row.getJobId()), file, URI.create(row.getUrl()), Path.of(row.getPath()),
        row.getBytes(), row.getSha256() == null ? "" : row.getSha256(),
        GONE.equals(row.getStatus()), row.getRecordedAt(),
        Optional.ofNullable(row.getModifiedAt())));
  }
}
