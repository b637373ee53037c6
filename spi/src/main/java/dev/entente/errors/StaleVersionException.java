package dev.entente.errors;

import dev.entente.model.OrganizationId;
import dev.entente.model.Version;

/**
 * A write named a version that is no longer the organization's current one (R-MGT-4): someone
 * changed it first. Nothing was written; read it again and decide anew.
 */
public final class StaleVersionException extends EntenteException {
  private static final long serialVersionUID = 1L;

  // Kept as text and numbers, so the exception serializes; the accessors rebuild the values.
  /** The organization's id, as text. */
  private final String id;

  /** The version the write was based on. */
  private final long expected;

  /** The version the store holds. */
  private final long actual;

  /**
   * A refusal of a write based on {@code expected} when the store holds {@code actual}.
   *
   * @param id the organization
   * @param expected the version the write was based on
   * @param actual the version the store holds
   */
  public StaleVersionException(OrganizationId id, Version expected, Version actual) {
    super(
        "The organization "
            + id
            + " is at version "
            + actual
            + ", but the change was based on version "
            + expected
            + "; nothing was written. Read it again and retry (R-MGT-4).");
    this.id = id.toString();
    this.expected = expected.value();
    this.actual = actual.value();
  }

  /**
   * The organization.
   *
   * @return its id
   */
  public OrganizationId id() {
    return OrganizationId.of(id);
  }

  /**
   * The version the write was based on.
   *
   * @return that version
   */
  public Version expected() {
    return Version.of(expected);
  }

  /**
   * The version the store holds.
   *
   * @return that version
   */
  public Version actual() {
    return Version.of(actual);
  }
}
