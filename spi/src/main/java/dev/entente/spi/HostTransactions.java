package dev.entente.spi;

import java.util.Optional;

/**
 * How a host tells Entente about the transactions it manages (R-LOG-4): a framework's transaction
 * manager, or transactions a plain-JDBC host declares. A store that joins them ({@code
 * PostgresOrganizationStore.joining(…)}) writes on the {@link HostTransaction#connection
 * transaction's connection}, so its organization, audit record and change record commit or roll
 * back with the host's work; Entente runs every effect of the write outside the database — the
 * replica's install, the audit sink, listeners, published events — {@link
 * HostTransaction#afterCommit after the host's commit}, and never on rollback. Outside any host
 * transaction nothing changes: the store commits each write itself.
 *
 * <p>{@code entente-spring-boot-starter} implements this over Spring's transaction synchronization;
 * {@code JdbcTransactions} in {@code entente-postgres} lets a plain-JDBC host declare its own.
 * Implementations are thread-safe; {@link #current()} answers for the calling thread.
 */
@FunctionalInterface
public interface HostTransactions {
  /**
   * The host's transaction running on the calling thread, when one is: a transaction whose commit
   * or rollback the host will tell Entente of through {@link HostTransaction#afterCommit}.
   *
   * @return the current transaction, or empty outside one
   */
  Optional<HostTransaction> current();

  /**
   * Runs {@code action} after the commit of the transaction current on the calling thread, and
   * never if it rolls back; at once when none is current. What Entente does with a write's effects
   * outside the database (R-LOG-4).
   *
   * @param action what to run once the write it follows is committed
   */
  default void whenCommitted(Runnable action) {
    Optional<HostTransaction> host = current();
    if (host.isPresent()) {
      host.get().afterCommit(action);
    } else {
      action.run();
    }
  }

  /** {@return transactions of a host that declares none: never one current} */
  static HostTransactions none() {
    return None.INSTANCE;
  }

  /** The host that declares no transactions. */
  enum None implements HostTransactions {
    /** The one instance. */
    INSTANCE;

    @Override
    public Optional<HostTransaction> current() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "HostTransactions.none()";
    }
  }
}
