package dev.entente.access;

import com.google.common.collect.ImmutableMap;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.spi.OrganizationIndex;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, indexed set of organizations: hash lookups by id and by identity-source key, so
 * that matching costs the same whatever the number of organizations and whatever order they were
 * added in (R-MAT-1).
 */
public final class OrganizationSnapshot implements OrganizationIndex {
  private static final OrganizationSnapshot EMPTY =
      new OrganizationSnapshot(ImmutableMap.of(), ImmutableMap.of());

  private final ImmutableMap<OrganizationId, ConnectedOrganization> byId;
  private final ImmutableMap<IdentitySourceKey, ConnectedOrganization> byKey;

  private OrganizationSnapshot(
      ImmutableMap<OrganizationId, ConnectedOrganization> byId,
      ImmutableMap<IdentitySourceKey, ConnectedOrganization> byKey) {
    this.byId = byId;
    this.byKey = byKey;
  }

  /** {@return no organizations} */
  public static OrganizationSnapshot empty() {
    return EMPTY;
  }

  /**
   * {@return a snapshot of these organizations}
   *
   * @param organizations the organizations
   * @throws IdentitySourceConflictException when two organizations hold one identity-source key
   *     (R-SRC-2)
   * @throws ValidationException on field {@code organizations[i].id} when two share an id
   */
  public static OrganizationSnapshot of(Iterable<ConnectedOrganization> organizations) {
    Map<OrganizationId, ConnectedOrganization> byId = new HashMap<>();
    Map<IdentitySourceKey, ConnectedOrganization> byKey = new HashMap<>();
    int i = 0;
    for (ConnectedOrganization org : organizations) {
      ConnectedOrganization sameId = byId.putIfAbsent(org.id(), org);
      if (sameId != null) {
        throw new ValidationException(
            "organizations[" + i + "].id",
            org.id(),
            "is already the id of " + sameId.displayName(),
            "one organization per id");
      }
      for (IdentitySource source : org.identitySources()) {
        ConnectedOrganization holder = byKey.putIfAbsent(source.key(), org);
        if (holder != null) {
          throw new IdentitySourceConflictException(
              source.key(), holder.id(), holder.displayName());
        }
      }
      i++;
    }
    return new OrganizationSnapshot(ImmutableMap.copyOf(byId), ImmutableMap.copyOf(byKey));
  }

  @Override
  public @Nullable ConnectedOrganization byId(OrganizationId id) {
    return byId.get(id);
  }

  @Override
  public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    return byKey.get(key);
  }

  /** {@return how many organizations} */
  public int size() {
    return byId.size();
  }
}
