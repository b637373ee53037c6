package dev.entente.spi;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * The organizations as the matcher reads them: by id and by identity-source key. A port: a host
 * whose {@link OrganizationStore} does I/O implements it as an in-memory view of that store, so
 * that decisions never wait on the store.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>Each lookup is O(1), does no I/O, does not block and allocates nothing: both sit on the
 *       matcher's hot path, which allocates only the decision. They answer {@code null} for "none"
 *       rather than an {@code Optional} for that reason.
 *   <li>Thread-safe, and each answer is one committed state of one organization: never a value a
 *       store refused, never half of an update.
 *   <li>{@link #holderOf} agrees with R-SRC-2: at most one organization holds a key, and it is the
 *       one whose identity sources include a source with that key.
 *   <li>Read your writes: once a write through the same {@code Entente} returns, both lookups
 *       answer with it (R-IDX-2).
 * </ul>
 *
 * <p>Entente's in-memory store implements it, and so does {@code OrganizationSnapshot} (an
 * immutable index in core). A host plugs its own in with {@code Entente.builder().index(…)};
 * otherwise {@code Entente} uses the store itself when the store implements this interface, and
 * calls {@link OrganizationStore#get} and {@link OrganizationStore#findByKey} when it does not.
 * {@code OrganizationIndexContract} in {@code entente-testkit} is the suite an index must pass.
 */
public interface OrganizationIndex {
  /**
   * The organization with this id.
   *
   * @param id the organization's id
   * @return the organization, or null when none has this id
   */
  @Nullable ConnectedOrganization byId(OrganizationId id);

  /**
   * The organization that holds this key (R-SRC-2: at most one does).
   *
   * @param key an identity-source key
   * @return the organization with a source of this key, or null when none has one
   */
  @Nullable ConnectedOrganization holderOf(IdentitySourceKey key);
}
