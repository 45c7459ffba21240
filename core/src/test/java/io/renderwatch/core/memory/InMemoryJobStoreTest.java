package io.renderwatch.core.memory;

import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore newStore() {
    return new InMemoryJobStore();
  }
}
