package dev.entente.errors;

import dev.entente.model.OrganizationId;

/** A create named an id that an organization already has. Nothing was written. */
public final class DuplicateOrganizationException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** The id already taken, as text. */
  private final String id;

  /**
   * A refusal naming the id already taken.
   *
   * @param id the id
   */
  public DuplicateOrganizationException(OrganizationId id) {
    super("A connected organization with the id " + id + " exists already; nothing was written.");
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
