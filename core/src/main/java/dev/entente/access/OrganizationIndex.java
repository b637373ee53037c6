package dev.entente.access;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import java.util.Optional;

/**
 * The organizations as the matcher reads them: by id and by identity-source key, each lookup O(1)
 * and without I/O. {@link OrganizationSnapshot} is the immutable one; Entente's in-memory store is
 * another.
 */
public interface OrganizationIndex {
  /** The organization with this id. */
  Optional<ConnectedOrganization> byId(OrganizationId id);

  /** The organization that holds this key (R-SRC-2: at most one does). */
  Optional<ConnectedOrganization> holderOf(IdentitySourceKey key);
}
