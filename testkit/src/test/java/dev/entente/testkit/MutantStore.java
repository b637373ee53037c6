package dev.entente.testkit;

import static java.lang.String.CASE_INSENSITIVE_ORDER;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A plausible store with one deliberate defect, for testing that {@link OrganizationStoreContract}
 * rejects it. Without a defect it is correct: creates, updates and deletes hold one lock.
 */
final class MutantStore implements OrganizationStore, OrganizationStores {
  /** The defects a store author could plausibly write. */
  enum Defect {
    /** None: the store is correct, and must pass the kit. */
    NONE,
    /**
     * Updates check the key index and then write, locked per organization only: two updates of
     * different organizations can both take one key.
     */
    RACY_UPDATE,
    /** Deletes leave the organization's keys in the key index. */
    KEEPS_KEYS_ON_DELETE,
    /** Deletes ignore the version they were based on. */
    IGNORES_VERSION_ON_DELETE,
    /** A page starts at its cursor's id instead of after it, repeating that id. */
    REPEATS_PAGE_BOUNDARY,
    /**
     * The directories of one deployment share one key index: a key held in one directory is found,
     * and refused, in every other (a unique index on the key alone, without the directory).
     */
    SHARES_KEYS_ACROSS_DIRECTORIES,
    /** Writes take a change record of any directory, as if it were the store's own. */
    IGNORES_DIRECTORY_OF_CHANGE,
    /**
     * A page's cursor names the first organization of the next page, not the last of this one, so
     * that organization is skipped (an off-by-one in keyset paging).
     */
    SKIPS_PAGE_BOUNDARY,
    /** Ids are ordered as a case-insensitive database collation orders them, not by code point. */
    ORDERS_BY_COLLATION,
    /** An update is accepted at any later version, not only the next: a skipped version is lost. */
    ACCEPTS_ANY_LATER_VERSION,
    /** Keys are checked and put one at a time, so a refused write leaves the keys before it. */
    HALF_WRITES_ON_CONFLICT,
    /** An update at version 1, the caller's mistake, is refused as stale, the store's state. */
    REPORTS_VERSION_ONE_AS_STALE,
    /** A create keeps whatever version the organization came with. */
    ACCEPTS_ANY_CREATE_VERSION,
    /**
     * Keys are unique per kind of source only (a unique index on kind and key): a domain held as an
     * email domain can also be federated by another organization.
     */
    UNIQUE_PER_KIND,
    /** A name search compares case-sensitively. */
    SEARCHES_CASE_SENSITIVELY,
  }

  private final Defect defect;
  private final HostDirectory directory;
  private final ConcurrentSkipListMap<HostDirectory, MutantStore> deployment;
  private final ConcurrentSkipListMap<OrganizationId, ConnectedOrganization> byId =
      new ConcurrentSkipListMap<>();
  private final Map<Object, OrganizationId> byKey;
  private final Map<OrganizationId, Object> locks = new ConcurrentHashMap<>();
  private final Object global = new Object();

  MutantStore(Defect defect) {
    this(defect, HostDirectory.DEFAULT, new ConcurrentSkipListMap<>(), new ConcurrentHashMap<>());
  }

  private MutantStore(
      Defect defect,
      HostDirectory directory,
      ConcurrentSkipListMap<HostDirectory, MutantStore> deployment,
      Map<Object, OrganizationId> byKey) {
    this.defect = defect;
    this.directory = directory;
    this.deployment = deployment;
    this.byKey = byKey;
    deployment.putIfAbsent(directory, this);
  }

  @Override
  public HostDirectory directory() {
    return directory;
  }

  @Override
  public OrganizationStore inDirectory(HostDirectory other) {
    return deployment.computeIfAbsent(
        other,
        d ->
            new MutantStore(
                defect,
                d,
                deployment,
                defect == Defect.SHARES_KEYS_ACROSS_DIRECTORIES
                    ? byKey
                    : new ConcurrentHashMap<>()));
  }

  @Override
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    return deployment.values().stream()
        .filter(s -> !s.byId.isEmpty())
        .map(s -> s.directory)
        .filter(d -> after.isEmpty() || d.compareTo(after.get()) > 0)
        .limit(limit)
        .toList();
  }

  private void check(AuditEvent change) {
    if (defect != Defect.IGNORES_DIRECTORY_OF_CHANGE) {
      OrganizationStore.checkDirectory(this, change);
    }
  }

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    OrganizationId id = defect == Defect.UNIQUE_PER_KIND ? anyKind(key) : byKey.get(key);
    ConnectedOrganization org = id == null ? null : byId.get(id);
    return defect == Defect.SHARES_KEYS_ACROSS_DIRECTORIES && org == null && id != null
        ? deployment.values().stream().map(s -> s.byId.get(id)).filter(o -> o != null).findFirst()
        : Optional.ofNullable(org);
  }

  private @Nullable OrganizationId anyKind(IdentitySourceKey key) {
    for (IdentitySource.Kind kind : IdentitySource.Kind.values()) {
      OrganizationId held = byKey.get(List.of(kind, key));
      if (held != null) {
        return held;
      }
    }
    return null;
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return page(page, org -> true);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    if (defect == Defect.SEARCHES_CASE_SENSITIVELY && query.nameContains().isPresent()) {
      String fragment = query.nameContains().get();
      return page(page, org -> query.matches(org) && org.displayName().contains(fragment));
    }
    return page(page, query::matches);
  }

  private Page<ConnectedOrganization> page(
      PageRequest page, Predicate<ConnectedOrganization> filter) {
    NavigableMap<OrganizationId, ConnectedOrganization> ordered = byId;
    if (defect == Defect.ORDERS_BY_COLLATION) {
      ordered =
          new TreeMap<>(
              Comparator.comparing((OrganizationId id) -> id.toString(), CASE_INSENSITIVE_ORDER)
                  .thenComparing(Comparator.naturalOrder()));
      ordered.putAll(byId);
    }
    NavigableMap<OrganizationId, ConnectedOrganization> all = ordered;
    Map<OrganizationId, ConnectedOrganization> from =
        page.cursor()
            .map(PageCursor::afterId)
            .map(id -> all.tailMap(id, defect == Defect.REPEATS_PAGE_BOUNDARY))
            .orElse(all);
    List<ConnectedOrganization> items = new ArrayList<>();
    for (ConnectedOrganization org : from.values()) {
      if (filter.test(org)) {
        if (items.size() == page.size()) {
          OrganizationId last =
              defect == Defect.SKIPS_PAGE_BOUNDARY ? org.id() : items.get(items.size() - 1).id();
          return Page.of(items, PageCursor.after(last));
        }
        items.add(org);
      }
    }
    return Page.of(items, null);
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    check(change);
    if (defect != Defect.ACCEPTS_ANY_CREATE_VERSION
        && !organization.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", organization.version(), "is not that of a new organization", "version 1");
    }
    synchronized (global) {
      if (byId.containsKey(organization.id())) {
        throw new DuplicateOrganizationException(organization.id());
      }
      checkKeys(organization);
      putKeys(organization);
      byId.put(organization.id(), organization);
      return organization;
    }
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    check(change);
    if (next.version().equals(Version.initial())) {
      if (defect == Defect.REPORTS_VERSION_ONE_AS_STALE) {
        throw new StaleVersionException(next.id(), Version.initial(), Version.initial());
      }
      throw new ValidationException(
          "version", next.version(), "is not the version of an update", "at least 2");
    }
    Object lock =
        defect == Defect.RACY_UPDATE
            ? locks.computeIfAbsent(next.id(), id -> new Object())
            : global;
    synchronized (lock) {
      ConnectedOrganization current = byId.get(next.id());
      if (current == null) {
        throw new OrganizationNotFoundException(next.id());
      }
      boolean accepted =
          defect == Defect.ACCEPTS_ANY_LATER_VERSION
              ? next.version().value() > current.version().value()
              : current.version().next().equals(next.version());
      if (!accepted) {
        throw new StaleVersionException(
            next.id(), Version.of(next.version().value() - 1), current.version());
      }
      checkKeys(next);
      if (defect == Defect.RACY_UPDATE) {
        Thread.yield(); // the window between the check and the write that a real database has
      }
      current.identitySources().forEach(s -> byKey.remove(keyOf(s), next.id()));
      putKeys(next);
      byId.put(next.id(), next);
      return next;
    }
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    check(change);
    synchronized (global) {
      ConnectedOrganization current = byId.get(id);
      if (current == null) {
        throw new OrganizationNotFoundException(id);
      }
      if (defect != Defect.IGNORES_VERSION_ON_DELETE && !current.version().equals(expected)) {
        throw new StaleVersionException(id, expected, current.version());
      }
      if (defect != Defect.KEEPS_KEYS_ON_DELETE) {
        current.identitySources().forEach(s -> byKey.remove(keyOf(s), id));
      }
      byId.remove(id);
    }
  }

  /** The key a source is held under: its key, or with the defect, its kind and key. */
  private Object keyOf(IdentitySource source) {
    return defect == Defect.UNIQUE_PER_KIND ? List.of(source.kind(), source.key()) : source.key();
  }

  private void checkKeys(ConnectedOrganization org) {
    for (IdentitySource source : org.identitySources()) {
      OrganizationId holder = byKey.get(keyOf(source));
      if (defect == Defect.HALF_WRITES_ON_CONFLICT && (holder == null || holder.equals(org.id()))) {
        byKey.put(keyOf(source), org.id());
      }
      if (holder != null && !holder.equals(org.id())) {
        ConnectedOrganization held = byId.get(holder);
        throw new IdentitySourceConflictException(
            source.key(), holder, held == null ? holder.toString() : held.displayName());
      }
    }
  }

  private void putKeys(ConnectedOrganization org) {
    org.identitySources().forEach(s -> byKey.put(keyOf(s), org.id()));
  }
}
