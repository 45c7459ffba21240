package io.renderwatch.cache;

import io.renderwatch.core.memory.InMemoryJobStore;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;
import java.time.Duration;

/** Core's store contract over the memo holding non-terminal snapshots too, in a small memo. */
class CachingJobStoreWithTtlContractTest extends JobStoreContract {
  @Override
  protected JobStore newStore() {
    return Caching.store(new InMemoryJobStore(), CachingJobStore.Options.defaults()
        .withMaximumSize(16)
        .withNonTerminalTtl(Duration.ofMinutes(5)));
  }
}
