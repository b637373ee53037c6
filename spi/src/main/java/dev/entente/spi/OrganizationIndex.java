package dev.entente.spi;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * The organizations as the matcher reads them: by id and by identity-source key, each lookup O(1),
 * without I/O and without allocating. {@link OrganizationSnapshot} is the immutable one; Entente's
 * in-memory store is another. The lookups answer {@code null} for "none" rather than an {@code
 * Optional}: they sit on the matcher's hot path, which allocates only the decision.
 */
public interface OrganizationIndex {
  /** The organization with this id, or null. */
  @Nullable ConnectedOrganization byId(OrganizationId id);

  /** The organization that holds this key (R-SRC-2: at most one does), or null. */
  @Nullable ConnectedOrganization holderOf(IdentitySourceKey key);
}
