package io.renderwatch.jdbc;

import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;

class H2FileJobStoreTest extends JobStoreContract {

  private JdbcStores stores;

  @Override
  protected JobStore newStore() {
    stores = Flavor.H2_FILE.openFresh();
    return stores.jobStore();
  }

  @Override
  protected void closeStore(JobStore store) {
    stores.close();
  }
}
