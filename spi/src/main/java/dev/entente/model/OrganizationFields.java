package dev.entente.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a connected organization that its administrator chooses (R-ORG-1): its name,
 * description, state, identity sources and sponsors. {@link ConnectedOrganization} has them, and so
 * has {@code OrganizationDraft} in {@code entente-core}; each one's builder copies them from the
 * other with {@code from(OrganizationFields)}, so a draft is made from an organization in one call:
 * {@code OrganizationDraft.from(organization)}.
 */
public interface OrganizationFields {
  /** {@return the name shown for the organization, trimmed} */
  String displayName();

  /** {@return a description, if any} */
  Optional<String> description();

  /** {@return configured or proposed (R-ORG-2)} */
  OrganizationState state();

  /** {@return who belongs, in the order given; never empty (R-SRC-1)} */
  List<IdentitySource> identitySources();

  /** {@return member users or groups of the host directory who sponsor it (R-SPN-1)} */
  Set<Sponsor> internalSponsors();

  /** {@return guest users or groups from the organization who sponsor it (R-SPN-1)} */
  Set<Sponsor> externalSponsors();
}
