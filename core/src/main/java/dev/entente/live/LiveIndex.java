package dev.entente.live;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory replica of a store's organizations, kept fresh from its {@link ChangeFeed}:
 * decisions read memory, the store stays the one source of truth. For hosts that run several
 * instances on one database; any store that supplies a change feed gets one ({@code
 * PostgresChangeFeed} in {@code entente-postgres}, {@link dev.entente.embedded.InMemoryChangeFeed}
 * for tests).
 *
 * <pre>{@code
 * try (LiveIndex live = LiveIndex.start(PostgresChangeFeed.of(store))) {
 *   Entente entente = Entente.builder().replica(live).build();  // reads memory, writes through it
 *   ...
 * }
 * }</pre>
 *
 * <p>It is the {@link OrganizationIndex} the matcher reads, in memory, and it has a {@link #store()
 * store view} the management service writes through: reads of the view ({@code get}, {@code list}
 * …) go to the feed's store, and a write returns only once this index holds it, so an instance
 * reads its own writes (R-IDX-2). {@code Entente.builder().replica(live)} wires both.
 *
 * <h2>Inside the host's transaction (R-LOG-4)</h2>
 *
 * <p>When the feed's store joins a host transaction ({@link OrganizationStore#transactions()}), a
 * write through the view is installed only after the host's commit, and never when it rolls back:
 * until then the index, and every other instance, decides without it; once the host has committed,
 * this instance decides with it at once.
 *
 * <h2>What it holds (R-IDX-1)</h2>
 *
 * <p>At start it loads every organization from one snapshot, with the sequence of the last change
 * that snapshot holds; then it applies the change records after that sequence strictly in order,
 * re-reading the changed organizations' committed state from one snapshot with its sequence. What
 * it holds for an organization is decided by those sequences, never by versions: each value it
 * installs is stamped with the sequence it was read at, or, for its own writes, the sequence the
 * write committed at, and an older sequence never replaces a newer one — a delete included, which
 * is remembered (a tombstone) until the applied sequence passes it. So a delete is never undone by
 * an older write's value, and a re-created id never removed by an older delete, whatever the order
 * in which the threads get there. A gap — the first record after the applied sequence is not the
 * next one, or none is left while the last sequence is later (the log pruned past this index) —
 * makes it load a snapshot again.
 *
 * <h2>How it stays fresh (R-IDX-2)</h2>
 *
 * <p>One daemon thread waits for the feed's signal ({@code LISTEN/NOTIFY} for PostgreSQL) and looks
 * every {@link Builder#pollInterval poll interval} as well, so where signals are lost or do not
 * exist it is at most that interval plus a round trip behind. When the store fails, it tries again
 * at once a few times (a pool handing out connections the server has closed fails each at once),
 * then after a pause that grows but never exceeds the poll interval; it keeps polling while the
 * signal is down. It logs at SLF4J ({@code dev.entente.live.LiveIndex}) when it loses or regains
 * the store, reloads or falls behind.
 *
 * <p>Freshness is observable: {@link #appliedSequence()}, {@link #lag()}, and {@link
 * #awaitSequence} / {@link #awaitLatest} for "after this write, every instance decides with it".
 * {@link #close()} stops the thread and releases the feed.
 */
public final class LiveIndex implements OrganizationIndex, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);

  /** The longest the thread waits for a signal before it looks at the clock again. */
  private static final long SLICE_MILLIS = 250;

  /** The longest {@link #close()} waits for the thread. */
  static final long CLOSE_WAIT_MILLIS = 250;

  /** Records applied per round trip; behind by more, and the index says so. */
  private static final int BATCH = 1_000;

  /** Failures in a row tried again at once, before pauses begin. */
  static final int QUICK_RETRIES = 8;

  /** The first pause after the quick retries; it doubles up to the poll interval. */
  private static final long FIRST_PAUSE_MILLIS = 10;

  private final ChangeFeed feed;
  private final OrganizationStore store;
  private final Duration pollInterval;
  private final Clock clock;
  private final EntenteListener listener;

  /** The thread that keeps the index fresh; null for one {@link LiveDirectories} drives. */
  private final @Nullable Thread thread;

  private final OrganizationStore view = new View();

  /** The replica; replaced whole by a reload, so a reader never sees half of one. */
  private volatile Replica replica = new Replica();

  /**
   * Held while installing: records apply one batch at a time, in sequence order, and a write's own
   * value is installed between batches.
   */
  private final Object applying = new Object();

  /** Held by a catch-up, across its round trips: one at a time, in sequence order. */
  private final Object catchingUp = new Object();

  /** Signalled whenever {@link #applied} moves. */
  private final Object progress = new Object();

  /**
   * The stamps above {@link #applied}: the sequence at which an organization's value (or its
   * absence) was installed, when later than every record applied. An entry at or below {@link
   * #applied} says nothing more than {@link #applied} does and is dropped. Guarded by {@link
   * #applying}.
   */
  private final Map<OrganizationId, Long> ahead = new HashMap<>();

  private volatile long applied;
  private volatile boolean closed;

  /** The organizations by id and by key; values are whole, immutable organizations. */
  private record Replica(
      ConcurrentHashMap<OrganizationId, ConnectedOrganization> byId,
      ConcurrentHashMap<IdentitySourceKey, ConnectedOrganization> byKey) {
    Replica() {
      this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /**
     * Installs {@code org} as the value of {@code id}; null removes it. The new keys are put first,
     * then the old keys the new value no longer has are removed where they still name the old value
     * — never a key the new value holds, even when it equals the old one.
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

  private LiveIndex(Builder b, boolean ownThread) {
    this.feed = b.feed;
    this.store = requireNonNull(feed.store(), "feed.store()");
    this.pollInterval = b.pollInterval;
    this.clock = b.clock;
    this.listener = b.listener;
    reload();
    if (ownThread) {
      Thread t = new Thread(this::run, "entente-live-index");
      t.setDaemon(true);
      this.thread = t;
      t.start();
    } else {
      this.thread = null;
    }
  }

  /**
   * A loaded index with no thread of its own, which {@link LiveDirectories} keeps fresh by calling
   * {@link #catchUp()}.
   */
  static LiveIndex driven(ChangeFeed feed, Clock clock, EntenteListener listener) {
    return new LiveIndex(builder(feed).clock(clock).listener(listener), false);
  }

  /**
   * A live index over {@code feed}, polling every second besides the feed's signal: loads every
   * organization, then keeps up in the background. The index owns the feed and closes it.
   *
   * @param feed the store's change feed
   * @return the started index
   * @throws PortFailureException when the first load fails
   */
  public static LiveIndex start(ChangeFeed feed) {
    return builder(feed).start();
  }

  /**
   * A builder of a live index over {@code feed}.
   *
   * @param feed the store's change feed
   * @return the builder
   */
  public static Builder builder(ChangeFeed feed) {
    return new Builder(feed);
  }

  /**
   * The rule of {@link Builder#pollInterval}, for a front-end (the Spring Boot starter, a command)
   * that checks a setting before it builds an index and reports a refusal in its own terms.
   *
   * @param interval the poll interval
   * @return {@code interval}, when it is one
   * @throws ValidationException on field {@code pollInterval} outside 10 milliseconds to 1 hour
   */
  public static Duration validPollInterval(Duration interval) {
    requireNonNull(interval, "pollInterval");
    if (interval.compareTo(Duration.ofMillis(10)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new ValidationException(
          "pollInterval", interval, "is out of range", "10 milliseconds to 1 hour");
    }
    return interval;
  }

  /** How a live index keeps up. */
  public static final class Builder {
    private final ChangeFeed feed;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private EntenteListener listener = EntenteListener.NONE;

    private Builder(ChangeFeed feed) {
      this.feed = requireNonNull(feed, "feed");
    }

    /**
     * How often the index looks for changes when no signal wakes it; one second unless set. The
     * bound on staleness when signals or connections are lost.
     *
     * @param interval 10 milliseconds to 1 hour
     * @return this builder
     * @throws ValidationException on field {@code pollInterval} outside that range
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = validPollInterval(interval);
      return this;
    }

    /**
     * The clock that dates the records of deletes made without one through the {@link
     * LiveIndex#store() store view}, and measures how late changes arrive; the system's UTC clock
     * unless set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Who is told of each change the index applies, with how long it took to arrive ({@link
     * EntenteListener#changeApplied}); {@link EntenteListener#NONE} unless set. The clock of {@link
     * #clock} measures the delay.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(EntenteListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Loads every organization and starts the background thread.
     *
     * @return the index
     * @throws PortFailureException when the first load fails
     */
    public LiveIndex start() {
      return new LiveIndex(this, true);
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
   * How many committed changes the index has not applied yet; asks the store.
   *
   * @return the lag, in change records
   * @throws PortFailureException when the store fails
   */
  public long lag() {
    return Math.max(0, feed.lastSequence() - applied);
  }

  /**
   * Waits until the index has applied {@code sequence}.
   *
   * @param sequence a sequence, such as {@code ChangeLog.lastSequence()} after a write elsewhere
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
   * @throws PortFailureException when the store fails
   */
  public boolean awaitLatest(Duration timeout) throws InterruptedException {
    return awaitSequence(feed.lastSequence(), timeout);
  }

  // ---------------------------------------------------------------------------------------------
  // the store view: reads from the feed's store, writes installed here before they return (R-IDX-2)

  /**
   * The store to write through: reads go to the feed's store; a write goes through the feed and is
   * in this index when it returns, or, inside a host transaction, as soon as the host has committed
   * (R-IDX-2, R-LOG-4). Plain writes carry their default records ({@link OrganizationStore}); a
   * plain delete's is dated by the builder's clock.
   *
   * @return the store view
   */
  public OrganizationStore store() {
    return view;
  }

  /** The view of {@link #store()}. */
  private final class View extends ForwardingOrganizationStore {
    @Override
    protected OrganizationStore delegate() {
      return store;
    }

    @Override
    public void delete(OrganizationId id, Version expected) {
      requireNonNull(id, "id");
      delete(
          id,
          expected,
          AuditEvent.deleted(id, clock.instant().truncatedTo(ChronoUnit.MICROS)).in(directory()));
    }

    @Override
    public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
      ChangeFeed.Written written = feed.create(organization, change);
      committed(organization.id(), written.organization(), written.sequence(), change.at());
      return written.organization();
    }

    @Override
    public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
      ChangeFeed.Written written = feed.update(next, change);
      committed(next.id(), written.organization(), written.sequence(), change.at());
      return written.organization();
    }

    @Override
    public void delete(OrganizationId id, Version expected, AuditEvent change) {
      committed(id, null, feed.delete(id, expected, change), change.at());
    }

    @Override
    public String toString() {
      return "LiveIndex.store[" + store + "]";
    }
  }

  /**
   * After a write through the view: {@link #wrote} now, or, when the write joined the host's
   * transaction, once the host has committed it (R-LOG-4).
   */
  private void committed(
      OrganizationId id, @Nullable ConnectedOrganization value, long sequence, Instant at) {
    store.transactions().whenCommitted(() -> wrote(id, value, sequence, at));
  }

  /**
   * After a write committed at {@code sequence}: installs its value ({@code null} for a delete),
   * unless the index already holds what the store held at that sequence or later — the thread
   * applied it, or installed a later state of the organization. No round trip: the write is in the
   * index when it returns even when the store fails right after it, and the thread brings the
   * changes of others. When the write's record is the next one after the applied sequence, the
   * applied sequence moves to it.
   */
  private void wrote(
      OrganizationId id, @Nullable ConnectedOrganization value, long sequence, Instant at) {
    if (applied >= sequence) {
      return;
    }
    synchronized (applying) {
      install(id, value, sequence);
      if (applied == sequence - 1) {
        advance(sequence); // nothing before the write is missing: the write's record is applied
        told(sequence, at);
      }
    }
  }

  /** Tells the listener that the change at {@code sequence}, made at {@code at}, is applied. */
  private void told(long sequence, Instant at) {
    if (listener != EntenteListener.NONE) {
      try {
        Duration delay = Duration.between(at, clock.instant());
        listener.changeApplied(sequence, delay.isNegative() ? Duration.ZERO : delay);
      } catch (RuntimeException e) {
        LOG.warn("EntenteListener.changeApplied threw; the change stays applied", e);
      }
    }
  }

  /**
   * Installs {@code value} as the state of {@code id} at {@code sequence}, unless the index holds a
   * state of a later sequence. Callers hold {@link #applying}.
   */
  private void install(OrganizationId id, @Nullable ConnectedOrganization value, long sequence) {
    if (sequence <= applied) {
      return; // every record up to the applied sequence is in: what the index holds is as new
    }
    Long stamp = ahead.get(id);
    if (stamp != null && stamp > sequence) {
      return; // a later state is installed
    }
    replica.install(id, value);
    ahead.put(id, sequence);
  }

  // ---------------------------------------------------------------------------------------------
  // keeping up

  /**
   * Loads every organization into a new replica and swaps it in. The feed may hand organizations
   * over from several threads: a replica's maps take them concurrently. Every state installed ahead
   * of the applied sequence was read or written before this snapshot, so the snapshot is as new.
   */
  private void reload() {
    synchronized (applying) {
      Replica fresh = new Replica();
      long sequence = feed.snapshot(org -> fresh.install(org.id(), org));
      replica = fresh;
      advance(sequence);
      LOG.info("Live index loaded {} organizations at sequence {}", fresh.byId.size(), sequence);
    }
  }

  /**
   * Applies now, on the calling thread, every change committed before the call — what the thread
   * does when signalled and every poll interval: the records after {@link #appliedSequence()}, in
   * sequence order, a batch at a time, each batch with the state of the organizations it names read
   * from one snapshot, installed at that snapshot's sequence, or removed when gone. A gap makes it
   * load a snapshot again. Works after {@link #close()} too.
   *
   * @throws PortFailureException when the store fails; what was applied stays applied
   */
  public void catchUp() {
    synchronized (catchingUp) {
      boolean told = false;
      long promised = 0; // a sequence an earlier look's snapshot held: its records are visible now
      while (true) {
        long from = applied;
        // The round trip holds no lock a write's own install takes: that install may run after a
        // host's commit, on a thread that still holds a pool connection this look may be waiting
        // for.
        ChangeFeed.Changes changes = feed.changesAfter(from, BATCH);
        synchronized (applying) {
          if (applied != from) {
            continue; // a write's own install moved the applied sequence: look again from there
          }
          List<ChangeRecord> records = changes.records();
          if (records.isEmpty() && changes.sequence() <= applied) {
            return; // caught up
          }
          if (records.isEmpty() && promised <= applied) {
            promised = changes.sequence(); // committed after the records were read: look again
            continue;
          }
          // No record although an earlier look saw later changes, or the first record is not the
          // next one: they were pruned from the log.
          if (records.isEmpty() || records.get(0).sequence() != applied + 1) {
            LOG.warn("Live index: the change log was pruned past sequence {}; reloading", applied);
            reload();
            continue;
          }
          if (!told && changes.sequence() - applied > BATCH) {
            told = true;
            LOG.info(
                "Live index is {} changes behind; catching up from {}",
                changes.sequence() - applied,
                applied);
          }
          long last = records.get(records.size() - 1).sequence();
          if (changes.sequence() < last) {
            throw new PortFailureException(
                "LiveIndex.catchUp",
                new IllegalStateException(
                    "the feed read organizations at sequence "
                        + changes.sequence()
                        + ", before the records it returned (through "
                        + last
                        + ")"));
          }
          Set<OrganizationId> named = new LinkedHashSet<>(); // once an organization, not a record
          records.forEach(r -> named.add(r.organizationId()));
          for (OrganizationId id : named) {
            install(id, changes.organizations().get(id), changes.sequence());
          }
          advance(last);
          records.forEach(r -> told(r.sequence(), r.at()));
          if (changes.sequence() == last) {
            return; // the snapshot held nothing after its last record: caught up, no second look
          }
        }
      }
    }
  }

  /** Moves the applied sequence and drops the stamps it passed. Callers hold {@link #applying}. */
  private void advance(long sequence) {
    ahead.values().removeIf(stamp -> stamp <= sequence);
    synchronized (progress) {
      applied = sequence;
      progress.notifyAll();
    }
  }

  /**
   * The pause before the next try after {@code failures} failures in a row: none for the first
   * {@value #QUICK_RETRIES}, then from {@value #FIRST_PAUSE_MILLIS} ms doubling, never longer than
   * the poll interval.
   */
  static long pauseMillis(int failures, Duration pollInterval) {
    if (failures <= QUICK_RETRIES) {
      return 0;
    }
    int doublings = Math.min(failures - QUICK_RETRIES - 1, 30);
    return Math.min(pollInterval.toMillis(), FIRST_PAUSE_MILLIS << doublings);
  }

  /**
   * The thread: catch up when signalled or when the poll interval has passed; wait for the signal
   * in slices of at most {@link #SLICE_MILLIS}; after a failure, try again as {@link #pauseMillis}
   * says, and keep polling while the signal is down.
   */
  private void run() {
    long pollNanos = pollInterval.toNanos();
    long nextPoll = System.nanoTime() + pollNanos; // loaded just now; a signal says what came since
    boolean woken = false;
    int failures = 0;
    int signalFailures = 0;
    try {
      while (!closed) {
        if (woken || System.nanoTime() - nextPoll >= 0) {
          try {
            catchUp();
            if (failures > 0) {
              LOG.info("Live index reached the store again, at sequence {}", applied);
            }
            failures = 0;
            woken = false;
            nextPoll = System.nanoTime() + pollNanos;
          } catch (RuntimeException e) {
            if (closed) {
              return;
            }
            if (++failures == 1) {
              LOG.warn(
                  "Live index lost the store ({}); trying again, from sequence {}",
                  e.toString(),
                  applied);
            }
            woken = true;
            Thread.sleep(pauseMillis(failures, pollInterval));
            continue;
          }
        }
        long wait = Math.max(1, Math.min(SLICE_MILLIS, (nextPoll - System.nanoTime()) / 1_000_000));
        try {
          woken = feed.awaitChange(Duration.ofMillis(wait));
          signalFailures = 0;
        } catch (RuntimeException e) {
          if (closed) {
            return;
          }
          if (++signalFailures == 1) {
            LOG.warn("Live index lost the store's signal ({}); polling meanwhile", e.toString());
            woken = true; // a change may have been signalled on the lost connection
          }
          Thread.sleep(Math.min(wait, pauseMillis(signalFailures, pollInterval)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      feed.close();
    }
  }

  /**
   * Stops the thread and releases the feed. Returns within {@value #CLOSE_WAIT_MILLIS} ms; when the
   * thread is inside a call to the feed that does not answer to an interrupt (a query), it stops
   * and closes the feed as soon as that call returns, which the feed bounds (its query timeout).
   */
  @Override
  public void close() {
    closed = true;
    Thread thread = this.thread;
    if (thread == null) {
      feed.close();
      return;
    }
    thread.interrupt();
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.info("Live index closed; its thread stops when the feed's current call returns");
    }
  }

  /**
   * Whether the thread has stopped and released the feed.
   *
   * @return whether it has stopped
   */
  public boolean stopped() {
    return thread == null ? closed : !thread.isAlive();
  }

  @Override
  public String toString() {
    return "LiveIndex[" + feed + ", " + size() + " organizations, at " + applied + "]";
  }

  /** For tests: the organizations the index holds, in id order. */
  List<ConnectedOrganization> all() {
    List<ConnectedOrganization> out = new ArrayList<>(replica.byId.values());
    out.sort(Comparator.comparing(ConnectedOrganization::id));
    return out;
  }
}
