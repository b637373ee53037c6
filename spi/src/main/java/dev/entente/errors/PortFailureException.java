package dev.entente.errors;

/**
 * A host's port (its store, directory lookup, clock or delete guard) failed: it threw an exception
 * of its own (the {@linkplain #getCause() cause}), checked ones thrown sneakily included, or it
 * returned null where its interface promises a value. Entente makes at most one write per operation
 * and reads the clock before it, so a failure leaves nothing half-written: either the store applied
 * the write or it did not.
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
  public PortFailureException(String port, Exception cause) {
    super(port + " failed: " + cause, cause);
    this.port = port;
  }

  /**
   * A port that broke its interface's promise without throwing, such as returning null.
   *
   * @param port which port failed, such as {@code "OrganizationStore.get"}
   * @param what what it did, as a sentence fragment ("returned null, which its interface does not
   *     allow")
   */
  public PortFailureException(String port, String what) {
    super(port + " " + what + ".");
    this.port = port;
  }

  /** {@return which port and method failed} */
  public String port() {
    return port;
  }
}
