package dev.entente.embedded;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Entente's default store: thread-safe and linearizable, with lock-free reads.
 *
 * <p>Each organization lives in a cell whose one volatile reference is swapped on every write: that
 * swap is the instant the write takes effect. Two hash indexes point at the cells, by id and by
 * identity-source key, so {@link #get}, {@link #findByKey} and the matcher's lookups are one hash
 * lookup each, O(1) whatever the number of organizations. Writes to one organization are serialised
 * by a lock striped over ids, so writes to different organizations proceed in parallel; a write
 * reserves the keys it adds with {@code putIfAbsent} before it takes effect, which makes the
 * uniqueness of R-SRC-2 atomic, and frees the keys it drops afterwards. Creates, updates and
 * deletes cost O(1) amortised: paging in id order is served by a sorted array of ids that new ids
 * are merged into in batches (see {@code IdOrder}), not by a tree; the merge that a create triggers
 * now and then is O(n) (tens of milliseconds at a million organizations), and a listing interleaved
 * with many creates sorts the ids added since the last merge again for each page. {@link #search}
 * scans in id order: O(n) in the worst case.
 *
 * <h2>Host directories (R-DIR-1)</h2>
 *
 * <p>A store made by the constructor is the {@link HostDirectory#DEFAULT default directory} of a
 * deployment of its own; {@link #inDirectory} hands out the store of another directory of that
 * deployment, with maps of its own: nothing of one directory is in another's indexes, and each
 * holds R-SRC-2 within itself. An untouched directory costs one empty store.
 */
public final class InMemoryOrganizationStore
    implements OrganizationStore, OrganizationStores, OrganizationIndex {
  private static final Cloud[] CLOUDS = Cloud.values();
  private static final Cloud[] GLOBAL_ONLY = {Cloud.GLOBAL};

  /** How many tenant keys of a cloud other than the global one the index holds, or more. */
  private final AtomicInteger otherCloudTenantKeys = new AtomicInteger();

  private static final int STRIPES = 256;
  private static final long RESERVATION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One organization's current value; null before its create takes effect and after its delete. */
  private static final class Cell {
    volatile @Nullable ConnectedOrganization value;
  }

  private final ConcurrentHashMap<OrganizationId, Cell> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<IdentitySourceKey, Cell> byKey = new ConcurrentHashMap<>();
  private final IdOrder order = new IdOrder(byId);
  private final java.util.concurrent.atomic.AtomicInteger size =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Object[] stripes = new Object[STRIPES];

  /** The directory this store holds, and the stores of its deployment's directories. */
  private final HostDirectory directory;

  private final ConcurrentSkipListMap<HostDirectory, InMemoryOrganizationStore> deployment;

  /** Whether a create ever took effect here: {@link #directories} lists such directories. */
  private volatile boolean written;

  /** An empty store: the default directory of a deployment of its own. */
  public InMemoryOrganizationStore() {
    this(HostDirectory.DEFAULT, new ConcurrentSkipListMap<>());
  }

  private InMemoryOrganizationStore(
      HostDirectory directory,
      ConcurrentSkipListMap<HostDirectory, InMemoryOrganizationStore> deployment) {
    this.directory = directory;
    this.deployment = deployment;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    deployment.putIfAbsent(directory, this);
  }

  @Override
  public HostDirectory directory() {
    return directory;
  }

  /**
   * {@return the store of {@code directory} in this store's deployment: the same store each time}
   *
   * @param directory the directory
   */
  @Override
  public InMemoryOrganizationStore inDirectory(HostDirectory directory) {
    InMemoryOrganizationStore store = deployment.get(directory);
    return store != null
        ? store
        : deployment.computeIfAbsent(directory, d -> new InMemoryOrganizationStore(d, deployment));
  }

  @Override
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    OrganizationStores.checkLimit(limit);
    List<HostDirectory> out = new ArrayList<>();
    for (InMemoryOrganizationStore store :
        (after.isPresent() ? deployment.tailMap(after.get(), false) : deployment).values()) {
      if (out.size() == limit) {
        break;
      }
      if (store.written) {
        out.add(store.directory);
      }
    }
    return out;
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

  /** {@return how many organizations the store holds} */
  public int size() {
    return size.get();
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return scan(page, org -> true);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    // An exact domain or tenant has at most one holder (one a cloud for a tenant id, R-SRC-2):
    // the key index answers, without a scan.
    if (query.domain().isPresent()) {
      ConnectedOrganization holder = holderOf(IdentitySourceKey.domain(query.domain().get()));
      return holder == null ? Page.of(List.of(), null) : pageOf(List.of(holder), query, page);
    }
    if (query.tenantId().isPresent()) {
      List<ConnectedOrganization> holders = new ArrayList<>(1);
      // Most stores hold no tenant of another cloud than the global one: one lookup then.
      Cloud[] clouds = otherCloudTenantKeys.get() == 0 ? GLOBAL_ONLY : CLOUDS;
      for (Cloud cloud : clouds) {
        ConnectedOrganization holder =
            holderOf(IdentitySourceKey.tenant(cloud, query.tenantId().get()));
        if (holder != null) {
          holders.add(holder);
        }
      }
      holders.sort(Comparator.comparing(ConnectedOrganization::id));
      return pageOf(holders, query, page);
    }
    return scan(page, query::matches); // by name, issuer or state alone: a scan
  }

  /** The page of {@code candidates} (in id order) that match {@code query}. */
  private static Page<ConnectedOrganization> pageOf(
      List<ConnectedOrganization> candidates, OrganizationQuery query, PageRequest page) {
    OrganizationId after = page.cursor().map(PageCursor::afterId).orElse(null);
    // A holder of the key matches a query of that key alone: only other filters need checking.
    boolean keyOnly =
        query.nameContains().isEmpty()
            && query.namePrefix().isEmpty()
            && query.state().isEmpty()
            && query.issuer().isEmpty()
            && (query.domain().isEmpty() || query.tenantId().isEmpty());
    List<ConnectedOrganization> items = new ArrayList<>(candidates.size());
    for (ConnectedOrganization org : candidates) {
      if ((!keyOnly && !query.matches(org)) || (after != null && org.id().compareTo(after) <= 0)) {
        continue;
      }
      if (items.size() == page.size()) {
        return Page.of(items, PageCursor.after(items.get(items.size() - 1).id()));
      }
      items.add(org);
    }
    return Page.of(items, null);
  }

  /** Creates the organization; the store keeps no log, so {@code change} is not kept. */
  @Override
  public ConnectedOrganization create(ConnectedOrganization org, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change);
    if (!org.version().equals(Version.initial())) {
      throw new ValidationException(
          "version", org.version(), "is not the version of a new organization", "version 1");
    }
    OrganizationId id = org.id();
    synchronized (stripe(id)) {
      if (byId.containsKey(id)) {
        throw new DuplicateOrganizationException(id);
      }
      Cell cell = new Cell();
      reserve(org, null, cell);
      byId.put(id, cell);
      order.add(id);
      cell.value = org;
      size.incrementAndGet();
      written = true;
    }
    return org;
  }

  /** Updates the organization; the store keeps no log, so {@code change} is not kept. */
  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change);
    if (next.version().equals(Version.initial())) {
      throw new ValidationException(
          "version",
          next.version(),
          "is not the version of an update",
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
        throw new StaleVersionException(
            id, Version.of(next.version().value() - 1), current.version());
      }
      reserve(next, current, cell);
      cell.value = next;
      for (IdentitySource source : current.identitySources()) {
        if (!holds(next, source.key())) {
          unindex(source.key(), cell);
        }
      }
    }
    return next;
  }

  /** Deletes the organization; the store keeps no log, so {@code change} is not kept. */
  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    OrganizationStore.checkDirectory(this, change);
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
        unindex(source.key(), cell);
      }
      byId.remove(id, cell);
      size.decrementAndGet();
      order.deleted();
    }
  }

  private @Nullable ConnectedOrganization current(OrganizationId id) {
    Cell cell = byId.get(id);
    return cell == null ? null : cell.value;
  }

  private Page<ConnectedOrganization> scan(
      PageRequest page, Predicate<ConnectedOrganization> filter) {
    IdOrder.View.Cursor ids =
        order.view().from(page.cursor().map(PageCursor::afterId).orElse(null));
    List<ConnectedOrganization> items = new ArrayList<>(Math.min(page.size(), 64));
    while (ids.hasNext()) {
      ConnectedOrganization org = current(ids.next());
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
   * Reserves for {@code cell} the keys of {@code next} that {@code current} (if any) does not hold,
   * before the new value takes effect. A key whose holder really holds it is a conflict (R-SRC-2);
   * a key in passing — reserved by a write that has not yet taken effect, or dropped by one that
   * has not yet freed it — is waited out, after giving back every reservation made here so that two
   * writers cannot wait on each other.
   */
  private void reserve(
      ConnectedOrganization next, @Nullable ConnectedOrganization current, Cell cell) {
    List<IdentitySource> sources = next.identitySources();
    long deadline = System.nanoTime() + RESERVATION_TIMEOUT_NANOS;
    while (true) {
      int reserved = 0;
      IdentitySourceKey inPassing = null;
      try {
        for (; reserved < sources.size(); reserved++) {
          IdentitySourceKey key = sources.get(reserved).key();
          if (current != null && holds(current, key)) {
            continue;
          }
          Cell other = index(key, cell);
          if (other == null || other == cell) {
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
        release(sources, reserved, current, cell);
        throw e;
      }
      if (inPassing == null) {
        return;
      }
      release(sources, reserved, current, cell);
      if (System.nanoTime() > deadline) {
        throw new PortFailureException(
            "InMemoryOrganizationStore",
            "found the identity-source key "
                + inPassing
                + " of "
                + next.id()
                + " in passing for 10 seconds; a writer must have died mid-write");
      }
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000));
    }
  }

  /**
   * Gives back the reservations of the first {@code count} sources that {@code current} does not
   * hold.
   */
  private void release(
      List<IdentitySource> sources, int count, @Nullable ConnectedOrganization current, Cell cell) {
    for (int i = 0; i < count; i++) {
      IdentitySourceKey key = sources.get(i).key();
      if (current == null || !holds(current, key)) {
        unindex(key, cell);
      }
    }
  }

  /**
   * Puts {@code key} in the index for {@code cell} unless it is there; returns the cell there
   * before, or null. Counts tenant keys outside the global cloud first, so that a search by tenant
   * id that reads a count of zero may skip those clouds.
   */
  private @Nullable Cell index(IdentitySourceKey key, Cell cell) {
    boolean otherCloud = isOtherCloudTenant(key);
    if (otherCloud) {
      otherCloudTenantKeys.incrementAndGet();
    }
    Cell other = byKey.putIfAbsent(key, cell);
    if (other != null && otherCloud) {
      otherCloudTenantKeys.decrementAndGet();
    }
    return other;
  }

  /** Removes {@code key} from the index if {@code cell} holds it there. */
  private void unindex(IdentitySourceKey key, Cell cell) {
    if (byKey.remove(key, cell) && isOtherCloudTenant(key)) {
      otherCloudTenantKeys.decrementAndGet();
    }
  }

  private static boolean isOtherCloudTenant(IdentitySourceKey key) {
    return key instanceof IdentitySourceKey.Tenant t && t.cloud() != Cloud.GLOBAL;
  }

  private Object stripe(OrganizationId id) {
    return stripes[(id.hashCode() ^ id.hashCode() >>> 16) & (STRIPES - 1)];
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
