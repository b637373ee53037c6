package dev.entente.model;

/**
 * Whether an administrator stands behind a connected organization (R-ORG-2).
 *
 * <p>Created by an administrator, an organization is {@link #CONFIGURED} unless the caller asks
 * otherwise; created automatically for an approved requestor who belonged to no organization, it is
 * always {@link #PROPOSED}. An update may change either into the other.
 */
public enum OrganizationState {
  /**
   * Fully functional: its members are in scope of policies for "all configured connected
   * organizations" as well as of those naming it.
   */
  CONFIGURED,
  /**
   * Created automatically and not yet approved by an administrator: its members are treated as if
   * no organization existed for them, except by policies naming it or admitting any external user
   * (R-POL-2).
   */
  PROPOSED
}
