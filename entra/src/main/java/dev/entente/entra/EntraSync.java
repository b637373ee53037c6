package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.ImportStep;
import dev.entente.errors.EntenteException;
import dev.entente.errors.ValidationException;
import dev.entente.graph.GraphAuditEntry;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.spi.SyncLedger;
import dev.entente.spi.SyncLedger.Lease;
import dev.entente.spi.SyncLedger.SyncCursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local store equal to a tenant's connected organizations, round after round, without
 * listing everything each time (R-ENT-5). The first round lists the tenant whole; each round after
 * reads the directory audit log's connected-organization and sponsor entries from an overlap before
 * the last read (the log is minutes late, in any order), drops the entries already let through, and
 * reads again only the organizations they name: created and changed ones are imported, deleted ones
 * deleted. A full list on a schedule ({@link Builder#reconcileEvery}, daily by default) catches
 * whatever the log did not say, and deletes what the tenant no longer holds.
 *
 * <pre>{@code
 * EntraSync sync = EntraSync.builder(entra, entente.organizations(), ledger).build();
 * SyncReport round = sync.runOnce(); // call it on a schedule: every minute, say
 * }</pre>
 *
 * <p>The store is the tenant's copy: change organizations in Entra (or {@linkplain Entra#push push}
 * the changes), not in the store, which a sync makes equal to Entra again. Its place is kept in a
 * {@link SyncLedger}, so a restart resumes where the last round stopped; several instances may run
 * a sync on one store: the ledger's lease lets one at a time apply, and an instance that lost its
 * lease while it read applies nothing. Without {@code AuditLog.Read.All} the sync says so once and
 * lists the tenant whole each round, trying the log again at each reconcile. Thread-safe: rounds
 * run one at a time.
 */
public final class EntraSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EntraSync.class);

  /** How far before the last read the next one starts, unless set: past the log's p99 delay. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(10);

  /** How often the tenant is listed whole, unless set. */
  public static final Duration DEFAULT_RECONCILE = Duration.ofDays(1);

  /** How long a lease lasts without renewal, unless set. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /** The actor the sync's writes are audited as, unless another is named. */
  public static final Actor SYNC = Actor.application("entente-entra-sync");

  private final Entra entra;
  private final ConnectedOrganizations organizations;
  private final SyncLedger ledger;
  private final String holder;
  private final Duration overlap;
  private final Duration reconcileEvery;
  private final Duration lease;
  private final Actor actor;
  private final Clock clock;

  // Guarded by this.
  private boolean auditReadable = true;
  private @Nullable Instant auditTriedAt;
  private boolean reconcileNext;
  private @Nullable SyncReport last;
  private @Nullable Lease held;
  private @Nullable String lastFailure;
  private java.util.concurrent.@Nullable ScheduledExecutorService every;

  private EntraSync(Builder b) {
    this.entra = b.entra;
    this.organizations = b.organizations;
    this.ledger = b.ledger;
    this.holder = b.holder;
    this.overlap = b.overlap;
    this.reconcileEvery = b.reconcileEvery;
    this.lease = b.lease;
    this.actor = b.actor;
    this.clock = entra.clock();
  }

  /**
   * {@return a builder of a sync of {@code entra}'s tenant into the store behind {@code
   * organizations}, its place kept in {@code ledger}}
   *
   * @param entra the connection to the tenant
   * @param organizations the management service of the local store
   * @param ledger where the sync keeps its cursor and lease
   * @throws dev.entente.errors.ValidationException on field {@code organizations} when they are
   *     another host directory's than the connection's (R-DIR-1)
   */
  public static Builder builder(
      Entra entra, ConnectedOrganizations organizations, SyncLedger ledger) {
    requireNonNull(entra, "entra").checkDirectory(requireNonNull(organizations, "organizations"));
    return new Builder(
        requireNonNull(entra, "entra"),
        requireNonNull(organizations, "organizations"),
        requireNonNull(ledger, "ledger"));
  }

  /** How a sync runs. */
  public static final class Builder {
    private final Entra entra;
    private final ConnectedOrganizations organizations;
    private final SyncLedger ledger;
    private String holder = defaultHolder();
    private Duration overlap = DEFAULT_OVERLAP;
    private Duration reconcileEvery = DEFAULT_RECONCILE;
    private Duration lease = DEFAULT_LEASE;
    private Actor actor = SYNC;

    private Builder(Entra entra, ConnectedOrganizations organizations, SyncLedger ledger) {
      this.entra = entra;
      this.organizations = organizations;
      this.ledger = ledger;
    }

    /**
     * Names this instance in the ledger's lease; by default the process id and a random suffix.
     *
     * @param holder a name unique among the instances that sync the store
     * @return this builder
     * @throws ValidationException on field {@code holder} blank or too long
     */
    public Builder holder(String holder) {
      this.holder = SyncLedger.checkHolder(holder);
      return this;
    }

    /**
     * How far before the last read each audit read starts; the default, {@link #DEFAULT_OVERLAP},
     * outlasts the log's published delay (2 minutes at p95, 5 at p99).
     *
     * @param overlap 5 minutes to 1 day
     * @return this builder
     * @throws ValidationException on field {@code overlap} outside 5 minutes to 1 day
     */
    public Builder overlap(Duration overlap) {
      this.overlap =
          within(
              "overlap", overlap, Duration.ofMinutes(5), Duration.ofDays(1), "5 minutes to 1 day");
      return this;
    }

    /**
     * How often the tenant is listed whole; by default {@link #DEFAULT_RECONCILE}.
     *
     * @param every 10 minutes to 7 days (the audit log's shortest retention)
     * @return this builder
     * @throws ValidationException on field {@code reconcileEvery} outside 10 minutes to 7 days
     */
    public Builder reconcileEvery(Duration every) {
      this.reconcileEvery = validReconcileEvery(every);
      return this;
    }

    /**
     * How long this instance's lease lasts without renewal: longer than a round takes; another
     * instance takes over this long after this one stops. By default {@link #DEFAULT_LEASE}.
     *
     * @param ttl 10 seconds to 1 hour
     * @return this builder
     * @throws ValidationException on field {@code lease} outside 10 seconds to 1 hour
     */
    public Builder lease(Duration ttl) {
      this.lease =
          within("lease", ttl, Duration.ofSeconds(10), Duration.ofHours(1), "10 seconds to 1 hour");
      return this;
    }

    /**
     * Audits the sync's writes as {@code actor}; by default {@link #SYNC}.
     *
     * @param actor the actor
     * @return this builder
     */
    public Builder actor(Actor actor) {
      this.actor = requireNonNull(actor, "actor");
      return this;
    }

    /** {@return the sync} */
    public EntraSync build() {
      return new EntraSync(this);
    }

    private static Duration within(
        String field, Duration value, Duration least, Duration most, String accepted) {
      requireNonNull(value, field);
      if (value.compareTo(least) < 0 || value.compareTo(most) > 0) {
        throw new ValidationException(field, value, "is out of range", accepted);
      }
      return value;
    }

    private static String defaultHolder() {
      return "pid "
          + ProcessHandle.current().pid()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);
    }
  }

  /**
   * Checks how often a sync lists the tenant whole, as {@link Builder#reconcileEvery} does: for a
   * front-end that checks a setting before it builds.
   *
   * @param every the period
   * @return {@code every}
   * @throws ValidationException on field {@code reconcileEvery} outside 10 minutes to 7 days
   */
  public static Duration validReconcileEvery(Duration every) {
    return Builder.within(
        "reconcileEvery",
        every,
        Duration.ofMinutes(10),
        Duration.ofDays(7),
        "10 minutes to 7 days");
  }

  /**
   * Checks the time between rounds, as {@link #start} does: for a front-end that checks a setting
   * before it builds.
   *
   * @param interval the time
   * @return {@code interval}
   * @throws ValidationException on field {@code interval} outside 10 seconds to 1 day
   */
  public static Duration validInterval(Duration interval) {
    return Builder.within(
        "interval", interval, Duration.ofSeconds(10), Duration.ofDays(1), "10 seconds to 1 day");
  }

  /** {@return the name this instance holds the lease by} */
  public String holder() {
    return holder;
  }

  /**
   * {@return whether the audit log could be read at the last try: false when the application lacks
   * {@code AuditLog.Read.All}, and the sync lists the tenant whole each round}
   */
  public synchronized boolean auditLogReadable() {
    return auditReadable;
  }

  /** {@return the last round's report, if a round ran to its end} */
  public synchronized Optional<SyncReport> lastRound() {
    return Optional.ofNullable(last);
  }

  /**
   * {@return why the last round failed, when it did: the message of its {@link EntraException} or
   * port failure (never a credential); empty once a round runs to its end again}
   */
  public synchronized Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Runs a round now and then every {@code interval} after the last ended, on a daemon thread of
   * its own, until {@linkplain #close closed}. A round that fails is logged and kept as {@link
   * #lastFailure()}; the next runs as scheduled (the cursor stays, so it reads the same again).
   *
   * @param interval 10 seconds to 1 day
   * @return this sync
   * @throws ValidationException on field {@code interval} outside 10 seconds to 1 day
   * @throws IllegalStateException when it was started already
   */
  public EntraSync start(Duration interval) {
    validInterval(interval);
    synchronized (this) {
      if (every != null) {
        throw new IllegalStateException(this + " was started already");
      }
      every =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "entente-entra-sync");
                t.setDaemon(true);
                return t;
              });
      java.util.concurrent.ScheduledFuture<?> unused =
          every.scheduleWithFixedDelay(
              this::scheduledRound,
              0,
              interval.toMillis(),
              java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void scheduledRound() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("A sync round failed; the next runs as scheduled: {}", e.getMessage());
    }
  }

  /**
   * Runs one round: claims the lease, reads what changed (or the whole tenant when a reconcile is
   * due), and applies it to the store together with the new cursor.
   *
   * @return what the round did
   * @throws EntraException when Entra cannot be read; the cursor stays, and the next round reads
   *     the same again
   * @throws dev.entente.errors.PortFailureException when the store or the ledger cannot be reached
   */
  public synchronized SyncReport runOnce() {
    try {
      SyncReport report = round();
      lastFailure = null;
      return report;
    } catch (RuntimeException e) {
      lastFailure = String.valueOf(e.getMessage());
      throw e;
    }
  }

  private SyncReport round() {
    Instant started = clock.instant();
    long before = entra.requests();
    Optional<Lease> claimed = ledger.claim(holder, lease);
    if (claimed.isEmpty()) {
      return remember(SyncReport.notHolder(started));
    }
    Lease held = claimed.get();
    this.held = held;
    Optional<SyncCursor> cursor = ledger.cursor();
    boolean reconcile =
        cursor.isEmpty()
            || reconcileNext
            || !started.isBefore(cursor.get().reconciledAt().plus(reconcileEvery));
    if (!reconcile && !auditReadable) {
      Instant tried = auditTriedAt;
      reconcile = tried != null && started.isBefore(tried.plus(reconcileEvery));
    }
    List<GraphAuditEntry> entries = List.of();
    if (!reconcile) {
      try {
        entries = entra.auditLog(cursor.get().auditReadAt().minus(overlap));
        auditReadable(true, started);
      } catch (EntraException e) {
        if (e.status() != 403) {
          throw e;
        }
        auditReadable(false, started);
        reconcile = true;
      }
    }
    SyncReport report =
        reconcile
            ? reconcile(held, cursor, started, before)
            : incremental(held, cursor.get(), entries, started, before);
    return remember(report);
  }

  private SyncReport remember(SyncReport report) {
    last = report;
    return report;
  }

  private void auditReadable(boolean readable, Instant at) {
    auditTriedAt = at;
    if (readable == auditReadable) {
      return;
    }
    auditReadable = readable;
    if (readable) {
      LOG.info("Entra's audit log can be read again: the sync reads changes from it (R-ENT-5)");
    } else {
      LOG.warn(
          "Entra refuses to let this application read the directory audit log (403): grant it"
              + " AuditLog.Read.All to sync changes without full lists; until then each round"
              + " lists every connected organization (R-ENT-5)");
    }
  }

  /** A full list: imports it, deletes what the tenant no longer holds. */
  private SyncReport reconcile(
      Lease lease, Optional<SyncCursor> cursor, Instant started, long before) {
    EntraSnapshot snapshot = entra.pull();
    // Whatever Entra listed is held, read or not, mapped or not: never deleted. An entry read
    // without its id could be any organization of the store: no organization is deleted then.
    Set<String> held = new HashSet<>();
    boolean deletes = true;
    for (GraphOrganization org : snapshot.organizations()) {
      org.id().ifPresent(held::add);
      deletes &= org.id().isPresent();
    }
    for (EntraSnapshot.Problem problem : snapshot.problems()) {
      Optional<String> id = problem.organizationId();
      id.ifPresent(held::add);
      deletes &= id.isPresent();
    }
    List<ConnectedOrganization> gone = new ArrayList<>();
    if (deletes) {
      organizations.all().filter(o -> !held.contains(o.id().toString())).forEach(gone::add);
    } else {
      LOG.warn(
          "Entra listed an organization whose id cannot be read: this reconcile deletes nothing");
    }
    // The entries already let through stay so: the next audit read lists them again.
    SyncCursor next =
        new SyncCursor(started, started, cursor.map(SyncCursor::appliedEntries).orElse(Set.of()));
    Applied applied = new Applied();
    boolean done = ledger.advance(lease, next, () -> applied.run(snapshot, gone));
    if (done) {
      reconcileNext = false;
    }
    return applied.report(
        done ? SyncReport.Round.FULL : SyncReport.Round.LEASE_LOST,
        started,
        0,
        snapshot.organizations().size(),
        entra.requests() - before);
  }

  /** The organizations the new audit entries name, read again and applied. */
  private SyncReport incremental(
      Lease held, SyncCursor cursor, List<GraphAuditEntry> entries, Instant started, long before) {
    Set<String> named = new LinkedHashSet<>();
    Set<String> kept = new HashSet<>();
    int fresh = 0;
    boolean unnamed = false;
    Instant forgetBefore = started.minus(overlap);
    for (GraphAuditEntry entry : entries) {
      if (!GraphJson.SYNC_ACTIVITIES.contains(entry.activity())) {
        continue;
      }
      if (!entry.at().isBefore(forgetBefore)) {
        kept.add(entry.id()); // the next read lists it again
      }
      if (cursor.appliedEntries().contains(entry.id())) {
        continue;
      }
      fresh++;
      List<String> ids =
          entry.targets().stream()
              .filter(t -> !t.isUserOrGroup())
              .map(GraphAuditEntry.Target::id)
              .toList();
      if (ids.isEmpty()) {
        unnamed = true; // no organization named: the next round lists the tenant whole
      }
      named.addAll(ids);
    }
    SyncCursor next = new SyncCursor(started, cursor.reconciledAt(), kept);
    Applied applied = new Applied();
    int read = 0;
    boolean done;
    if (named.isEmpty()) {
      done = ledger.advance(held, next, () -> {});
    } else {
      EntraSnapshot snapshot = entra.reread(named);
      read = snapshot.organizations().size();
      List<ConnectedOrganization> gone = new ArrayList<>();
      for (String id : snapshot.missing()) {
        try {
          organizations.get(OrganizationId.of(id)).ifPresent(gone::add);
        } catch (ValidationException notAnOrganizationId) {
          LOG.debug("The audit log names {}, which is no organization id", id);
        }
      }
      done = ledger.advance(held, next, () -> applied.run(snapshot, gone));
    }
    if (done && unnamed) {
      LOG.info("An audit entry names no connected organization: the next round lists them all");
      reconcileNext = true;
    }
    return applied.report(
        done ? SyncReport.Round.INCREMENTAL : SyncReport.Round.LEASE_LOST,
        started,
        fresh,
        read,
        entra.requests() - before);
  }

  /** What one round wrote: run inside the ledger's advance. */
  private final class Applied {
    long written;
    long deleted;
    final List<String> failures = new ArrayList<>();

    /**
     * Deletes what Entra no longer holds, then imports {@code read}, planned after the deletes: an
     * identity source Entra moved from a deleted organization to another is free by then.
     */
    void run(EntraSnapshot read, List<ConnectedOrganization> gone) {
      for (ConnectedOrganization org : gone) {
        try {
          organizations.delete(org.id(), org.version(), actor);
          deleted++;
        } catch (EntenteException e) {
          failures.add("connectedOrganizations/" + org.id() + ": " + e.getMessage());
        }
      }
      ImportPlan plan = read.planImport(organizations);
      ImportReport report = plan.apply(actor);
      written = report.applied();
      for (ImportReport.Outcome outcome : report.outcomes()) {
        outcome
            .failed()
            .ifPresent(e -> failures.add(outcome.step().origin() + ": " + e.getMessage()));
      }
      for (ImportStep step : plan.steps()) {
        if (step.kind() == ImportStep.Kind.INVALID) {
          failures.add(
              step.origin() + ": " + step.problem().map(Throwable::getMessage).orElse("invalid"));
        }
      }
      if (!failures.isEmpty()) {
        LOG.warn(
            "A sync round could not apply {} change(s); the next reconcile tries again: {}",
            failures.size(),
            failures);
      }
    }

    SyncReport report(
        SyncReport.Round round, Instant started, int entries, int read, long requests) {
      return new SyncReport(
          round, started, entries, read, written, deleted, List.copyOf(failures), requests);
    }
  }

  /**
   * Stops the rounds {@link #start} scheduled, and gives up this instance's lease, if it holds one,
   * so that another instance takes over at its next round instead of when the lease runs out. Call
   * it when the application stops.
   */
  @Override
  public void close() {
    java.util.concurrent.ScheduledExecutorService stop;
    synchronized (this) {
      stop = every;
      every = null;
    }
    if (stop != null) {
      stop.shutdownNow(); // a round under way ends at its next wait
    }
    synchronized (this) {
      release();
    }
  }

  private void release() {
    Lease lease = held;
    if (lease != null) {
      ledger.release(lease);
      held = null;
    }
  }

  @Override
  public String toString() {
    return "EntraSync[" + holder + "]";
  }
}
