package io.renderwatch.jdbc;

import io.renderwatch.core.port.BudgetShares;
import io.renderwatch.core.testing.BudgetSharesContract;

class H2FileBudgetSharesTest extends BudgetSharesContract {

  private JdbcStores stores;

  @Override
  protected BudgetShares newShares() {
    stores = Flavor.H2_FILE.openFresh();
    return stores.budgetShares();
  }

  @Override
  protected void closeShares(BudgetShares shares) {
    stores.close();
  }
}
