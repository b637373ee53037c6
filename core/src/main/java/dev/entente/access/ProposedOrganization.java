package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import java.time.Instant;

/**
 * The organization that approving a request would create (R-POL-3): always {@link
 * OrganizationState#PROPOSED}, created by the system, with one identity source that follows how the
 * requestor signed in. Computed by the matcher; written by the management service on approval.
 *
 * @param displayName the name it would get
 * @param source its one identity source
 */
public record ProposedOrganization(String displayName, IdentitySource source)
    implements ProposalOutcome {
  /**
   * Checks the components: none may be null.
   *
   * @param displayName the name it would get
   * @param source its one identity source
   */
  public ProposedOrganization {
    requireNonNull(displayName, "displayName");
    requireNonNull(source, "source");
  }

  /**
   * {@return the organization as a store would hold it once created}
   *
   * @param id the id
   * @param createdAt when it is created
   */
  public ConnectedOrganization toOrganization(OrganizationId id, Instant createdAt) {
    return ConnectedOrganization.builder()
        .id(id)
        .displayName(displayName)
        .state(OrganizationState.PROPOSED)
        .addIdentitySources(source)
        .createdAt(createdAt)
        .createdBy(Actor.system())
        .build();
  }
}
