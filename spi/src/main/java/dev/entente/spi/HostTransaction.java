package dev.entente.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One transaction of the host's, current on the calling thread (R-LOG-4): the connection it runs
 * on, and a way to act after its commit. Got from {@link HostTransactions#current()}.
 */
public interface HostTransaction {
  /**
   * The connection this transaction runs on for {@code dataSource}: the one the host's own
   * statements use, with autocommit off. Entente sends its statements on it inside a savepoint (so
   * that a refused write leaves the host's transaction usable), and neither commits, closes nor
   * changes the settings of it: it stays the transaction's.
   *
   * <p>Empty when the transaction does not run on {@code dataSource} — the host's transaction
   * manager manages another database or another pool — and Entente then refuses the write before
   * anything is written, since it could not commit or roll back with the host's work.
   *
   * @param dataSource the data source the store was given
   * @return the transaction's connection to it, or empty when it has none
   * @throws SQLException when the transaction's connection cannot be had
   */
  Optional<Connection> connection(DataSource dataSource) throws SQLException;

  /**
   * Runs {@code action} once the transaction has committed, on the thread that committed it; never
   * when it rolls back. Actions run in the order they were registered. An action's failure is the
   * action's: it does not undo the commit.
   *
   * @param action what to run after the commit
   */
  void afterCommit(Runnable action);
}
