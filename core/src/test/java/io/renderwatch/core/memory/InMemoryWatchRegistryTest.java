package io.renderwatch.core.memory;

import io.renderwatch.core.port.WatchRegistry;
import io.renderwatch.core.testing.WatchRegistryContract;

class InMemoryWatchRegistryTest extends WatchRegistryContract {
  @Override
  protected WatchRegistry newRegistry() {
    return new InMemoryWatchRegistry();
  }
}
