package dev.entente.postgres;

import dev.entente.errors.EntenteException;

/**
 * The host's {@code DataSource} handed the store a connection inside a transaction of the host's
 * own — autocommit off, statements already run, as a Spring transaction-aware proxy does inside
 * {@code @Transactional} — for a write (R-LOG-3).
 *
 * <p>The store never joins a host transaction: a write it reports done must be committed, with its
 * change record, before it returns, and the live index and the audit sink act on it at once. It
 * refuses such a connection before sending anything on it, so nothing is written and the host's
 * transaction is left exactly as it was. Give the store a {@code DataSource} whose connections are
 * not bound to the host's transaction: the pool itself, not a transaction-aware proxy of it.
 */
public final class HostTransactionException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The operation refused, such as {@code PostgresOrganizationStore.create}. */
  private final String operation;

  /**
   * A refusal of {@code operation}.
   *
   * @param operation the operation refused, such as {@code PostgresOrganizationStore.create}
   */
  public HostTransactionException(String operation) {
    super(
        operation
            + " was handed a connection inside a transaction the host began (autocommit off,"
            + " statements already run). The store never joins a host transaction, so that a write"
            + " it reports done is committed and recorded at once; nothing was sent on the"
            + " connection and the host's transaction is untouched. Give the store a DataSource"
            + " whose connections are not bound to the host's transaction (the pool itself, not a"
            + " transaction-aware proxy).");
    this.operation = operation;
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
