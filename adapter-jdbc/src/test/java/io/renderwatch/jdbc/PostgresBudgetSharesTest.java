package io.renderwatch.jdbc;

import io.renderwatch.core.port.BudgetShares;
import io.renderwatch.core.testing.BudgetSharesContract;

class PostgresBudgetSharesTest extends BudgetSharesContract {

  private JdbcStores stores;

  @Override
  protected BudgetShares newShares() {
    stores = Flavor.POSTGRESQL.openFresh();
    return stores.budgetShares();
  }

  @Override
  protected void closeShares(BudgetShares shares) {
    stores.close();
  }
}
