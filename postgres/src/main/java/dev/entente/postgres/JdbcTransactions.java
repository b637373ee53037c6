package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.spi.HostTransaction;
import dev.entente.spi.HostTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions a plain-JDBC host declares to Entente (R-LOG-4), for a host without a framework's
 * transaction manager: {@link #inTransaction} runs the host's work and Entente's writes on one
 * connection, in one transaction, and runs Entente's effects (replica, audit, listeners) after the
 * commit.
 *
 * <pre>{@code
 * JdbcTransactions transactions = JdbcTransactions.create();
 * PostgresOrganizationStore store = PostgresOrganizationStore.of(dataSource).joining(transactions);
 * Entente entente = Entente.builder().store(store).build();
 * transactions.inTransaction(dataSource, connection -> {
 *   insertCustomer(connection);                        // the host's own statements
 *   return entente.organizations().create(draft, by);  // commits or rolls back with them
 * });
 * }</pre>
 *
 * <p>A call inside another on the same thread takes part in the outer transaction. Thread-safe:
 * each thread has its own current transaction.
 */
public final class JdbcTransactions implements HostTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);

  /** Work on the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Runs the work.
     *
     * @param connection the transaction's connection; not to be committed, rolled back or closed
     * @return the result
     * @throws SQLException when a statement fails; the transaction then rolls back
     */
    T run(Connection connection) throws SQLException;
  }

  // One per instance, not static: each JdbcTransactions declares its own transactions.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable Current> current = new ThreadLocal<>();

  private JdbcTransactions() {}

  /** {@return transactions to declare with {@link #inTransaction}} */
  public static JdbcTransactions create() {
    return new JdbcTransactions();
  }

  @Override
  public Optional<HostTransaction> current() {
    return Optional.ofNullable(current.get());
  }

  /**
   * Runs {@code work} in a transaction on a connection of {@code dataSource}: autocommit off, then
   * commit when the work returns, or roll back when it throws; after the commit, once the
   * connection is back, the actions Entente registered run in order. The connection goes back to
   * the pool with autocommit as it came. Inside another call on this thread, the work takes part in
   * that call's transaction instead, which must be on the same data source.
   *
   * @param dataSource where the connection comes from
   * @param work the host's work and Entente's writes
   * @param <T> the result's type
   * @return the work's result
   * @throws SQLException when the work, the commit or the connection fails; the transaction was
   *     rolled back, unless the commit's own failure leaves its outcome unknown
   * @throws IllegalStateException when called inside a transaction on another data source
   */
  public <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(work, "work");
    Current outer = current.get();
    if (outer != null) {
      if (outer.dataSource != dataSource) {
        throw new IllegalStateException(
            "inTransaction was called inside a transaction on another DataSource");
      }
      return work.run(outer.connection);
    }
    Current tx;
    T result;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      tx = new Current(dataSource, c);
      current.set(tx);
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw e;
      } finally {
        current.remove();
        try {
          c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
          LOG.debug("Could not put autocommit back on a connection after a transaction", e);
        }
      }
    }
    tx.committed(); // the connection is back in the pool: the actions may take one
    return result;
  }

  /** The transaction running on one thread. */
  private static final class Current implements HostTransaction {
    final DataSource dataSource;
    final Connection connection;
    final List<Runnable> afterCommit = new ArrayList<>();

    Current(DataSource dataSource, Connection connection) {
      this.dataSource = dataSource;
      this.connection = connection;
    }

    @Override
    public Optional<Connection> connection(DataSource dataSource) {
      return dataSource == this.dataSource ? Optional.of(connection) : Optional.empty();
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(requireNonNull(action, "action"));
    }

    /** Runs the actions; one's failure is logged and does not stop the others. */
    void committed() {
      for (Runnable action : afterCommit) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.warn("An action after a host transaction's commit failed; the commit stands", e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "JdbcTransactions";
  }
}
