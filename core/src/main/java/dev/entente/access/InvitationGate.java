package dev.entente.access;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The host's invitation gate (docs/rules.md §12): what Entra checks before it lets an external user
 * in, whichever organization they belong to and whatever policy admits them. It has two parts, and
 * both must let a requestor in:
 *
 * <ul>
 *   <li>the domain list of the external collaboration settings ({@link CollaborationRestrictions},
 *       R-MAT-3), which applies to everyone;
 *   <li>the cross-tenant access settings ({@link CrossTenantAccess}, R-XTA-1, R-XTA-2), which judge
 *       requestors of Entra tenants. Empty when the host has not given them: then they are not
 *       judged, as before Entente knew them.
 * </ul>
 *
 * <p>Each host directory has its own gate; {@code Entente.Builder.gates} asks for the gate of a
 * decision's directory at each decision, so settings pulled from Entra apply at the next one.
 *
 * @param domains the domain allow or deny list
 * @param crossTenantAccess the cross-tenant access settings, when the host has them
 */
public record InvitationGate(
    CollaborationRestrictions domains, Optional<CrossTenantAccess> crossTenantAccess) {
  private static final InvitationGate NONE =
      new InvitationGate(CollaborationRestrictions.none(), Optional.empty());

  /**
   * Checks the components: none may be null.
   *
   * @param domains the domain list
   * @param crossTenantAccess the cross-tenant access settings, if any
   */
  public InvitationGate {
    requireNonNull(domains, "domains");
    requireNonNull(crossTenantAccess, "crossTenantAccess");
  }

  /** {@return no domain list, no cross-tenant access settings: nothing is refused at the gate} */
  public static InvitationGate none() {
    return NONE;
  }

  /**
   * {@return a gate of a domain list only}
   *
   * @param domains the domain list
   */
  public static InvitationGate of(CollaborationRestrictions domains) {
    return new InvitationGate(domains, Optional.empty());
  }

  /**
   * {@return a gate of a domain list and cross-tenant access settings}
   *
   * @param domains the domain list
   * @param crossTenantAccess the cross-tenant access settings
   */
  public static InvitationGate of(
      CollaborationRestrictions domains, CrossTenantAccess crossTenantAccess) {
    return new InvitationGate(domains, Optional.of(crossTenantAccess));
  }
}
