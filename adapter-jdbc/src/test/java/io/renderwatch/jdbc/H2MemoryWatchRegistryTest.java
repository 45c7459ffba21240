package io.renderwatch.jdbc;

import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.testing.WatchRegistryContract;

class H2MemoryWatchRegistryTest extends WatchRegistryContract {

  private JdbcStores stores;

  @Override
  protected WatchRegistry newRegistry() {
    stores = Flavor.H2_MEMORY.openFresh();
    return stores.watchRegistry();
  }

  @Override
  protected void closeRegistry(WatchRegistry registry) {
    stores.close();
  }
}
