package io.renderwatch.core.port;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * Where a job's current state comes from (the Pictory endpoint, a simulator, a cache).
 *
 * <p>Implementations must be thread-safe and must not block the caller: the returned future
 * completes later, on any thread. It completes either with a snapshot of the asked job or
 * exceptionally with a {@link SourceException}, never with another exception.
 */
public interface JobStatusSource {

  /** Asks for the job's current state. */
  CompletableFuture<JobSnapshot> fetch(JobId id);
}
