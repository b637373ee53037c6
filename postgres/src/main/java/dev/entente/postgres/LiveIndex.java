package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory replica of the organizations of a {@link PostgresOrganizationStore}, kept fresh from
 * its change log: decisions read memory, the database stays the one source of truth. For hosts that
 * run several instances on one database.
 *
 * <pre>{@code
 * try (LiveIndex live = LiveIndex.start(PostgresOrganizationStore.of(dataSource))) {
 *   Entente entente = Entente.builder().store(live).build();   // writes go through it
 *   ...
 * }
 * }</pre>
 *
 * <p>It is both the {@link OrganizationIndex} the matcher reads, in memory, and the {@link
 * OrganizationStore} the management service writes through: reads of the store ({@code get}, {@code
 * list} …) go to the database, and a write returns only once this index has applied it, so an
 * instance reads its own writes (R-IDX-2). Wire it with {@code Entente.builder().store(live)};
 * {@code Entente} then uses it as its index too.
 *
 * <p>How it stays fresh (R-IDX-1): at start it streams every organization from one snapshot, with
 * the sequence of the last change that snapshot holds; then it applies the change records after
 * that sequence strictly in order, re-reading each changed organization's committed state. It never
 * reads an uncommitted change, and, as sequences become visible in commit order (R-LOG-2), never
 * misses one. Its one daemon thread is woken by {@code LISTEN/NOTIFY} on one connection it holds
 * from the data source, and polls every {@link Builder#pollInterval poll interval} as well, so it
 * stays correct where notifications are lost or do not exist (PgBouncer in transaction mode, a hot
 * standby, CockroachDB): set {@link Builder#notifications notifications(false)} there. After a lost
 * connection it reconnects and catches up from the last sequence it applied, or reloads everything
 * when the log was pruned past it. It logs at SLF4J ({@code dev.entente.postgres.LiveIndex}) when
 * it reconnects, reloads or falls behind.
 *
 * <p>Loading (at start, and on a reload) reads rows on the calling thread and builds the
 * organizations on the common fork-join pool beside it, a bounded number of batches at a time.
 *
 * <p>Freshness is observable: {@link #appliedSequence()}, {@link #lag()}, and {@link
 * #awaitSequence} / {@link #awaitLatest} for "after this write, every instance decides with it".
 * Close it to stop the thread and release the connection.
 */
public final class LiveIndex implements OrganizationIndex, OrganizationStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);

  /** The longest the thread waits for a notification before it looks at the clock again. */
  private static final long SLICE_MILLIS = 250;

  /** Rows a loading task builds. */
  private static final int LOAD_BATCH = 1_000;

  /** Loading tasks queued or running at once. */
  private static final int LOAD_IN_FLIGHT = 8;

  /** Records applied per round trip; behind by more, and the index says so. */
  private static final int BATCH = 1_000;

  private final PostgresOrganizationStore store;
  private final Duration pollInterval;
  private final boolean notifications;
  private final Thread thread;

  /** The replica; replaced whole by a reload, so a reader never sees half of one. */
  private volatile Replica replica;

  /** Held while applying, so that records apply one batch at a time, in sequence order. */
  private final Object applying = new Object();

  /** Signalled whenever {@link #applied} moves. */
  private final Object progress = new Object();

  private volatile long applied;
  private volatile boolean closed;
  private @Nullable Connection listener;

  /** The autocommit setting the listening connection came with, put back when it is returned. */
  private boolean listenerAutoCommit = true;

  private boolean listenRefused;

  /** The organizations by id and by key; values are whole, immutable organizations. */
  private record Replica(
      ConcurrentHashMap<OrganizationId, ConnectedOrganization> byId,
      ConcurrentHashMap<IdentitySourceKey, ConnectedOrganization> byKey) {
    Replica() {
      this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /**
     * Installs {@code org} as the committed state of {@code id}; null removes it. The new keys are
     * put first, then the old keys the new value no longer has are removed where they still name
     * the old value — never a key the new value holds, even when it equals the old one.
     */
    void install(OrganizationId id, @Nullable ConnectedOrganization org) {
      ConnectedOrganization old = org == null ? byId.remove(id) : byId.put(id, org);
      if (org != null) {
        for (IdentitySource source : org.identitySources()) {
          byKey.put(source.key(), org);
        }
      }
      if (old != null) {
        for (IdentitySource source : old.identitySources()) {
          if (org == null || !holds(org, source.key())) {
            byKey.remove(source.key(), old);
          }
        }
      }
    }

    private static boolean holds(ConnectedOrganization org, IdentitySourceKey key) {
      for (IdentitySource source : org.identitySources()) {
        if (source.key().equals(key)) {
          return true;
        }
      }
      return false;
    }
  }

  private LiveIndex(Builder b) {
    this.store = b.store;
    this.pollInterval = b.pollInterval;
    this.notifications = b.notifications;
    this.replica = new Replica();
    reload();
    this.thread = new Thread(this::run, "entente-live-index-" + store.schema().name());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A live index over {@code store}, with notifications and a poll every second: loads every
   * organization, then keeps up in the background.
   *
   * @param store the store
   * @return the started index
   * @throws PortFailureException when the first load fails
   */
  public static LiveIndex start(PostgresOrganizationStore store) {
    return builder(store).start();
  }

  /**
   * A builder of a live index over {@code store}.
   *
   * @param store the store
   * @return the builder
   */
  public static Builder builder(PostgresOrganizationStore store) {
    return new Builder(store);
  }

  /** How a live index keeps up. */
  public static final class Builder {
    private final PostgresOrganizationStore store;
    private Duration pollInterval = Duration.ofSeconds(1);
    private boolean notifications = true;

    private Builder(PostgresOrganizationStore store) {
      this.store = requireNonNull(store, "store");
    }

    /**
     * How often the index looks for changes when no notification wakes it; one second unless set.
     * The bound on staleness when notifications are lost.
     *
     * @param interval 10 milliseconds to 1 hour
     * @return this builder
     * @throws ValidationException on field {@code pollInterval} outside that range
     */
    public Builder pollInterval(Duration interval) {
      requireNonNull(interval, "pollInterval");
      if (interval.compareTo(Duration.ofMillis(10)) < 0
          || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new ValidationException(
            "pollInterval", interval, "is out of range", "10 milliseconds to 1 hour");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Whether to hold a connection listening for the store's notifications; true unless set. Set
     * false where {@code LISTEN} does not work — PgBouncer in transaction mode, CockroachDB — and
     * the index polls only.
     *
     * @param enabled whether to listen
     * @return this builder
     */
    public Builder notifications(boolean enabled) {
      this.notifications = enabled;
      return this;
    }

    /**
     * Loads every organization and starts the background thread.
     *
     * @return the index
     * @throws PortFailureException when the first load fails
     */
    public LiveIndex start() {
      return new LiveIndex(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the index: memory only

  @Override
  public @Nullable ConnectedOrganization byId(OrganizationId id) {
    return replica.byId.get(id);
  }

  @Override
  public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    return replica.byKey.get(key);
  }

  /**
   * How many organizations the index holds.
   *
   * @return the count
   */
  public int size() {
    return replica.byId.size();
  }

  // ---------------------------------------------------------------------------------------------
  // freshness

  /**
   * The sequence of the last change record applied: every change up to it is in the index.
   *
   * @return the sequence
   */
  public long appliedSequence() {
    return applied;
  }

  /**
   * How many committed changes the index has not applied yet; asks the database.
   *
   * @return the lag, in change records
   * @throws PortFailureException when the database fails
   */
  public long lag() {
    return Math.max(0, store.lastSequence() - applied);
  }

  /**
   * Waits until the index has applied {@code sequence}.
   *
   * @param sequence a sequence, such as {@link ChangeLog#lastSequence()} after a write elsewhere
   * @param timeout how long to wait at most; any duration, {@code
   *     Duration.ofSeconds(Long.MAX_VALUE)} included (waits for ever), zero or negative (only
   *     looks)
   * @return whether it was applied in time
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitSequence(long sequence, Duration timeout) throws InterruptedException {
    requireNonNull(timeout, "timeout");
    long start = System.nanoTime();
    long nanos = Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)); // saturates: 292 years
    synchronized (progress) {
      while (applied < sequence) {
        long left = nanos - (System.nanoTime() - start);
        if (left <= 0) {
          return false;
        }
        progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      return true;
    }
  }

  /**
   * Waits until the index has applied every change committed when this is called.
   *
   * @param timeout how long to wait at most
   * @return whether it caught up in time
   * @throws InterruptedException when interrupted while waiting
   * @throws PortFailureException when the database fails
   */
  public boolean awaitLatest(Duration timeout) throws InterruptedException {
    return awaitSequence(store.lastSequence(), timeout);
  }

  // ---------------------------------------------------------------------------------------------
  // the store: reads from the database, writes applied here before they return (R-IDX-2)

  @Override
  public Optional<ConnectedOrganization> get(OrganizationId id) {
    return store.get(id);
  }

  @Override
  public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
    return store.findByKey(key);
  }

  @Override
  public Page<ConnectedOrganization> list(PageRequest page) {
    return store.list(page);
  }

  @Override
  public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
    return store.search(query, page);
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization) {
    return applied(organization.id(), store.create(organization));
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next) {
    return applied(next.id(), store.update(next));
  }

  @Override
  public void delete(OrganizationId id, Version expected) {
    store.delete(id, expected);
    deleted(id, expected);
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    return applied(organization.id(), store.create(organization, change));
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    return applied(next.id(), store.update(next, change));
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    store.delete(id, expected, change);
    deleted(id, expected);
  }

  /**
   * After a committed create or update: catches up, so that the write is in the index when it
   * returns. The write stands whatever happens next: when the database fails right after it, the
   * written value is installed directly, unless the index already holds a newer version, and the
   * next catch-up brings the rest.
   */
  private ConnectedOrganization applied(OrganizationId id, ConnectedOrganization written) {
    if (!caughtUp(id)) {
      synchronized (applying) {
        ConnectedOrganization current = replica.byId.get(id);
        if (current == null || current.version().value() < written.version().value()) {
          replica.install(id, written);
        }
      }
    }
    return written;
  }

  /** After a committed delete of {@code id} at {@code version}: as {@link #applied}. */
  private void deleted(OrganizationId id, Version version) {
    if (!caughtUp(id)) {
      synchronized (applying) {
        ConnectedOrganization current = replica.byId.get(id);
        if (current != null && current.version().value() <= version.value()) {
          replica.install(id, null);
        }
      }
    }
  }

  /** Catches up; false, with a warning, when the database fails. */
  private boolean caughtUp(OrganizationId id) {
    try {
      catchUp();
      return true;
    } catch (PortFailureException e) {
      LOG.warn(
          "Live index of schema {} could not catch up after a write to {} ({}); installing it"
              + " directly",
          store.schema().name(),
          id,
          e.toString());
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // keeping up

  /**
   * Loads every organization into a new replica and swaps it in. The reading thread hands rows in
   * batches of {@value #LOAD_BATCH} to the common fork-join pool, which builds and installs them,
   * at most {@value #LOAD_IN_FLIGHT} batches at a time: memory stays bounded, and building — the
   * costly part — runs beside the reading.
   */
  private void reload() {
    synchronized (applying) {
      Replica fresh = new Replica();
      Semaphore inFlight = new Semaphore(LOAD_IN_FLIGHT);
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      List<OrganizationRows.Row> batch = new ArrayList<>(LOAD_BATCH);
      long sequence =
          store.loadAll(
              row -> {
                batch.add(row);
                if (batch.size() == LOAD_BATCH) {
                  pending.add(build(fresh, List.copyOf(batch), inFlight));
                  batch.clear();
                }
              });
      pending.add(build(fresh, List.copyOf(batch), inFlight));
      try {
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
      } catch (CompletionException e) { // a stored row the model refuses: the data is damaged
        throw new PortFailureException(
            "LiveIndex.load", e.getCause() instanceof Exception cause ? cause : e);
      }
      replica = fresh;
      advance(sequence);
      LOG.info(
          "Live index of schema {} loaded {} organizations at sequence {}",
          store.schema().name(),
          fresh.byId.size(),
          sequence);
    }
  }

  /** Builds and installs a batch of rows on the common pool, once a batch slot is free. */
  private static CompletableFuture<Void> build(
      Replica replica, List<OrganizationRows.Row> rows, Semaphore inFlight) {
    inFlight.acquireUninterruptibly();
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (OrganizationRows.Row row : rows) {
              ConnectedOrganization org = OrganizationRows.organizationOf(row);
              replica.install(org.id(), org);
            }
          } finally {
            inFlight.release();
          }
        });
  }

  /**
   * Applies every committed change after {@link #applied}, in sequence order, a batch at a time:
   * the changed organizations are read in one statement and installed, or removed when gone. A gap
   * — the first record is not the next sequence, or none is left while the last sequence is later
   * (the log pruned past this index) — makes it reload.
   *
   * @throws PortFailureException when the database fails
   */
  void catchUp() {
    synchronized (applying) {
      for (int batches = 0; ; batches++) {
        List<ChangeRecord> records = store.changesAfter(applied, BATCH);
        if (records.isEmpty()) {
          if (batches > 0 || store.lastSequence() <= applied) {
            return; // caught up
          }
          // A later last sequence: committed since the first look, or pruned from the log.
          records = store.changesAfter(applied, BATCH);
        }
        if (records.isEmpty() || records.get(0).sequence() != applied + 1) {
          LOG.warn(
              "Live index of schema {}: the change log was pruned past sequence {}; reloading",
              store.schema().name(),
              applied);
          reload();
          continue;
        }
        if (batches == 1) {
          LOG.info(
              "Live index of schema {} is more than {} changes behind; catching up from {}",
              store.schema().name(),
              BATCH,
              applied);
        }
        Set<OrganizationId> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(r.organizationId()));
        Map<OrganizationId, ConnectedOrganization> now = new HashMap<>();
        store.getAll(ids).forEach(org -> now.put(org.id(), org));
        Replica current = replica;
        for (OrganizationId id : ids) {
          current.install(id, now.get(id));
        }
        advance(records.get(records.size() - 1).sequence());
      }
    }
  }

  private void advance(long sequence) {
    synchronized (progress) {
      applied = sequence;
      progress.notifyAll();
    }
  }

  /**
   * The thread: listen; catch up when notified or when the poll interval has passed; wait for a
   * notification in slices of at most {@link #SLICE_MILLIS}, so that closing never waits long; on a
   * failure, reconnect with a growing pause.
   */
  private void run() {
    long pollNanos = pollInterval.toNanos();
    long nextPoll = System.nanoTime();
    boolean woken = false;
    long pause = Math.min(pollInterval.toMillis(), 100);
    while (!closed) {
      try {
        Connection c = listening();
        if (woken || System.nanoTime() - nextPoll >= 0) {
          catchUp();
          nextPoll = System.nanoTime() + pollNanos;
        }
        long wait = Math.max(1, Math.min(SLICE_MILLIS, (nextPoll - System.nanoTime()) / 1_000_000));
        if (c != null) {
          PGNotification[] received = c.unwrap(PGConnection.class).getNotifications((int) wait);
          woken = received != null && received.length > 0;
        } else {
          Thread.sleep(wait);
          woken = false;
        }
        pause = Math.min(pollInterval.toMillis(), 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn(
            "Live index of schema {} lost the database ({}); reconnecting, from sequence {}",
            store.schema().name(),
            e.toString(),
            applied);
        closeListener();
        woken = true; // catch up as soon as the database answers again
        try {
          Thread.sleep(pause);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
        pause = Math.min(pause * 2, Math.max(pollInterval.toMillis(), 5_000));
      }
    }
  }

  /** The listening connection, opened when there is none; null when not listening. */
  private @Nullable Connection listening() throws SQLException {
    if (!notifications || listenRefused) {
      return null;
    }
    if (listener == null) {
      Connection c = store.dataSource().getConnection();
      try (Statement s = c.createStatement()) {
        listenerAutoCommit = c.getAutoCommit();
        c.setAutoCommit(true); // LISTEN takes effect at commit, and notifications arrive between
        s.execute("LISTEN \"" + store.channel() + "\"");
      } catch (SQLException e) {
        c.close();
        if ("0A000".equals(e.getSQLState())) { // feature not supported: CockroachDB and the like
          listenRefused = true;
          LOG.warn(
              "Live index of schema {}: the database refuses LISTEN ({}); polling every {}",
              store.schema().name(),
              e.getMessage(),
              pollInterval);
          return null;
        }
        throw e;
      }
      listener = c;
      LOG.info("Live index of schema {} listens on {}", store.schema().name(), store.channel());
    }
    return listener;
  }

  /**
   * Returns the listening connection to the pool, unlistened first: a pooled connection must not
   * keep receiving notifications.
   */
  private void closeListener() {
    Connection c = listener;
    listener = null;
    if (c != null) {
      try (Statement s = c.createStatement()) {
        s.execute("UNLISTEN *");
        c.setAutoCommit(listenerAutoCommit); // back as the pool handed it out
      } catch (SQLException e) {
        LOG.debug("UNLISTEN on the live index's connection failed; the connection is broken", e);
      }
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the live index's listening connection", e);
      }
    }
  }

  /** Stops the thread, within a quarter of a second, and releases its connection. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeListener();
  }

  @Override
  public String toString() {
    return "LiveIndex["
        + store.schema().name()
        + ", "
        + size()
        + " organizations, at "
        + applied
        + "]";
  }

  /** For tests: the organizations the index holds, by id. */
  List<ConnectedOrganization> all() {
    List<ConnectedOrganization> out = new ArrayList<>(replica.byId.values());
    out.sort(java.util.Comparator.comparing(ConnectedOrganization::id));
    return out;
  }
}
