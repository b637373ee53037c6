package dev.entente.live;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeeds;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory replicas of many host directories, each loaded on its first use and kept within a
 * budget (R-DIR-3): what an instance serving many directories decides from. One thread follows
 * every loaded directory through one signal ({@link ChangeFeeds#awaitChanges}: one listening
 * connection for all of them in PostgreSQL) and a poll that asks the last sequence of every loaded
 * directory in one look.
 *
 * <pre>{@code
 * try (LiveDirectories live = LiveDirectories.builder(PostgresChangeFeeds.of(store))
 *     .maxOrganizations(500_000).start()) {
 *   Entente entente = Entente.builder().replicas(live).build();
 *   AccessDecision d = entente.directory(HostDirectory.of("contoso")).matcher().evaluate(…);
 * }
 * }</pre>
 *
 * <h2>On demand</h2>
 *
 * <p>An untouched directory costs nothing here. The first lookup or write in a directory waits for
 * its load — every organization of it from one snapshot, as a {@link LiveIndex} loads — at most
 * {@link Builder#loadTimeout the load timeout}, and fails with a {@link PortFailureException} when
 * the load fails (the store's own) or outlasts it (port {@code LiveDirectories.load}): a decision
 * is never made from part of a directory. Loads of different directories run in parallel; callers
 * waiting for one directory share its one load, which goes on after a caller gave up.
 *
 * <p>When the loaded directories hold more than {@link Builder#maxOrganizations the budget} of
 * organizations — after a load, or when a loaded directory grows — the least recently used are
 * dropped, never the one just loaded or grown, and loaded again on their next use; a directory that
 * grew by another instance's writes is trimmed for as soon as the thread has applied them. A
 * directory larger than the budget on its own is still served, alone, with a warning.
 *
 * <h2>Fresh, per directory</h2>
 *
 * <p>Each directory has its own sequences (R-DIR-2): {@link #appliedSequence}, {@link #lag} and
 * {@link #awaitSequence} take the directory. A write through {@link #store} is in its directory's
 * replica when it returns (R-IDX-2), after the host's commit when the store joins the host's
 * transaction (R-LOG-4), as with {@link LiveIndex}.
 */
public final class LiveDirectories implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveDirectories.class);

  /** The budget unless set: organizations held over every loaded directory. */
  public static final long DEFAULT_MAX_ORGANIZATIONS = 250_000;

  /** The longest the thread waits for a signal before it looks at the clock again. */
  private static final long SLICE_MILLIS = 250;

  /** The longest {@link #awaitSequence} waits on one replica before it looks for another. */
  private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(50);

  /** The most directories one poll asks about in one look. */
  private static final int POLL_CHUNK = OrganizationStores.MAX_LIMIT;

  private final ChangeFeeds feeds;
  private final Duration pollInterval;
  private final Duration loadTimeout;
  private final long maxOrganizations;
  private final Clock clock;
  private final EntenteListener listener;
  private final ConcurrentHashMap<HostDirectory, Slot> loaded = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<HostDirectory, CompletableFuture<Slot>> loading =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<HostDirectory, Handle> handles = new ConcurrentHashMap<>();
  private final ExecutorService loader;
  private final Thread thread;

  /** Guards eviction: one pass over the loaded directories at a time. */
  private final Object budget = new Object();

  /**
   * The clock of recent use: the thread sets it to {@link System#nanoTime()} at least every {@value
   * #SLICE_MILLIS} ms, and a lookup writes it into its directory's slot when it differs, so that a
   * lookup costs no clock read.
   */
  private volatile long tick;

  private volatile boolean closed;

  /** A loaded directory: its replica, and when it was last used. */
  private static final class Slot {
    final HostDirectory directory;
    final LiveIndex index;
    volatile long used;
    volatile boolean evicted;

    Slot(HostDirectory directory, LiveIndex index, long used) {
      this.directory = directory;
      this.index = index;
      this.used = used;
    }
  }

  private LiveDirectories(Builder b) {
    this.feeds = b.feeds;
    this.pollInterval = b.pollInterval;
    this.loadTimeout = b.loadTimeout;
    this.maxOrganizations = b.maxOrganizations;
    this.clock = b.clock;
    this.listener = b.listener;
    this.loader =
        Executors.newFixedThreadPool(
            b.loaders,
            r -> {
              Thread t = new Thread(r, "entente-live-load");
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::run, "entente-live-directories");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Replicas over {@code feeds} with every default: loaded on first use, at most {@value
   * #DEFAULT_MAX_ORGANIZATIONS} organizations held, polled every second besides the signal. They
   * own the feeds and close them.
   *
   * @param feeds the change feeds of the deployment's directories
   * @return the started replicas, none loaded yet
   */
  public static LiveDirectories start(ChangeFeeds feeds) {
    return builder(feeds).start();
  }

  /**
   * {@return a builder of replicas over {@code feeds}}
   *
   * @param feeds the change feeds of the deployment's directories
   */
  public static Builder builder(ChangeFeeds feeds) {
    return new Builder(feeds);
  }

  /** Builds {@link LiveDirectories}. */
  public static final class Builder {
    private final ChangeFeeds feeds;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration loadTimeout = Duration.ofSeconds(30);
    private long maxOrganizations = DEFAULT_MAX_ORGANIZATIONS;
    private int loaders = 2;
    private Clock clock = Clock.systemUTC();
    private EntenteListener listener = EntenteListener.NONE;

    private Builder(ChangeFeeds feeds) {
      this.feeds = requireNonNull(feeds, "feeds");
    }

    /**
     * How often every loaded directory is looked at besides the signal; a second unless set.
     *
     * @param interval from 10 ms to 1 hour
     * @return this builder
     * @throws ValidationException on field {@code pollInterval} outside that range
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = LiveIndex.validPollInterval(interval);
      return this;
    }

    /**
     * How long the first use of a directory waits for its load before it fails; 30 seconds unless
     * set.
     *
     * @param timeout from 1 ms to 1 hour
     * @return this builder
     * @throws ValidationException on field {@code loadTimeout} outside that range
     */
    public Builder loadTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(1)) < 0
          || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new ValidationException("loadTimeout", timeout, "is out of range", "1 ms to 1 hour");
      }
      this.loadTimeout = timeout;
      return this;
    }

    /**
     * The budget: the most organizations the loaded directories hold together before the least
     * recently used are dropped; {@value #DEFAULT_MAX_ORGANIZATIONS} unless set. About 600 bytes
     * each (see the README's figures).
     *
     * @param max from 1 to 100,000,000
     * @return this builder
     * @throws ValidationException on field {@code maxOrganizations} outside that range
     */
    public Builder maxOrganizations(long max) {
      if (max < 1 || max > 100_000_000) {
        throw new ValidationException(
            "maxOrganizations", max, "is out of range", "1 to 100,000,000");
      }
      this.maxOrganizations = max;
      return this;
    }

    /**
     * How many directories may load at once; two unless set.
     *
     * @param threads from 1 to 64
     * @return this builder
     * @throws ValidationException on field {@code loaders} outside that range
     */
    public Builder loaders(int threads) {
      if (threads < 1 || threads > 64) {
        throw new ValidationException("loaders", threads, "is out of range", "1 to 64");
      }
      this.loaders = threads;
      return this;
    }

    /**
     * The clock the listener's delays are measured by; the system UTC clock unless set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Who is told of each change applied, with its directory ({@link
     * EntenteListener#changeApplied(HostDirectory, long, Duration)}); none unless set.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(EntenteListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** {@return the replicas, started, none loaded} */
    public LiveDirectories start() {
      return new LiveDirectories(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the directories

  /**
   * The index of {@code directory}'s organizations: each lookup reads its replica, loaded on the
   * first (a bounded wait) and again after an eviction. The same index each time.
   *
   * @param directory the directory
   * @return its index
   */
  public OrganizationIndex index(HostDirectory directory) {
    return handle(directory);
  }

  /**
   * The store of {@code directory}: reads go to the feed's store; a write loads the directory
   * first, then writes through its replica, which holds the write when it returns (R-IDX-2).
   *
   * @param directory the directory
   * @return its store
   */
  public OrganizationStore store(HostDirectory directory) {
    return handle(directory).store;
  }

  /**
   * {@return whether {@code directory} is loaded now}
   *
   * @param directory the directory
   */
  public boolean isLoaded(HostDirectory directory) {
    Slot s = loaded.get(directory);
    return s != null && !s.evicted;
  }

  /** {@return the directories loaded now} */
  public Set<HostDirectory> loadedDirectories() {
    return Set.copyOf(loaded.keySet());
  }

  /** {@return how many organizations the loaded directories hold together} */
  public long loadedOrganizations() {
    long total = 0;
    for (Slot s : loaded.values()) {
      total += s.index.size();
    }
    return total;
  }

  /**
   * {@return the last sequence of {@code directory} its replica has applied; 0 when it is not
   * loaded}
   *
   * @param directory the directory
   */
  public long appliedSequence(HostDirectory directory) {
    Slot s = loaded.get(directory);
    return s == null ? 0 : s.index.appliedSequence();
  }

  /**
   * {@return how many changes of {@code directory} its replica has not applied yet; 0 when it is
   * not loaded}
   *
   * @param directory the directory
   * @throws PortFailureException when the store fails
   */
  public long lag(HostDirectory directory) {
    Slot s = loaded.get(directory);
    return s == null ? 0 : s.index.lag();
  }

  /**
   * Waits until {@code directory}'s replica has applied every change its log held when this was
   * called, loading it first when needed: "after this write, this instance decides with it".
   *
   * @param directory the directory
   * @param timeout at most this long
   * @return whether it has
   * @throws InterruptedException when interrupted while waiting
   * @throws PortFailureException when the store fails
   */
  public boolean awaitLatest(HostDirectory directory, Duration timeout)
      throws InterruptedException {
    long last = lastSequences(List.of(directory)).getOrDefault(directory, 0L);
    return awaitSequence(directory, last, timeout);
  }

  /**
   * Applies what {@code directory}'s change log holds beyond its replica, now, without waiting for
   * a signal or the next poll; nothing when it is not loaded. For a host that knows a write
   * happened elsewhere, and for tests.
   *
   * @param directory the directory
   * @throws PortFailureException when the store fails
   */
  public void catchUp(HostDirectory directory) {
    Slot s = loaded.get(directory);
    if (s != null) {
      s.index.catchUp();
    }
  }

  /**
   * {@return the largest lag over the loaded directories, asked of the store a thousand directories
   * a look ({@link ChangeFeeds#lastSequences}), as the poll asks; 0 when none is loaded} What a
   * health check reports: one directory behind is the deployment behind, and a thousand loaded
   * directories cost one query, not a thousand.
   *
   * @throws PortFailureException when the store fails
   */
  public long worstLag() {
    Set<HostDirectory> now = loadedDirectories();
    if (now.isEmpty()) {
      return 0;
    }
    Map<HostDirectory, Long> last = lastSequences(List.copyOf(now));
    long worst = 0;
    for (HostDirectory d : now) {
      Slot s = loaded.get(d);
      Long committed = last.get(d);
      if (s != null && committed != null) {
        worst = Math.max(worst, committed - s.index.appliedSequence());
      }
    }
    return worst;
  }

  /**
   * Waits until {@code directory}'s replica has applied {@code sequence} of that directory, loading
   * it first when needed.
   *
   * @param directory the directory
   * @param sequence a sequence of that directory
   * @param timeout at most this long
   * @return whether it has
   * @throws InterruptedException when interrupted while waiting
   * @throws PortFailureException when the directory cannot be loaded
   */
  public boolean awaitSequence(HostDirectory directory, long sequence, Duration timeout)
      throws InterruptedException {
    requireNonNull(timeout, "timeout");
    long deadline =
        System.nanoTime() + Math.min(TimeUnit.NANOSECONDS.convert(timeout), Long.MAX_VALUE / 4);
    while (true) {
      // in slices: a directory dropped meanwhile is loaded again, and waited on afresh
      long left = deadline - System.nanoTime();
      Slot s = handle(directory).slot();
      if (s.index.awaitSequence(sequence, Duration.ofNanos(Math.max(0, Math.min(left, SLICE))))) {
        return true;
      }
      if (left <= 0) {
        return false;
      }
    }
  }

  private Handle handle(HostDirectory directory) {
    requireNonNull(directory, "directory");
    Handle h = handles.get(directory);
    return h != null ? h : handles.computeIfAbsent(directory, Handle::new);
  }

  /** One directory as the matcher and the management service see it: a slot loaded on demand. */
  private final class Handle implements OrganizationIndex {
    final HostDirectory directory;
    final OrganizationStore store;
    private volatile @Nullable Slot slot;

    Handle(HostDirectory directory) {
      this.directory = directory;
      this.store = new DirectoryStore(this, feeds.feed(directory).store());
    }

    /** The loaded slot, marked used now. */
    Slot slot() {
      Slot s = slot;
      if (s == null || s.evicted) {
        s = acquire(directory);
        slot = s;
      }
      long now = tick;
      if (s.used != now) {
        s.used = now;
      }
      return s;
    }

    @Override
    public @Nullable ConnectedOrganization byId(OrganizationId id) {
      return slot().index.byId(id);
    }

    @Override
    public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
      return slot().index.holderOf(key);
    }

    @Override
    public String toString() {
      return "LiveDirectories.index[" + directory + "]";
    }
  }

  /** Reads to the directory's store; writes through its loaded replica. */
  private static final class DirectoryStore extends ForwardingOrganizationStore {
    private final Handle handle;
    private final OrganizationStore reads;

    DirectoryStore(Handle handle, OrganizationStore reads) {
      this.handle = handle;
      this.reads = reads;
    }

    @Override
    protected OrganizationStore delegate() {
      return reads;
    }

    @Override
    public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
      return handle.slot().index.store().create(organization, change);
    }

    @Override
    public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
      return handle.slot().index.store().update(next, change);
    }

    @Override
    public void delete(OrganizationId id, Version expected, AuditEvent change) {
      handle.slot().index.store().delete(id, expected, change);
    }

    @Override
    public String toString() {
      return "LiveDirectories.store[" + handle.directory + "]";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // loading and dropping

  /** The loaded slot of {@code directory}, after a bounded wait for its load when it has none. */
  private Slot acquire(HostDirectory directory) {
    Slot s = loaded.get(directory);
    if (s != null && !s.evicted) {
      return s;
    }
    if (closed) {
      throw new PortFailureException("LiveDirectories.load", "was called after close()");
    }
    CompletableFuture<Slot> load =
        loading.computeIfAbsent(
            directory, d -> CompletableFuture.supplyAsync(() -> load(d), loader));
    try {
      return load.get(loadTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new PortFailureException(
          "LiveDirectories.load",
          new TimeoutException(
              "directory "
                  + directory
                  + " was not loaded within "
                  + loadTimeout
                  + "; it goes on loading, and its next use waits again"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EntenteException failure) {
        throw failure;
      }
      throw new PortFailureException(
          "LiveDirectories.load", cause instanceof Exception x ? x : new RuntimeException(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortFailureException("LiveDirectories.load", e);
    }
  }

  /** Loads {@code directory} on a loader thread, then keeps the budget. */
  private Slot load(HostDirectory directory) {
    try {
      Slot s = loaded.get(directory);
      if (s != null && !s.evicted) {
        return s; // a load that ended while this one was queued
      }
      LiveIndex index =
          LiveIndex.driven(
              feeds.feed(directory), clock, EntenteListener.inDirectory(listener, directory));
      Slot fresh = new Slot(directory, index, tick);
      loaded.put(directory, fresh);
      if (closed) {
        index.close();
      }
      keepBudget(fresh);
      return fresh;
    } finally {
      loading.remove(directory);
    }
  }

  /**
   * Drops the least recently used directories, never {@code keep}, while the loaded ones hold more
   * than the budget.
   */
  private void keepBudget(@Nullable Slot keep) {
    synchronized (budget) {
      long total = loadedOrganizations();
      if (total <= maxOrganizations) {
        return;
      }
      List<Slot> byUse = new ArrayList<>(loaded.values());
      byUse.sort(Comparator.comparingLong(s -> s.used));
      for (Slot s : byUse) {
        if (total <= maxOrganizations) {
          return;
        }
        if (s != keep && loaded.remove(s.directory, s)) {
          s.evicted = true;
          total -= s.index.size();
          s.index.close();
          LOG.debug("Dropped directory {} from memory, under the budget", s.directory);
        }
      }
      if (total > maxOrganizations) {
        LOG.warn(
            "Directory {} alone holds {} organizations, more than the budget of {}; it is served"
                + " alone",
            keep == null ? "(none)" : keep.directory,
            total,
            maxOrganizations);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // keeping up

  /**
   * The thread: catch up the directories signalled; every poll interval, ask every loaded
   * directory's last sequence in one look and catch up those behind; after a lost signal, look at
   * them all.
   */
  private void run() {
    long pollNanos = pollInterval.toNanos();
    long nextPoll = System.nanoTime() + pollNanos;
    int failures = 0;
    try {
      while (!closed) {
        tick = System.nanoTime(); // written by this thread only
        if (System.nanoTime() - nextPoll >= 0) {
          boolean ok = pollAll();
          failures = ok ? 0 : failures + 1;
          nextPoll =
              System.nanoTime()
                  + (ok
                      ? pollNanos
                      : TimeUnit.MILLISECONDS.toNanos(
                          Math.max(1, LiveIndex.pauseMillis(failures, pollInterval))));
          keepBudget(null);
        }
        long wait = Math.max(1, Math.min(SLICE_MILLIS, (nextPoll - System.nanoTime()) / 1_000_000));
        Set<HostDirectory> signalled;
        try {
          signalled = feeds.awaitChanges(Duration.ofMillis(wait));
        } catch (RuntimeException e) {
          if (closed) {
            return;
          }
          LOG.debug(
              "LiveDirectories lost the signal ({}); looking at every directory", e.toString());
          nextPoll = System.nanoTime(); // a change may have been signalled on the lost connection
          Thread.sleep(Math.min(wait, 50));
          continue;
        }
        for (HostDirectory d : signalled) {
          Slot s = loaded.get(d);
          if (s != null && !catchUp(s)) {
            nextPoll = Math.min(nextPoll, System.nanoTime()); // try again at once
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      feeds.close();
      loaded.values().forEach(s -> s.index.close());
    }
  }

  /**
   * The last sequences of {@code directories}, asked in looks of at most {@value #POLL_CHUNK}, the
   * most {@link ChangeFeeds#lastSequences} takes; what the feeds throw that is not Entente's own,
   * as a {@link PortFailureException}.
   */
  private Map<HostDirectory, Long> lastSequences(List<HostDirectory> directories) {
    Map<HostDirectory, Long> last = new java.util.HashMap<>();
    for (int from = 0; from < directories.size(); from += POLL_CHUNK) {
      List<HostDirectory> look =
          directories.subList(from, Math.min(directories.size(), from + POLL_CHUNK));
      try {
        last.putAll(feeds.lastSequences(look));
      } catch (EntenteException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PortFailureException("ChangeFeeds.lastSequences", e);
      }
    }
    return last;
  }

  /** Catches up every loaded directory that is behind; false when the store failed. */
  private boolean pollAll() {
    List<Slot> slots = new ArrayList<>(loaded.values());
    boolean ok = true;
    for (int from = 0; from < slots.size(); from += POLL_CHUNK) {
      List<Slot> chunk = slots.subList(from, Math.min(slots.size(), from + POLL_CHUNK));
      Map<HostDirectory, Long> last;
      try {
        last = lastSequences(chunk.stream().map(s -> s.directory).toList());
      } catch (RuntimeException e) {
        LOG.debug("LiveDirectories could not read the last sequences ({})", e.toString());
        return false;
      }
      for (Slot s : chunk) {
        Long sequence = last.get(s.directory);
        if (sequence != null && sequence != s.index.appliedSequence() && !catchUp(s)) {
          ok = false;
        }
      }
    }
    return ok;
  }

  /** Catches {@code s} up, then keeps the budget, as the directory may have grown. */
  private boolean catchUp(Slot s) {
    try {
      int before = s.index.size();
      s.index.catchUp();
      if (s.index.size() > before) {
        keepBudget(s);
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "LiveDirectories could not catch up directory {} ({}); trying again",
          s.directory,
          e.toString());
      return false;
    }
  }

  /**
   * Stops the thread, drops every replica and releases the feeds. Lookups after it fail; the stores
   * stay open.
   */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    loader.shutdownNow();
    try {
      thread.join(LiveIndex.CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@return whether the thread has stopped and released the feeds} */
  public boolean stopped() {
    return !thread.isAlive();
  }

  @Override
  public String toString() {
    return "LiveDirectories["
        + feeds
        + ", "
        + loaded.size()
        + " directories loaded, budget "
        + maxOrganizations
        + " organizations]";
  }
}
