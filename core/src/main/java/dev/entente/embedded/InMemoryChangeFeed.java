package dev.entente.embedded;

import static java.util.Objects.requireNonNull;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeFeeds;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory store that keeps a change log, and its {@link ChangeFeed}: what a database with a
 * change log is to a live index, in one process. For tests of a live index and of code built on one
 * (several {@code LiveIndex}es over feeds of one shared log behave as instances on one database),
 * and as the reference a feed of another store is compared with.
 *
 * <p>Writes are serialised, so sequences follow commit order with no gaps (R-LOG-2); every write
 * through {@link #store()} or through the feed has exactly one record (R-LOG-1). {@link #feed()}
 * gives each replica a feed of its own over the same log, whose signal wakes it on every write.
 *
 * <p>Partitioned by host directory as a database is (R-DIR-1, R-DIR-2): one made by the constructor
 * is the {@link HostDirectory#DEFAULT default directory} of a deployment of its own, {@link
 * #inDirectory} gives another directory of it — its own organizations, its own log numbered from 1,
 * its own lock — and {@link #feeds()} follows them all with one signal, as {@code LiveDirectories}
 * needs.
 */
public final class InMemoryChangeFeed implements ChangeLog {
  private final HostDirectory directory;
  private final Deployment deployment;
  private final InMemoryOrganizationStore organizations;
  private final Object lock = new Object();
  private final Store store = new Store();

  /** The records kept: {@code log.get(i)} has sequence {@code first + i}. Guarded by lock. */
  private final List<ChangeRecord> log = new ArrayList<>();

  private long first = 1;
  private long last;

  /** The directories of one deployment, and who listens to all of them. */
  private static final class Deployment {
    final ConcurrentSkipListMap<HostDirectory, InMemoryChangeFeed> directories =
        new ConcurrentSkipListMap<>();
    final InMemoryOrganizationStore stores = new InMemoryOrganizationStore();
    final CopyOnWriteArrayList<Feeds> listeners = new CopyOnWriteArrayList<>();
  }

  /** A store with an empty log: the default directory of a deployment of its own. */
  public InMemoryChangeFeed() {
    this(HostDirectory.DEFAULT, new Deployment());
  }

  private InMemoryChangeFeed(HostDirectory directory, Deployment deployment) {
    this.directory = directory;
    this.deployment = deployment;
    this.organizations = deployment.stores.inDirectory(directory);
    deployment.directories.putIfAbsent(directory, this);
  }

  /**
   * {@return the store with its log of {@code directory} in this deployment: the same each time}
   *
   * @param directory the directory
   */
  public InMemoryChangeFeed inDirectory(HostDirectory directory) {
    InMemoryChangeFeed feed = deployment.directories.get(directory);
    return feed != null
        ? feed
        : deployment.directories.computeIfAbsent(
            directory, d -> new InMemoryChangeFeed(d, deployment));
  }

  /** {@return the directory this store and log belong to} */
  public HostDirectory directory() {
    return directory;
  }

  /**
   * The feeds of every directory of this deployment with one signal for all, for one {@code
   * LiveDirectories}; the stores of {@link ChangeFeeds#feed} are those of {@link #inDirectory}.
   *
   * @return new feeds, signalled by every write from now on
   */
  public ChangeFeeds feeds() {
    Feeds feeds = new Feeds();
    deployment.listeners.add(feeds);
    return feeds;
  }

  /**
   * The stores of every directory of this deployment, as {@link OrganizationStores}: each
   * directory's writes keep its log.
   *
   * @return the stores
   */
  public OrganizationStores stores() {
    return new OrganizationStores() {
      @Override
      public OrganizationStore inDirectory(HostDirectory d) {
        return InMemoryChangeFeed.this.inDirectory(d).store();
      }

      @Override
      public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
        return deployment.stores.directories(after, limit);
      }
    };
  }

  /**
   * The store: reads of the organizations, and writes that each append their record to the log.
   *
   * @return the store
   */
  public OrganizationStore store() {
    return store;
  }

  /**
   * A feed over this log, for one replica: its signal says whether a change committed since its
   * last call.
   *
   * @return a new feed
   */
  public ChangeFeed feed() {
    return new Feed();
  }

  @Override
  public List<ChangeRecord> changesAfter(long sequence, int limit) {
    ChangeLog.checkRange(sequence, limit);
    synchronized (lock) {
      int from = (int) Math.max(0, sequence + 1 - first);
      int to = (int) Math.min(log.size(), (long) from + limit);
      return from >= to ? List.of() : List.copyOf(log.subList(from, to));
    }
  }

  @Override
  public long lastSequence() {
    synchronized (lock) {
      return last;
    }
  }

  @Override
  public int pruneChangesThrough(long sequence) {
    synchronized (lock) {
      int n = (int) Math.max(0, Math.min(log.size(), sequence + 1 - first));
      log.subList(0, n).clear();
      first += n;
      return n;
    }
  }

  /** Appends the record of {@code change}, which wrote {@code version}; its sequence. */
  private long record(AuditEvent change, OrganizationId id, Version version) {
    last++;
    log.add(
        new ChangeRecord(
            last,
            id,
            version,
            change.kind(),
            change.actor(),
            change.at(),
            change.changedFields(),
            change.sponsor().map(Sponsor::id),
            directory));
    lock.notifyAll();
    for (Feeds feeds : deployment.listeners) {
      feeds.signal(directory);
    }
    return last;
  }

  private ChangeFeed.Written create(ConnectedOrganization organization, AuditEvent change) {
    requireNonNull(change, "change");
    synchronized (lock) {
      ConnectedOrganization created = organizations.create(organization, change);
      return new ChangeFeed.Written(created, record(change, created.id(), created.version()));
    }
  }

  private ChangeFeed.Written update(ConnectedOrganization next, AuditEvent change) {
    requireNonNull(change, "change");
    synchronized (lock) {
      ConnectedOrganization updated = organizations.update(next, change);
      return new ChangeFeed.Written(updated, record(change, updated.id(), updated.version()));
    }
  }

  private long delete(OrganizationId id, Version expected, AuditEvent change) {
    requireNonNull(change, "change");
    synchronized (lock) {
      organizations.delete(id, expected, change);
      return record(change, id, expected);
    }
  }

  /** The store's face: reads of the organizations, writes with their records. */
  private final class Store implements OrganizationStore {
    @Override
    public HostDirectory directory() {
      return directory;
    }

    @Override
    public Optional<ConnectedOrganization> get(OrganizationId id) {
      return organizations.get(id);
    }

    @Override
    public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
      return organizations.findByKey(key);
    }

    @Override
    public Page<ConnectedOrganization> list(PageRequest page) {
      return organizations.list(page);
    }

    @Override
    public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
      return organizations.search(query, page);
    }

    @Override
    public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
      return InMemoryChangeFeed.this.create(organization, change).organization();
    }

    @Override
    public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
      return InMemoryChangeFeed.this.update(next, change).organization();
    }

    @Override
    public void delete(OrganizationId id, Version expected, AuditEvent change) {
      InMemoryChangeFeed.this.delete(id, expected, change);
    }

    @Override
    public String toString() {
      return "InMemoryChangeFeed.store["
          + directory
          + ", "
          + organizations.size()
          + " organizations]";
    }
  }

  /** One replica's feed over the shared log. */
  private final class Feed implements ChangeFeed {
    /** The last sequence the signal reported. Guarded by lock. */
    private long signalled;

    @Override
    public OrganizationStore store() {
      return store;
    }

    @Override
    public long lastSequence() {
      return InMemoryChangeFeed.this.lastSequence();
    }

    @Override
    public Changes changesAfter(long sequence, int limit) {
      synchronized (lock) {
        List<ChangeRecord> records = InMemoryChangeFeed.this.changesAfter(sequence, limit);
        Map<OrganizationId, ConnectedOrganization> found = new HashMap<>();
        for (ChangeRecord record : records) {
          organizations.get(record.organizationId()).ifPresent(org -> found.put(org.id(), org));
        }
        return new Changes(records, found, last);
      }
    }

    @Override
    public long snapshot(Consumer<ConnectedOrganization> sink) {
      synchronized (lock) {
        Page<ConnectedOrganization> page =
            organizations.list(PageRequest.first(PageRequest.MAX_SIZE));
        while (true) {
          page.items().forEach(sink);
          Optional<PageCursor> next = page.next();
          if (next.isEmpty()) {
            return last;
          }
          page = organizations.list(PageRequest.after(next.get(), PageRequest.MAX_SIZE));
        }
      }
    }

    @Override
    public Written create(ConnectedOrganization organization, AuditEvent change) {
      return InMemoryChangeFeed.this.create(organization, change);
    }

    @Override
    public Written update(ConnectedOrganization next, AuditEvent change) {
      return InMemoryChangeFeed.this.update(next, change);
    }

    @Override
    public long delete(OrganizationId id, Version expected, AuditEvent change) {
      return InMemoryChangeFeed.this.delete(id, expected, change);
    }

    @Override
    public boolean awaitChange(Duration timeout) throws InterruptedException {
      long deadline =
          System.nanoTime() + Math.min(1_000, Math.max(1, timeout.toMillis())) * 1_000_000;
      synchronized (lock) {
        for (long left; last == signalled && (left = deadline - System.nanoTime()) > 0; ) {
          lock.wait(Math.max(1, left / 1_000_000));
        }
        boolean changed = last != signalled;
        signalled = last;
        return changed;
      }
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "InMemoryChangeFeed.feed";
    }
  }

  /** The feeds of every directory, signalled by each write of the deployment. */
  private final class Feeds implements ChangeFeeds {
    /** The directories written since the last {@link #awaitChanges}. Guarded by itself. */
    private final Set<HostDirectory> pending = new LinkedHashSet<>();

    void signal(HostDirectory written) {
      synchronized (pending) {
        pending.add(written);
        pending.notifyAll();
      }
    }

    @Override
    public ChangeFeed feed(HostDirectory d) {
      return inDirectory(d).feed();
    }

    @Override
    public Map<HostDirectory, Long> lastSequences(Collection<HostDirectory> directories) {
      Map<HostDirectory, Long> out = new LinkedHashMap<>();
      for (HostDirectory d : directories) {
        InMemoryChangeFeed feed = deployment.directories.get(d);
        out.put(d, feed == null ? 0L : feed.lastSequence());
      }
      return out;
    }

    @Override
    public Set<HostDirectory> awaitChanges(Duration timeout) throws InterruptedException {
      long deadline =
          System.nanoTime() + Math.min(1_000, Math.max(1, timeout.toMillis())) * 1_000_000;
      synchronized (pending) {
        for (long left; pending.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
          pending.wait(Math.max(1, left / 1_000_000));
        }
        Set<HostDirectory> out = Set.copyOf(pending);
        pending.clear();
        return out;
      }
    }

    @Override
    public void close() {
      deployment.listeners.remove(this);
    }

    @Override
    public String toString() {
      return "InMemoryChangeFeed.feeds";
    }
  }
}
