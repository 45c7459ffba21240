package io.renderwatch.core.archive;

import io.renderwatch.core.model.JobId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable records of archived output files, one per job and output, kept beside the job's
 * result. Thread-safe; a record is durable when {@link #record} returns. Storage failures surface
 * as {@link io.renderwatch.core.port.StoreException}.
 */
public interface OutputArchive {

  /** The records of one job, in {@link OutputFile} order; empty when nothing was archived. */
  List<ArchivedFile> find(JobId jobId);

  /** The records of many jobs at once; jobs without any record are absent from the map. */
  Map<JobId, List<ArchivedFile>> findAll(Collection<JobId> jobIds);

  /** Records a file, replacing the job's earlier record of the same output. */
  void record(ArchivedFile file);
}
