package dev.entente.errors;

import dev.entente.model.OrganizationId;

/** No organization has the id an update or delete named. Nothing was written. */
public final class OrganizationNotFoundException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The id that was not found, as text. */
  private final String id;

  /**
   * A refusal naming the id that was not found.
   *
   * @param id the id
   */
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
