package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.util.List;
import java.util.Objects;

/**
 * What an archive run did with one job's output files.
 *
 * @param jobId the job
 * @param files one result per output the job has, in {@link OutputFile} order
 */
public record JobArchive(JobId jobId, List<FileResult> files) {

  /** Requires every component; copies the list. */
  public JobArchive {
    Objects.requireNonNull(jobId, "jobId == null");
    files = List.copyOf(files);
  }

  /** Whether every file of the job is on disk with a verified checksum. */
  public boolean complete() {
    return files.stream().allMatch(FileResult::onDisk);
  }
}
