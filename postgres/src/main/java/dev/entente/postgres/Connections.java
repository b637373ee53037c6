package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.spi.HostTransaction;
import dev.entente.spi.HostTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.AutoSave;

/**
 * How the store uses the host's connections, whatever state its pool hands them out in (R-LOG-3).
 *
 * <ul>
 *   <li>A write is a transaction of the store's own, committed before the write returns: a write of
 *       one statement runs in autocommit (one round trip), a write of several in a transaction;
 *       autocommit and read-only are set as the write needs and put back as they came, so a pool
 *       that hands out connections with autocommit off (HikariCP beside JPA) loses nothing.
 *   <li>Inside a transaction the host declared ({@link HostTransactions}, R-LOG-4), a write runs on
 *       the transaction's connection inside a savepoint, and commits or rolls back with the host's
 *       work; a refused write rolls back to the savepoint, so the host's transaction stays usable.
 *       A transaction that does not run on the store's data source (autocommit on, or no connection
 *       to it), or is read-only, is refused before anything is written. The store's reads join it
 *       too, so that they see the transaction's own writes and take no second connection from the
 *       pool; the change feed's reads never do.
 *   <li>A connection that arrives inside a transaction the host began but did not declare is
 *       refused ({@link HostTransactionException}) before anything is sent: a write must either
 *       commit at once or take part in a transaction whose commit Entente hears of.
 *   <li>Every statement of a write is bounded by the store's write timeout (JDBC's query timeout:
 *       the driver cancels it), so a write blocked behind another transaction fails typed, with
 *       nothing written. The store's own reads are not bounded: in PostgreSQL a read waits on no
 *       row lock; the change feed's are, so that a live index closes promptly behind a table lock.
 *   <li>A serialization failure or deadlock (a pool handing out repeatable-read or serializable
 *       connections, CockroachDB) rolls back and is tried again, for as long as the timeout lasts.
 *   <li>A read runs on the connection as it comes; a transaction the read itself opened (autocommit
 *       off) is rolled back before the connection goes back.
 * </ul>
 */
final class Connections {
  /** One step of work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);

  private final DataSource dataSource;
  private final int timeoutSeconds;
  private final HostTransactions transactions;

  Connections(DataSource dataSource, Duration writeTimeout, HostTransactions transactions) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.timeoutSeconds = (int) checkedTimeout(writeTimeout).toSeconds();
    this.transactions = requireNonNull(transactions, "transactions");
  }

  HostTransactions transactions() {
    return transactions;
  }

  /**
   * {@code timeout} when a store may use it, else a refusal naming the field {@code writeTimeout}.
   */
  static Duration checkedTimeout(Duration timeout) {
    requireNonNull(timeout, "writeTimeout");
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(LONGEST_TIMEOUT) > 0
        || timeout.toNanos() % 1_000_000_000L != 0) {
      throw new ValidationException(
          "writeTimeout",
          timeout,
          "is not a timeout the store can apply",
          "whole seconds from 1 second to 1 hour (JDBC's query timeout counts seconds)");
    }
    return timeout;
  }

  DataSource dataSource() {
    return dataSource;
  }

  Duration writeTimeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /**
   * Runs reads on the host's transaction's connection when one is current and runs on the data
   * source, so that they see its writes; else as {@link #readCommitted}.
   *
   * @throws PortFailureException when the database fails
   */
  <T> T read(String operation, Work<T> work) {
    Optional<HostTransaction> host = transactions.current();
    if (host.isPresent()) {
      try {
        Optional<Connection> joined = host.get().connection(dataSource);
        if (joined.isPresent() && !joined.get().getAutoCommit()) {
          return work.run(joined.get());
        }
      } catch (SQLException e) {
        throw failure(operation, e);
      }
    }
    return readCommitted(operation, work);
  }

  /**
   * Runs reads on a connection as the pool hands it out, never the host's transaction's: what the
   * change feed reads is committed. A transaction they opened is rolled back.
   *
   * @throws PortFailureException when the database fails
   */
  <T> T readCommitted(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean own = !c.getAutoCommit() && !inTransaction(c);
      try {
        return work.run(c);
      } finally {
        if (own) {
          c.rollback();
        }
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** How a write runs: one statement in autocommit, or several in a transaction. */
  enum Mode {
    /** One statement in autocommit, committed by the server as it ends: one round trip. */
    ONE_STATEMENT,
    /** Several statements in one transaction, committed at the end. */
    TRANSACTION
  }

  /**
   * Runs the write {@code work}: inside the host's current transaction when there is one ({@link
   * #joined}), else as {@link #writeOwn}.
   *
   * @throws HostTransactionException when the host's transaction cannot be joined, or the
   *     connection is inside a transaction the host did not declare
   * @throws PortFailureException when the database fails
   */
  <T> T write(String operation, Mode mode, Work<T> work) {
    Optional<HostTransaction> host = transactions.current();
    if (host.isPresent()) {
      return joined(operation, mode, host.get(), work);
    }
    return writeOwn(operation, mode, work);
  }

  /**
   * Runs the write {@code work} on the host's transaction's connection, inside a savepoint:
   * released when the work succeeds, rolled back to when it fails, so that a refused write (a key
   * another organization holds) leaves the host's transaction as it was and usable. Nothing is
   * committed: the host's commit does that. Not tried again on a serialization failure, which fails
   * the host's whole transaction.
   */
  private <T> T joined(String operation, Mode mode, HostTransaction host, Work<T> work) {
    String where = "PostgresOrganizationStore." + operation;
    try {
      Connection c =
          host.connection(dataSource)
              .orElseThrow(() -> HostTransactionException.notOnThisDataSource(where));
      if (c.getAutoCommit()) {
        throw HostTransactionException.notOnThisDataSource(where);
      }
      if (c.isReadOnly()) {
        throw HostTransactionException.readOnly(where);
      }
      if (mode == Mode.ONE_STATEMENT && c.isWrapperFor(PGConnection.class)) {
        return autosaved(c.unwrap(PGConnection.class), c, work);
      }
      Savepoint savepoint = c.setSavepoint();
      try {
        T result = work.run(c);
        c.releaseSavepoint(savepoint);
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback(savepoint);
        } catch (SQLException again) {
          e.addSuppressed(again); // the connection is broken: the host's transaction fails
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Runs a write of one statement under pgjdbc's automatic savepoint: the driver sends the
   * savepoint with the statement, in its round trip, and rolls back to it when the statement fails,
   * so a refused write leaves the host's transaction usable at no round trip's cost when it
   * succeeds. The connection's own setting is put back.
   */
  private static <T> T autosaved(PGConnection pg, Connection c, Work<T> work) throws SQLException {
    AutoSave before = pg.getAutosave();
    pg.setAutosave(AutoSave.ALWAYS);
    try {
      return work.run(c);
    } finally {
      pg.setAutosave(before);
    }
  }

  /**
   * Runs the write {@code work} in a transaction of the store's own, committed before it returns,
   * whatever the connection's autocommit and read-only settings, which it then puts back; a
   * serialization failure or deadlock is rolled back and tried again while the write timeout lasts.
   * The work prepares its statements with {@link #bounded}.
   *
   * @throws HostTransactionException when the connection is inside a transaction of the host's
   * @throws PortFailureException when the database fails
   */
  <T> T writeOwn(String operation, Mode mode, Work<T> work) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int attempt = 1; ; attempt++) {
      try {
        return once(operation, mode, work);
      } catch (SQLException e) {
        if (!isRetryable(e) || System.nanoTime() - deadline > 0) {
          throw failure(operation, e);
        }
      }
      pause(attempt);
    }
  }

  /**
   * A statement the driver cancels when it outlasts the write timeout: each of a write, and each
   * read of the change feed.
   */
  PreparedStatement bounded(Connection c, String sql) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    s.setQueryTimeout(timeoutSeconds);
    return s;
  }

  private <T> T once(String operation, Mode mode, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (inTransaction(c)) { // autocommit off with statements run, or a BEGIN of the host's
        throw new HostTransactionException("PostgresOrganizationStore." + operation);
      }
      boolean autoCommit = c.getAutoCommit();
      boolean readOnly = c.isReadOnly();
      boolean wanted = mode == Mode.ONE_STATEMENT;
      if (autoCommit != wanted) {
        c.setAutoCommit(wanted); // no statement: the connection is idle
      }
      try {
        if (readOnly) {
          c.setReadOnly(false);
        }
        if (wanted) {
          return work.run(c);
        }
        T result;
        try {
          result = work.run(c);
          c.commit();
        } catch (SQLException | RuntimeException | Error e) {
          rollback(c, e);
          throw e;
        }
        return result;
      } finally {
        if (readOnly) {
          c.setReadOnly(true);
        }
        if (autoCommit != wanted) {
          c.setAutoCommit(autoCommit);
        }
      }
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e); // the connection is broken: the server rolls back as it ends
    }
  }

  /**
   * Whether the connection is inside a transaction that has run a statement. A driver other than
   * pgjdbc (a proxy that does not unwrap) cannot say, and counts as idle.
   */
  private static boolean inTransaction(Connection c) throws SQLException {
    if (!c.isWrapperFor(BaseConnection.class)) {
      return false;
    }
    return c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
  }

  /** Serialization failure or deadlock: the transaction was rolled back and may be tried again. */
  private static boolean isRetryable(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  /** A short random pause before another attempt, longer with each attempt, at most 50 ms. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(50, 1L + 5L * attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortFailureException(
          "PostgresOrganizationStore", "was interrupted between attempts; nothing was written");
    }
  }

  /**
   * The typed failure of {@code operation}: a statement canceled by the write timeout (SQLSTATE
   * 57014) or a lock not granted in time (55P03) says so, with the timeout.
   */
  PortFailureException failure(String operation, SQLException e) {
    SQLException cause = e;
    if ("57014".equals(e.getSQLState()) || "55P03".equals(e.getSQLState())) {
      cause =
          new SQLTimeoutException(
              "a statement did not finish within the store's write timeout of "
                  + timeoutSeconds
                  + " s (most often it waited for a lock another transaction holds) and was"
                  + " canceled; nothing was written",
              e.getSQLState(),
              e);
    }
    return new PortFailureException("PostgresOrganizationStore." + operation, cause);
  }
}
