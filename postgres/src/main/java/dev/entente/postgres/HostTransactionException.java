package dev.entente.postgres;

import dev.entente.errors.EntenteException;

/**
 * A write the store cannot make in the host's transaction (R-LOG-3, R-LOG-4): the connection
 * arrived inside a transaction the host began but did not declare ({@link
 * dev.entente.spi.HostTransactions}); or the host's declared transaction does not run on the
 * store's data source; or it is read-only. Refused before anything is sent on the connection, so
 * nothing is written and the host's transaction is left exactly as it was. A caller's setup, never
 * a failure of the database.
 */
public final class HostTransactionException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The operation refused, such as {@code PostgresOrganizationStore.create}. */
  private final String operation;

  /**
   * A refusal of {@code operation}, handed a connection inside a transaction the host did not
   * declare.
   *
   * @param operation the operation refused, such as {@code PostgresOrganizationStore.create}
   */
  public HostTransactionException(String operation) {
    this(
        operation,
        operation
            + " was handed a connection inside a transaction the host began (autocommit off,"
            + " statements already run) but did not declare. The store cannot commit the write"
            + " at once without committing the host's work, nor hear of the host's commit; nothing"
            + " was sent on the connection and the host's transaction is untouched. Declare the"
            + " host's transactions to the store (PostgresOrganizationStore.joining, which the"
            + " Spring Boot starter does), or give it a DataSource whose connections are not bound"
            + " to the host's transaction.");
  }

  private HostTransactionException(String operation, String message) {
    super(message);
    this.operation = operation;
  }

  /** The host's transaction has no connection to the store's data source. */
  static HostTransactionException notOnThisDataSource(String operation) {
    return new HostTransactionException(
        operation,
        operation
            + " was called inside a transaction of the host's that does not run on the store's"
            + " DataSource (its transaction manager manages another database or pool, or the"
            + " connection it has is in autocommit), so the write could not commit or roll back"
            + " with the host's work; nothing was written. Give the store the DataSource the"
            + " transaction manager manages, or make the write outside that transaction.");
  }

  /** The host's transaction is read-only. */
  static HostTransactionException readOnly(String operation) {
    return new HostTransactionException(
        operation,
        operation
            + " was called inside a read-only transaction of the host's (such as"
            + " @Transactional(readOnly = true)); nothing was written. Make the write in a"
            + " read-write transaction, or outside one.");
  }

  /**
   * The operation refused.
   *
   * @return the operation, such as {@code PostgresOrganizationStore.create}
   */
  public String operation() {
    return operation;
  }
}
