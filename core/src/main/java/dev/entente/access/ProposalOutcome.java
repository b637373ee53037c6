package dev.entente.access;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;

/**
 * What approval would do for a requestor of no organization under "all external users" (R-POL-3):
 * create a {@link ProposedOrganization}, or nothing, for one of two reasons.
 */
sealed interface ProposalOutcome
    permits ProposedOrganization,
        ProposalOutcome.OrganizationAccountAdvised,
        ProposalOutcome.KeyHeld,
        ProposalOutcome.NeedsVerifiedEmail {

  /**
   * Approval would propose an email-domain organization for a domain that the tenant of {@code
   * tenantOrganization}, a configured organization, verifies (R-DEC-2).
   */
  record OrganizationAccountAdvised(
      ProposedOrganization proposed, ConnectedOrganization tenantOrganization, String tenantName)
      implements ProposalOutcome {}

  /** Another organization already holds the key the proposal would have (R-SRC-2). */
  record KeyHeld(IdentitySourceKey key, ConnectedOrganization holder) implements ProposalOutcome {}

  /** The requestor has no verified email whose domain the proposal could hold (R-REQ-1). */
  enum NeedsVerifiedEmail implements ProposalOutcome {
    /** The one value. */
    INSTANCE
  }
}
