package dev.entente.examples;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A store an embedding product might write in an afternoon: two maps behind one lock. It is here to
 * show what plugging in a store takes — and it passes {@code OrganizationStoreContract}, like
 * Entente's own (see {@code SynchronizedMapStoreTest}). A product with a database follows the same
 * shape with a transaction instead of the lock (see {@link OrganizationStore}'s javadoc). It keeps
 * no change log, so it does not keep the record each write is handed.
 */
public final class SynchronizedMapStore implements OrganizationStore {
  private final TreeMap<OrganizationId, ConnectedOrganization> byId = new TreeMap<>();
  private final Map<IdentitySourceKey, OrganizationId> byKey = new HashMap<>();

  @Override
  public synchronized Optional<ConnectedOrganization> get(OrganizationId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    OrganizationId id = byKey.get(key);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Page<ConnectedOrganization> list(PageRequest page) {
    return page(page, org -> true);
  }

  @Override
  public synchronized Page<ConnectedOrganization> search(
      OrganizationQuery query, PageRequest page) {
    return page(page, query::matches);
  }

  @Override
  public synchronized ConnectedOrganization create(ConnectedOrganization org, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change); // a record of another directory: refused
    if (!org.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", org.version(), "is not the version of a new organization", "version 1");
    }
    if (byId.containsKey(org.id())) {
      throw new DuplicateOrganizationException(org.id());
    }
    checkKeys(org);
    byId.put(org.id(), org);
    org.identitySources().forEach(s -> byKey.put(s.key(), org.id()));
    return org;
  }

  @Override
  public synchronized ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change); // a record of another directory: refused
    if (next.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", next.version(), "is not the version of an update", "at least 2");
    }
    ConnectedOrganization current = byId.get(next.id());
    if (current == null) {
      throw new OrganizationNotFoundException(next.id());
    }
    if (!current.version().next().equals(next.version())) {
      throw new StaleVersionException(
          next.id(), Version.of(next.version().value() - 1), current.version());
    }
    checkKeys(next);
    current.identitySources().forEach(s -> byKey.remove(s.key()));
    next.identitySources().forEach(s -> byKey.put(s.key(), next.id()));
    byId.put(next.id(), next);
    return next;
  }

  @Override
  public synchronized void delete(OrganizationId id, Version expected, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change); // a record of another directory: refused
    ConnectedOrganization current = byId.get(id);
    if (current == null) {
      throw new OrganizationNotFoundException(id);
    }
    if (!current.version().equals(expected)) {
      throw new StaleVersionException(id, expected, current.version());
    }
    byId.remove(id);
    current.identitySources().forEach(s -> byKey.remove(s.key()));
  }

  private void checkKeys(ConnectedOrganization org) {
    for (IdentitySource source : org.identitySources()) {
      OrganizationId holder = byKey.get(source.key());
      if (holder != null && !holder.equals(org.id())) {
        throw new IdentitySourceConflictException(
            source.key(), holder, requireNonNull(byId.get(holder)).displayName());
      }
    }
  }

  private Page<ConnectedOrganization> page(
      PageRequest page, Predicate<ConnectedOrganization> filter) {
    SortedMap<OrganizationId, ConnectedOrganization> rest =
        page.cursor()
            .map(
                c ->
                    (SortedMap<OrganizationId, ConnectedOrganization>)
                        byId.tailMap(c.afterId(), false))
            .orElse(byId);
    List<ConnectedOrganization> items = new ArrayList<>();
    for (ConnectedOrganization org : rest.values()) {
      if (!filter.test(org)) {
        continue;
      }
      if (items.size() == page.size()) {
        return Page.of(items, PageCursor.after(items.get(items.size() - 1).id()));
      }
      items.add(org);
    }
    return Page.of(items, null);
  }
}
