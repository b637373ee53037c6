package dev.entente.errors;

/**
 * A host's port (its store, directory lookup or delete guard) failed with an exception of its own.
 * The original is the {@linkplain #getCause() cause}. Entente makes at most one write per
 * operation, so a failure leaves nothing half-written: either the store applied the write or it did
 * not.
 */
public final class PortFailureException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The port and operation that failed, such as {@code OrganizationStore.get}. */
  private final String port;

  /**
   * A failure of {@code port} during {@code operation}.
   *
   * @param port which port failed, such as {@code "OrganizationStore.update"}
   * @param cause what it threw
   */
  public PortFailureException(String port, RuntimeException cause) {
    super(port + " failed: " + cause, cause);
    this.port = port;
  }

  /**
   * Which port and method failed.
   *
   * @return which port and method failed
   */
  public String port() {
    return port;
  }
}
