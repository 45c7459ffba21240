package io.renderwatch.jdbc;

import io.renderwatch.core.port.JobStore;
import io.renderwatch.core.testing.JobStoreContract;

class PostgresJobStoreTest extends JobStoreContract {

  private JdbcStores stores;

  @Override
  protected JobStore newStore() {
    stores = Flavor.POSTGRESQL.openFresh();
    return stores.jobStore();
  }

  @Override
  protected void closeStore(JobStore store) {
    stores.close();
  }
}
