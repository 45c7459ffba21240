package io.renderwatch.demo;

import io.renderwatch.cache.Caching;
import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;
import io.renderwatch.jdbc.JdbcStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract over the command's default stack: Caffeine memo in front of an H2 file. */
class CachingJdbcStoreContractTest extends JobStoreContract {

  @TempDir
  Path folder;

  private JdbcStores stores;

  @Override
  protected JobStore newStore() {
    stores = JdbcStores.h2File(folder.resolve("jobs"));
    return Caching.store(stores.jobStore());
  }

  @Override
  protected void closeStore(JobStore store) {
    stores.close();
  }
}
