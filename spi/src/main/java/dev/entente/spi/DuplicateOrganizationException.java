package dev.entente.spi;

import dev.entente.model.EntenteException;
import dev.entente.model.OrganizationId;

/** A create named an id that an organization already has. Nothing was written. */
public final class DuplicateOrganizationException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final OrganizationId id;

  /** A refusal naming the id already taken. */
  public DuplicateOrganizationException(OrganizationId id) {
    super("A connected organization with the id " + id + " exists already; nothing was written.");
    this.id = id;
  }

  public OrganizationId id() {
    return id;
  }
}
