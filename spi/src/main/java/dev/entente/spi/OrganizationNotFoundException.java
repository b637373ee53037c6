package dev.entente.spi;

import dev.entente.model.EntenteException;
import dev.entente.model.OrganizationId;

/** No organization has the id an update or delete named. Nothing was written. */
public final class OrganizationNotFoundException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final OrganizationId id;

  /** A refusal naming the id that was not found. */
  public OrganizationNotFoundException(OrganizationId id) {
    super("No connected organization has the id " + id + "; nothing was written.");
    this.id = id;
  }

  public OrganizationId id() {
    return id;
  }
}
