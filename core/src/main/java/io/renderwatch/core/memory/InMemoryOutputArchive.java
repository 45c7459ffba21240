package io.renderwatch.core.memory;

import io.renderwatch.core.archive.ArchivedFile;
import io.renderwatch.core.archive.OutputArchive;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An {@link OutputArchive} in memory, thread-safe; for tests and single-process embedding. */
public final class InMemoryOutputArchive implements OutputArchive {

  private final Map<JobId, Map<OutputFile, ArchivedFile>> byJob = new HashMap<>();

  /** An empty archive. */
  public InMemoryOutputArchive() {}

  @Override
  public synchronized List<ArchivedFile> find(JobId jobId) {
    Objects.requireNonNull(jobId, "jobId == null");
    Map<OutputFile, ArchivedFile> files = byJob.get(jobId);
    return files == null ? List.of() : List.copyOf(files.values());
  }

  @Override
  public synchronized Map<JobId, List<ArchivedFile>> findAll(Collection<JobId> jobIds) {
    Map<JobId, List<ArchivedFile>> found = new LinkedHashMap<>();
    for (JobId id : jobIds) {
      List<ArchivedFile> files = find(id);
      if (!files.isEmpty()) {
        found.put(id, files);
      }
    }
    return found;
  }

  @Override
  public synchronized void record(ArchivedFile file) {
    Objects.requireNonNull(file, "file == null");
    byJob.computeIfAbsent(file.jobId(), id -> new EnumMap<>(OutputFile.class))
        .put(file.file(), file);
  }
}
