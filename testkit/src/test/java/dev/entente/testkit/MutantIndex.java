package dev.entente.testkit;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A cache a host keeps beside its store, fed by the store's writes, with one deliberate defect, for
 * testing that {@link OrganizationIndexContract} rejects it. Without a defect it is correct: each
 * write is applied, under one lock, once the store has taken it.
 */
final class MutantIndex extends ForwardingOrganizationStore implements OrganizationIndex {
  /** The defects an index author could plausibly write. */
  enum Defect {
    /** None: the index is correct, and must pass the kit. */
    NONE,
    /** A delete leaves the organization in the key map, so its keys still find it. */
    KEY_MAP_KEEPS_DELETES,
    /**
     * A delete leaves a tombstone at the version deleted, and a write at that version or below is
     * taken for an older one: an id re-created at version 1 is never answered.
     */
    TOMBSTONES_BY_VERSION,
    /**
     * Each write is applied when the next one arrives: the index never reads its own last write.
     */
    ONE_WRITE_BEHIND
  }

  private final Defect defect;
  private final InMemoryOrganizationStore real = new InMemoryOrganizationStore();
  private final Map<OrganizationId, ConnectedOrganization> byId = new HashMap<>();
  private final Map<IdentitySourceKey, ConnectedOrganization> byKey = new HashMap<>();
  private final Map<OrganizationId, Version> tombstones = new HashMap<>();
  private @Nullable Runnable pending;

  MutantIndex(Defect defect) {
    this.defect = defect;
  }

  @Override
  protected OrganizationStore delegate() {
    return real;
  }

  @Override
  public synchronized @Nullable ConnectedOrganization byId(OrganizationId id) {
    return byId.get(id);
  }

  @Override
  public synchronized @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    return byKey.get(key);
  }

  private synchronized void apply(Runnable change) {
    if (defect == Defect.ONE_WRITE_BEHIND) {
      Runnable before = pending;
      pending = change;
      if (before != null) {
        before.run();
      }
    } else {
      change.run();
    }
  }

  private void put(ConnectedOrganization org) {
    Version tombstone = tombstones.get(org.id());
    if (defect == Defect.TOMBSTONES_BY_VERSION
        && tombstone != null
        && org.version().value() <= tombstone.value()) {
      return;
    }
    remove(org.id());
    byId.put(org.id(), org);
    for (IdentitySource source : org.identitySources()) {
      byKey.put(source.key(), org);
    }
  }

  private void remove(OrganizationId id) {
    ConnectedOrganization was = byId.remove(id);
    if (was != null && defect != Defect.KEY_MAP_KEEPS_DELETES) {
      was.identitySources().forEach(s -> byKey.remove(s.key(), was));
    }
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    ConnectedOrganization created = real.create(organization, change);
    apply(() -> put(created));
    return created;
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    ConnectedOrganization updated = real.update(next, change);
    apply(() -> put(updated));
    return updated;
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    real.delete(id, expected, change);
    apply(
        () -> {
          tombstones.put(id, expected);
          remove(id);
        });
  }
}
