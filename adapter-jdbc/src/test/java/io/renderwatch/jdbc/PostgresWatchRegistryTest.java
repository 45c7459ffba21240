package io.renderwatch.jdbc;

import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.testing.WatchRegistryContract;

class PostgresWatchRegistryTest extends WatchRegistryContract {

  private JdbcStores stores;

  @Override
  protected WatchRegistry newRegistry() {
    stores = Flavor.POSTGRESQL.openFresh();
    return stores.watchRegistry();
  }

  @Override
  protected void closeRegistry(WatchRegistry registry) {
    stores.close();
  }
}
