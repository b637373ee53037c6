package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;

/**
 * That a requestor belongs to a connected organization, and through which of its identity sources
 * (R-MAT-1).
 *
 * @param organization the organization
 * @param source the identity source that admitted the requestor
 */
public record Membership(ConnectedOrganization organization, IdentitySource source)
    implements Holding {
  /**
   * Checks the components: none may be null.
   *
   * @param organization the organization
   * @param source the identity source that admitted the requestor
   */
  public Membership {
    requireNonNull(organization, "organization");
    requireNonNull(source, "source");
  }
}
