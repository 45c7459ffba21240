package io.renderwatch.core.memory;

import io.renderwatch.core.port.BudgetShares;
import io.renderwatch.core.testing.BudgetSharesContract;

class InMemoryBudgetSharesTest extends BudgetSharesContract {

  @Override
  protected BudgetShares newShares() {
    return new InMemoryBudgetShares();
  }
}
