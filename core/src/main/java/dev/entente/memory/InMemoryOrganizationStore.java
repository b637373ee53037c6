package dev.entente.memory;

import dev.entente.access.OrganizationIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceConflictException;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.ValidationException;
import dev.entente.model.Version;
import dev.entente.spi.DuplicateOrganizationException;
import dev.entente.spi.OrganizationNotFoundException;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import dev.entente.spi.StaleVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Entente's default store: thread-safe and linearizable, with lock-free reads.
 *
 * <p>Each organization lives in a cell whose one volatile reference is swapped on every write:
 * that swap is the instant the write takes effect. Two hash indexes point at the cells, by id and
 * by identity-source key, so {@link #get}, {@link #findByKey} and the matcher's lookups are one
 * hash lookup each, O(1) whatever the number of organizations. Writes to one organization are
 * serialised by a lock striped over ids, so writes to different organizations proceed in parallel;
 * a write reserves the keys it adds with {@code putIfAbsent} before it takes effect, which makes
 * the uniqueness of R-SRC-2 atomic, and frees the keys it drops afterwards. Updates cost O(1)
 * amortised plus the keys that change; creates and deletes also touch an ordered set of ids, O(log
 * n), which serves paging in id order. {@link #search} scans in id order: O(n) in the worst case.
 */
public final class InMemoryOrganizationStore implements OrganizationStore, OrganizationIndex {
  private static final int STRIPES = 256;
  private static final long RESERVATION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One organization's current value; null before its create takes effect and after its delete. */
  private static final class Cell {
    volatile @Nullable ConnectedOrganization value;
  }

  private final ConcurrentHashMap<OrganizationId, Cell> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<IdentitySourceKey, Cell> byKey = new ConcurrentHashMap<>();
  private final NavigableSet<OrganizationId> order = new ConcurrentSkipListSet<>();
  private final Object[] stripes = new Object[STRIPES];

  /** An empty store. */
  public InMemoryOrganizationStore() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    return Optional.ofNullable(current(id));
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    return Optional.ofNullable(holderOf(key));
  }

  @Override
  public @Nullable ConnectedOrganization byId(OrganizationId id) {
    return current(id);
  }

  @Override
  public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    Cell cell = byKey.get(key);
    ConnectedOrganization org = cell == null ? null : cell.value;
    return org != null && holds(org, key) ? org : null;
  }

  /** How many organizations the store holds. */
  public int size() {
    return order.size();
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return scan(page, org -> true);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    return scan(page, query::matches);
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization org) {
    if (!org.version().equals(Version.initial())) {
      throw new ValidationException("version", org.version(), "is not the version of a new organization", "version 1");
    }
    OrganizationId id = org.id();
    synchronized (stripe(id)) {
      if (byId.containsKey(id)) {
        throw new DuplicateOrganizationException(id);
      }
      Cell cell = new Cell();
      reserve(org, keysOf(org), cell);
      byId.put(id, cell);
      order.add(id);
      cell.value = org;
    }
    return org;
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next) {
    if (next.version().equals(Version.initial())) {
      throw new ValidationException("version", next.version(), "is not the version of an update",
          "the stored version plus one, at least 2");
    }
    OrganizationId id = next.id();
    synchronized (stripe(id)) {
      Cell cell = byId.get(id);
      ConnectedOrganization current = cell == null ? null : cell.value;
      if (cell == null || current == null) {
        throw new OrganizationNotFoundException(id);
      }
      if (!current.version().next().equals(next.version())) {
        throw new StaleVersionException(id, Version.of(next.version().value() - 1), current.version());
      }
      List<IdentitySourceKey> added = new ArrayList<>(2);
      for (IdentitySource source : next.identitySources()) {
        if (!holds(current, source.key())) {
          added.add(source.key());
        }
      }
      reserve(next, added, cell);
      cell.value = next;
      for (IdentitySource source : current.identitySources()) {
        if (!holds(next, source.key())) {
          byKey.remove(source.key(), cell);
        }
      }
    }
    return next;
  }

  @Override
  public void delete(OrganizationId id, Version expected) {
    synchronized (stripe(id)) {
      Cell cell = byId.get(id);
      ConnectedOrganization current = cell == null ? null : cell.value;
      if (cell == null || current == null) {
        throw new OrganizationNotFoundException(id);
      }
      if (!current.version().equals(expected)) {
        throw new StaleVersionException(id, expected, current.version());
      }
      cell.value = null;
      for (IdentitySource source : current.identitySources()) {
        byKey.remove(source.key(), cell);
      }
      order.remove(id);
      byId.remove(id, cell);
    }
  }

  private @Nullable ConnectedOrganization current(OrganizationId id) {
    Cell cell = byId.get(id);
    return cell == null ? null : cell.value;
  }

  private Page<ConnectedOrganization> scan(PageRequest page, Predicate<ConnectedOrganization> filter) {
    NavigableSet<OrganizationId> ids = page.cursor().map(c -> order.tailSet(c.afterId(), false)).orElse(order);
    List<ConnectedOrganization> items = new ArrayList<>(Math.min(page.size(), 64));
    for (OrganizationId id : ids) {
      ConnectedOrganization org = current(id);
      if (org == null || !filter.test(org)) {
        continue;
      }
      if (items.size() == page.size()) {
        return Page.of(items, PageCursor.after(items.get(items.size() - 1).id()));
      }
      items.add(org);
    }
    return Page.of(items, null);
  }

  /**
   * Reserves {@code keys} for {@code cell} before its new value takes effect. A key whose holder
   * really holds it is a conflict (R-SRC-2); a key in passing — reserved by a write that has not
   * yet taken effect, or dropped by one that has not yet freed it — is waited out, after giving
   * back every reservation made here so that two writers cannot wait on each other.
   */
  private void reserve(ConnectedOrganization org, List<IdentitySourceKey> keys, Cell cell) {
    long deadline = System.nanoTime() + RESERVATION_TIMEOUT_NANOS;
    while (true) {
      List<IdentitySourceKey> reserved = new ArrayList<>(keys.size());
      IdentitySourceKey inPassing = null;
      try {
        for (IdentitySourceKey key : keys) {
          Cell other = byKey.putIfAbsent(key, cell);
          if (other == null) {
            reserved.add(key);
            continue;
          }
          if (other == cell) {
            continue;
          }
          ConnectedOrganization holder = other.value;
          if (holder != null && holds(holder, key)) {
            throw new IdentitySourceConflictException(key, holder.id(), holder.displayName());
          }
          inPassing = key;
          break;
        }
      } catch (RuntimeException e) {
        release(reserved, cell);
        throw e;
      }
      if (inPassing == null) {
        return;
      }
      release(reserved, cell);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the identity-source key " + inPassing + " of " + org.id()
            + " stayed in passing for 10 seconds; a writer must have failed");
      }
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000));
    }
  }

  private void release(List<IdentitySourceKey> reserved, Cell cell) {
    for (IdentitySourceKey key : reserved) {
      byKey.remove(key, cell);
    }
  }

  private Object stripe(OrganizationId id) {
    return stripes[(id.hashCode() ^ id.hashCode() >>> 16) & (STRIPES - 1)];
  }

  private static List<IdentitySourceKey> keysOf(ConnectedOrganization org) {
    List<IdentitySourceKey> keys = new ArrayList<>(org.identitySources().size());
    for (IdentitySource source : org.identitySources()) {
      keys.add(source.key());
    }
    return keys;
  }

  private static boolean holds(ConnectedOrganization org, IdentitySourceKey key) {
    List<IdentitySource> sources = org.identitySources();
    for (int i = 0; i < sources.size(); i++) { // indexed: no iterator on the hot path
      if (sources.get(i).key().equals(key)) {
        return true;
      }
    }
    return false;
  }
}
