package dev.entente.spi;

import dev.entente.model.EntenteException;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;

/**
 * A write named a version that is no longer the organization's current one (R-MGT-4): someone
 * changed it first. Nothing was written; read it again and decide anew.
 */
public final class StaleVersionException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final OrganizationId id;
  @SuppressWarnings("serial")
  private final Version expected;
  @SuppressWarnings("serial")
  private final Version actual;

  /**
   * A refusal of a write based on {@code expected} when the store holds {@code actual}.
   *
   * @param id the organization
   * @param expected the version the write was based on
   * @param actual the version the store holds
   */
  public StaleVersionException(OrganizationId id, Version expected, Version actual) {
    super("The organization " + id + " is at version " + actual + ", but the change was based on version " + expected
        + "; nothing was written. Read it again and retry (R-MGT-4).");
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }

  public OrganizationId id() {
    return id;
  }

  /** The version the write was based on. */
  public Version expected() {
    return expected;
  }

  /** The version the store holds. */
  public Version actual() {
    return actual;
  }
}
