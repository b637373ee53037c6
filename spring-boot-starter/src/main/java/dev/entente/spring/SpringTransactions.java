package dev.entente.spring;

import dev.entente.spi.HostTransaction;
import dev.entente.spi.HostTransactions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * TransactionSynchronization#afterCommit()}, never on rollback — nor when a nested transaction
 * ({@code PROPAGATION_NESTED}) rolls back to its savepoint the writes it made; a transaction
 * suspended for a {@code REQUIRES_NEW} one keeps its effects apart from the inner one's.
 *
 * <p>The starter declares one and makes the PostgreSQL store join it, unless {@code
 * entente.transactions.join=false}. A transaction whose manager runs on another {@code DataSource}
 * (another database, or JTA without a bound JDBC connection) has no connection to give, and the
 * store refuses to write in it rather than commit on its own.
 */
public final class SpringTransactions implements HostTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(SpringTransactions.class);
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
      Effects effects = (Effects) TransactionSynchronizationManager.getResource(Effects.KEY);
      if (effects == null) {
        effects = new Effects();
        TransactionSynchronizationManager.bindResource(Effects.KEY, effects);
        TransactionSynchronizationManager.registerSynchronization(effects);
      }
      effects.actions.add(action);
    }
  }

  /**
   * The effects of one Spring transaction's Entente writes, run after its commit. A nested
   * transaction that rolls back to its savepoint ({@code PROPAGATION_NESTED}) drops the effects of
   * the writes it undid, and a transaction suspended for another ({@code REQUIRES_NEW}) keeps its
   * own: the inner one collects, and commits, its own.
   */
  private static final class Effects implements TransactionSynchronization {
    /** The key these effects are bound under while their transaction is current. */
    static final Object KEY = new Object();

    final List<Runnable> actions = new ArrayList<>();

    /** How many actions there were when each savepoint was made. */
    final IdentityHashMap<Object, Integer> savepoints = new IdentityHashMap<>();

    @Override
    public void savepoint(Object savepoint) {
      savepoints.put(savepoint, actions.size());
    }

    @Override
    public void savepointRollback(Object savepoint) {
      Integer before = savepoints.get(savepoint);
      if (before != null) {
        actions.subList(before, actions.size()).clear(); // their writes were rolled back
      }
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(KEY);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(KEY, this);
    }

    @Override
    public void afterCommit() {
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("An Entente action after the transaction's commit failed; the commit stands", e);
        }
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }
  }

  @Override
  public String toString() {
    return "SpringTransactions";
  }
}
