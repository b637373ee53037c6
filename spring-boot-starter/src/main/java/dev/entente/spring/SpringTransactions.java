package dev.entente.spring;

import dev.entente.spi.HostTransaction;
import dev.entente.spi.HostTransactions;
import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's transactions, as Entente's {@link HostTransactions} (R-LOG-4): inside a transaction
 * Spring manages on the calling thread ({@code @Transactional}, {@code TransactionTemplate}), a
 * store that joins it writes on the connection Spring bound to the transaction for the store's
 * {@code DataSource} — so Entente's organization, audit record and change record commit or roll
 * back with the application's work — and Entente's effects outside the database (the replica's
 * install, the audit sink, published application events, listeners) run in {@link
 * TransactionSynchronization#afterCommit()}, never on rollback.
 *
 * <p>The starter declares one and makes the PostgreSQL store join it, unless {@code
 * entente.transactions.join=false}. A transaction whose manager runs on another {@code DataSource}
 * (another database, or JTA without a bound JDBC connection) has no connection to give, and the
 * store refuses to write in it rather than commit on its own.
 */
public final class SpringTransactions implements HostTransactions {
  private static final HostTransaction CURRENT = new Current();

  /** Spring's transactions. */
  public SpringTransactions() {}

  @Override
  public Optional<HostTransaction> current() {
    if (TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive()) {
      return Optional.of(CURRENT);
    }
    return Optional.empty();
  }

  /**
   * The transaction current on the calling thread, as Spring's synchronization manager holds it.
   */
  private static final class Current implements HostTransaction {
    @Override
    public Optional<Connection> connection(DataSource dataSource) {
      DataSource target =
          dataSource instanceof TransactionAwareDataSourceProxy proxy
              ? proxy.getTargetDataSource()
              : dataSource;
      if (target != null
          && TransactionSynchronizationManager.getResource(target) instanceof ConnectionHolder held
          && held.getConnectionHandle() != null) {
        return Optional.of(held.getConnection());
      }
      return Optional.empty();
    }

    @Override
    public void afterCommit(Runnable action) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    }
  }

  @Override
  public String toString() {
    return "SpringTransactions";
  }
}
