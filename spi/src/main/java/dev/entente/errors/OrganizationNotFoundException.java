package dev.entente.errors;

import dev.entente.model.OrganizationId;

/** No organization has the id an update or delete named. Nothing was written. */
public final class OrganizationNotFoundException extends EntenteException {
  private static final long serialVersionUID = 1L;

  private final String id; // as text, so the exception serializes

  /** A refusal naming the id that was not found. */
  public OrganizationNotFoundException(OrganizationId id) {
    super("No connected organization has the id " + id + "; nothing was written.");
    this.id = id.toString();
  }

  /**
   * The organization's id.
   *
   * @return the id
   */
  public OrganizationId id() {
    return OrganizationId.of(id);
  }
}
