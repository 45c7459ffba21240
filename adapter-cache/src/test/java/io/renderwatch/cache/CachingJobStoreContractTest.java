package io.renderwatch.cache;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;

/** Core's store contract over the memo in front of the in-memory store, default options. */
class CachingJobStoreContractTest extends JobStoreContract {
  @Override
  protected JobStore newStore() {
    return Caching.store(new InMemoryJobStore());
  }
}
