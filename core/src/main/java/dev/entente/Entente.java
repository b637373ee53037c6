package dev.entente;

import static java.util.Objects.requireNonNull;

import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.InvitationGate;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.Slf4jAuditSink;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.EntenteException;
import dev.entente.errors.ValidationException;
import dev.entente.live.LiveDirectories;
import dev.entente.live.LiveIndex;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: Entente wired to a store, a directory lookup, a clock, an audit sink and a
 * delete guard, each with an embedded default.
 *
 * <pre>{@code
 * Entente entente = Entente.inMemory();                       // every default
 * Entente custom = Entente.builder()
 *     .store(myStore).directoryLookup(myLookup).deleteGuard(myGuard)
 *     .restrictions(CollaborationRestrictions.deny(List.of("blocked.example")))
 *     .build();
 * }</pre>
 *
 * <p>{@link #matcher()} reads the store itself, never a copy: a decision made right after a write
 * through {@link #organizations()} sees that write. With the default store each lookup is one hash
 * lookup; with a host's store it is one {@link OrganizationStore#get} or {@link
 * OrganizationStore#findByKey} call, so a store that does I/O should cache.
 *
 * <h2>Host directories (R-DIR-1, R-DIR-4)</h2>
 *
 * <p>An {@code Entente} serves one {@linkplain #directory() host directory}: its management service
 * writes there, its matcher decides from there, its audit events and listener calls name it. {@link
 * #directory(HostDirectory)} gives the {@code Entente} of another directory of the same deployment
 * — when the store serves many ({@link OrganizationStores}: the in-memory default and the
 * PostgreSQL store do) or the replicas are {@link LiveDirectories}. The {@code Entente} a builder
 * builds serves its store's directory, {@link HostDirectory#DEFAULT} unless the store says
 * otherwise, so code written before directories works on the default one.
 *
 * <pre>{@code
 * Entente deployment = Entente.builder().store(PostgresOrganizationStore.of(dataSource)).build();
 * Entente contoso = deployment.directory(HostDirectory.of("contoso"));
 * contoso.organizations().create(draft, actor);           // contoso's only
 * }</pre>
 */
public final class Entente {
  private final Deployment deployment;
  private final HostDirectory directory;

  /**
   * Names the directory of each call, for an {@code Entente} made by {@link #routed}; else null.
   */
  private final @Nullable Supplier<HostDirectory> route;

  private final OrganizationStore store;
  private final OrganizationIndex index;
  private final DirectoryLookup lookup;
  private final ConnectedOrganizations organizations;
  private final AccessRequestMatcher matcher;
  private final EntenteListener listener;

  /** What every directory's {@code Entente} shares: the ports, and the directories served. */
  private static final class Deployment {
    final HostDirectory home;
    final Function<HostDirectory, OrganizationStore> stores;

    /** A directory's index, given its store ({@link #stores}'s answer for it). */
    final BiFunction<HostDirectory, OrganizationStore, OrganizationIndex> indexes;

    final @Nullable OrganizationStores listing;
    final Function<HostDirectory, DirectoryLookup> lookups;
    final Clock clock;
    final AuditSink audit;
    final DeleteGuard guard;
    final CollaborationRestrictions restrictions;
    final @Nullable Function<HostDirectory, InvitationGate> gates;
    final EntenteListener listener;
    final ConcurrentHashMap<HostDirectory, Entente> served = new ConcurrentHashMap<>();

    Deployment(Builder b) {
      this.clock = b.clock;
      this.audit = b.audit != null ? b.audit : new Slf4jAuditSink();
      this.guard = b.guard;
      this.restrictions = b.restrictions;
      this.gates = b.gates;
      this.listener = b.listener;
      DirectoryLookup lookup = b.lookup;
      this.lookups = b.lookups != null ? b.lookups : d -> lookup;
      if (b.replicas != null) {
        LiveDirectories live = b.replicas;
        this.home = HostDirectory.DEFAULT;
        this.stores = live::store;
        this.indexes = (d, store) -> live.index(d);
        this.listing = null;
        return;
      }
      OrganizationStore store = b.store;
      this.home = Ports.call("OrganizationStore.directory", store::directory);
      OrganizationIndex index = b.index;
      if (store instanceof OrganizationStores many && index == null) {
        this.listing = many;
        this.stores = d -> d.equals(home) ? store : many.inDirectory(d);
        this.indexes = (d, directoryStore) -> indexOf(directoryStore);
      } else {
        this.listing = null;
        this.stores = d -> onlyHome(d, store);
        OrganizationIndex one = index != null ? index : indexOf(store);
        this.indexes = (d, homeStore) -> one; // stores refused any other directory
      }
    }

    private <T> T onlyHome(HostDirectory d, T port) {
      if (!d.equals(home)) {
        throw new ValidationException(
            "directory",
            d,
            "is not served by this Entente, whose store or index holds directory " + home + " only",
            "directory "
                + home
                + ", or a store of many directories (OrganizationStores) or LiveDirectories");
      }
      return port;
    }
  }

  private Entente(Deployment deployment, HostDirectory directory) {
    this.deployment = deployment;
    this.directory = directory;
    this.route = null;
    this.store = deployment.stores.apply(directory);
    this.index = deployment.indexes.apply(directory, store);
    this.lookup = Ports.call("directoryLookups", () -> deployment.lookups.apply(directory));
    this.listener = EntenteListener.inDirectory(deployment.listener, directory);
    this.matcher = matcherOf(deployment, index, lookup, listener, () -> directory);
    this.organizations = organizationsOf(deployment, store, index, lookup, listener);
  }

  /**
   * The {@code Entente} of {@link #routed}: its ports forward each call to the {@code Entente} of
   * the directory {@code route} names at that moment, so that a call reads and writes in one
   * directory, its audit events and listener calls say which.
   */
  private Entente(Deployment deployment, Supplier<HostDirectory> route) {
    this.deployment = deployment;
    this.directory = deployment.home;
    this.route = route;
    this.store =
        new ForwardingOrganizationStore() {
          @Override
          protected OrganizationStore delegate() {
            return at().store;
          }

          @Override
          public String toString() {
            return "the store of the directory of each call";
          }
        };
    this.index =
        new OrganizationIndex() {
          @Override
          public @Nullable ConnectedOrganization byId(OrganizationId id) {
            return at().index.byId(id);
          }

          @Override
          public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
            return at().index.holderOf(key);
          }
        };
    this.lookup =
        new DirectoryLookup() {
          @Override
          public DomainResolution resolve(DomainName domain) {
            return at().lookup.resolve(domain);
          }

          @Override
          public Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
            return at().lookup.tenantName(cloud, tenantId);
          }
        };
    this.listener =
        new EntenteListener() {
          @Override
          public void decided(AccessDecision decision) {
            at().listener.decided(decision);
          }

          @Override
          public void writeFailed(String operation, RuntimeException failure) {
            at().listener.writeFailed(operation, failure);
          }

          @Override
          public void changeApplied(long sequence, Duration delay) {
            at().listener.changeApplied(sequence, delay);
          }
        };
    this.matcher = matcherOf(deployment, index, lookup, listener, () -> routedDirectory(route));
    this.organizations = organizationsOf(deployment, store, index, lookup, listener);
  }

  /**
   * The matcher of a directory: over its index and lookup, with the deployment's restrictions, or
   * the gate {@link Builder#gates} answers for the directory of each decision.
   */
  private static AccessRequestMatcher matcherOf(
      Deployment deployment,
      OrganizationIndex index,
      DirectoryLookup lookup,
      EntenteListener listener,
      Supplier<HostDirectory> directory) {
    AccessRequestMatcher m =
        AccessRequestMatcher.of(index, deployment.restrictions, lookup).withListener(listener);
    Function<HostDirectory, InvitationGate> gates = deployment.gates;
    return gates == null ? m : m.withGate(() -> gateOf(gates, directory.get()));
  }

  /** The gate {@code gates} answers for {@code directory}; its failure is a port's. */
  private static InvitationGate gateOf(
      Function<HostDirectory, InvitationGate> gates, HostDirectory directory) {
    return Ports.call("gates", () -> gates.apply(directory));
  }

  private static ConnectedOrganizations organizationsOf(
      Deployment deployment,
      OrganizationStore store,
      OrganizationIndex index,
      DirectoryLookup lookup,
      EntenteListener listener) {
    return new ConnectedOrganizations(
        store,
        lookup,
        deployment.clock,
        deployment.audit,
        deployment.guard,
        AccessRequestMatcher.of(index),
        listener);
  }

  /** {@return the {@code Entente} of this call's directory: this one, unless routed} */
  private Entente at() {
    Supplier<HostDirectory> r = route;
    return r == null ? this : directory(routedDirectory(r));
  }

  /**
   * What {@code route} names now; its failure, or no answer, is the caller's: a call made where no
   * directory is current.
   */
  private static HostDirectory routedDirectory(Supplier<HostDirectory> route) {
    HostDirectory d;
    try {
      d = route.get();
    } catch (EntenteException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ValidationException(
          "directory",
          "(none current)",
          "cannot be told for this call: " + e.getMessage(),
          "a call where the host's resolver names a directory (in a request it resolves), or"
              + " Entente.directory(id) to name one");
    }
    if (d == null) {
      throw new ValidationException(
          "directory",
          "(none current)",
          "cannot be told for this call: the routed Entente's supplier answered null",
          "a call where the host's resolver names a directory, or Entente.directory(id)");
    }
    return d;
  }

  /**
   * An {@code Entente} that acts, on each call, in the directory {@code current} names at that
   * moment (R-DIR-1): its {@link #organizations()} and {@link #matcher()} — and the objects they
   * return, held for as long as the application likes — read, write, decide, audit and tell
   * listeners in that directory, through that directory's {@code Entente}. For a host that keeps
   * the current directory per request or per thread, such as a multi-tenant web application; Spring
   * Boot's starter builds one over its directory resolver. {@code current} is asked once per port
   * call, so it must answer the same within one call (a thread's request does). When it knows no
   * directory it throws (or answers null), and the call fails with a {@link ValidationException} on
   * field {@code directory} carrying its message, having written nothing.
   *
   * @param current names the directory of the call now
   * @return the routed {@code Entente}
   */
  public Entente routed(Supplier<HostDirectory> current) {
    return new Entente(deployment, requireNonNull(current, "current"));
  }

  /** {@return the host directory this {@code Entente} serves} */
  public HostDirectory directory() {
    Supplier<HostDirectory> r = route;
    return r == null ? directory : routedDirectory(r);
  }

  /**
   * The {@code Entente} of {@code directory} in this deployment: its own organizations, matcher,
   * audit events and listener calls, with the ports and restrictions given at build time (R-DIR-1).
   * The same object each time; this one for its own directory.
   *
   * @param directory the directory
   * @return its {@code Entente}
   * @throws ValidationException on field {@code directory} when the store (or the index given)
   *     holds one directory only and it is another
   */
  public Entente directory(HostDirectory directory) {
    requireNonNull(directory, "directory");
    if (route == null && directory.equals(this.directory)) {
      return this;
    }
    Entente e = deployment.served.get(directory);
    return e != null
        ? e
        : deployment.served.computeIfAbsent(directory, d -> new Entente(deployment, d));
  }

  /**
   * A page of the directories of this deployment ever written to, in identifier order ({@link
   * OrganizationStores#directories}).
   *
   * @param after the last directory of the previous page; empty for the first
   * @param limit the most to return, 1 to {@value OrganizationStores#MAX_LIMIT}
   * @return the directories
   * @throws ValidationException on field {@code limit} out of range, or on field {@code
   *     directories} when the store cannot list its directories (a store of one directory, or
   *     replicas)
   */
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    OrganizationStores listing = deployment.listing;
    if (listing == null) {
      throw new ValidationException(
          "directories",
          "this Entente's store",
          "cannot list directories",
          "a store of many directories (OrganizationStores)");
    }
    OrganizationStores.checkLimit(limit);
    return Ports.callList(
        "OrganizationStores.directories", () -> listing.directories(after, limit));
  }

  /**
   * Entente with every default: an empty in-memory store, an empty static lookup, the system clock,
   * SLF4J audit, no delete guard, no restrictions.
   *
   * @return the entente
   */
  public static Entente inMemory() {
    return builder().build();
  }

  /** {@return a builder, every port at its default} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the management service} */
  public ConnectedOrganizations organizations() {
    return organizations;
  }

  /** {@return the matcher, over the store and the restrictions given at build time} */
  public AccessRequestMatcher matcher() {
    return matcher;
  }

  /**
   * {@return a matcher over the store with another domain list, for a host whose restrictions
   * change; with {@link Builder#gates}, the directory's cross-tenant access settings still apply}
   *
   * @param restrictions the restrictions
   */
  public AccessRequestMatcher matcher(CollaborationRestrictions restrictions) {
    AccessRequestMatcher m =
        AccessRequestMatcher.of(index, restrictions, lookup).withListener(listener);
    if (deployment.gates == null) {
      return m;
    }
    AccessRequestMatcher own = matcher;
    return m.withGate(() -> new InvitationGate(restrictions, own.gate().crossTenantAccess()));
  }

  /** {@return the restrictions given at build time} */
  public CollaborationRestrictions restrictions() {
    return deployment.restrictions;
  }

  private static OrganizationIndex indexOf(OrganizationStore store) {
    if (store instanceof OrganizationIndex index) {
      return index;
    }
    return new OrganizationIndex() {
      @Override
      public @Nullable ConnectedOrganization byId(OrganizationId id) {
        return Ports.call("OrganizationStore.get", () -> store.get(id)).orElse(null);
      }

      @Override
      public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
        return Ports.call("OrganizationStore.findByKey", () -> store.findByKey(key)).orElse(null);
      }
    };
  }

  /** Builds {@link Entente}; every port has a default. */
  public static final class Builder {
    private OrganizationStore store = new InMemoryOrganizationStore();
    private DirectoryLookup lookup = StaticDirectoryLookup.empty();
    private Clock clock = Clock.systemUTC();
    private @Nullable AuditSink audit; // the SLF4J sink, made only when no other is set
    private @Nullable OrganizationIndex index; // the store itself, or calls to it, unless set
    private @Nullable LiveDirectories replicas;
    private @Nullable Function<HostDirectory, DirectoryLookup> lookups;
    private DeleteGuard guard = DeleteGuard.NONE;
    private CollaborationRestrictions restrictions = CollaborationRestrictions.none();
    private @Nullable Function<HostDirectory, InvitationGate> gates;
    private EntenteListener listener = EntenteListener.NONE;

    private Builder() {}

    /**
     * Sets the store, where organizations are kept; an empty {@link InMemoryOrganizationStore}
     * unless set.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(OrganizationStore store) {
      this.store = requireNonNull(store, "store");
      this.replicas = null;
      return this;
    }

    /**
     * Writes through the replica's {@link LiveIndex#store() store view} and decides from the
     * replica itself: {@code store(live.store())} and {@code index(live)} in one, so that decisions
     * read memory and an instance reads its own writes (R-IDX-2).
     *
     * @param live the replica
     * @return this builder
     */
    public Builder replica(LiveIndex live) {
      requireNonNull(live, "live");
      this.store = live.store();
      this.index = live;
      this.replicas = null;
      return this;
    }

    /**
     * Writes and decides in each directory through its replica in {@code live}, loaded on first use
     * (R-DIR-3): the built {@code Entente} serves {@link HostDirectory#DEFAULT}, and {@link
     * Entente#directory(HostDirectory)} any other.
     *
     * @param live the replicas
     * @return this builder
     */
    public Builder replicas(LiveDirectories live) {
      this.replicas = requireNonNull(live, "live");
      this.index = null;
      return this;
    }

    /**
     * The index the matcher and approvals read, kept by the host over its store — a cache, or a
     * replica fed by the store's change log — so that decisions do not wait on the store. Unless
     * set: the store itself when it implements {@link OrganizationIndex} (the in-memory store
     * does), else a call to the store for each lookup. The index must keep the contract of {@link
     * OrganizationIndex}, read-your-writes included; {@code OrganizationIndexContract} in {@code
     * entente-testkit} checks it.
     *
     * @param index the index over the store given to {@link #store}
     * @return this builder
     */
    public Builder index(OrganizationIndex index) {
      this.index = requireNonNull(index, "index");
      return this;
    }

    /**
     * Sets the directory lookup, which resolves domains and names tenants; {@link
     * StaticDirectoryLookup#empty()} unless set.
     *
     * @param lookup the directory lookup
     * @return this builder
     */
    public Builder directoryLookup(DirectoryLookup lookup) {
      this.lookup = requireNonNull(lookup, "lookup");
      this.lookups = null;
      return this;
    }

    /**
     * Sets a directory lookup for each host directory, for a host whose directories resolve domains
     * differently (each its own Entra connection, its own static names): asked once a directory,
     * when its {@code Entente} is first made.
     *
     * @param lookups the lookup of each directory
     * @return this builder
     */
    public Builder directoryLookups(Function<HostDirectory, DirectoryLookup> lookups) {
      this.lookups = requireNonNull(lookups, "lookups");
      return this;
    }

    /**
     * Sets the clock of creation and modification times; the system UTC clock unless set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where change events go; {@link Slf4jAuditSink} unless set.
     *
     * @param audit the audit sink
     * @return this builder
     */
    public Builder auditSink(AuditSink audit) {
      this.audit = requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Sets the check that can refuse deletes; {@link DeleteGuard#NONE} unless set.
     *
     * @param guard the delete guard
     * @return this builder
     */
    public Builder deleteGuard(DeleteGuard guard) {
      this.guard = requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Sets the collaboration restrictions of {@link Entente#matcher()}; none unless set.
     *
     * @param restrictions the restrictions
     * @return this builder
     */
    public Builder restrictions(CollaborationRestrictions restrictions) {
      this.restrictions = requireNonNull(restrictions, "restrictions");
      return this;
    }

    /**
     * Sets where each directory's invitation gate comes from (docs/rules.md §11, §12): its domain
     * list and cross-tenant access settings, in place of {@link #restrictions}. {@code gates} is
     * asked at each decision of a matcher, with the decision's directory, so settings the host
     * changes (an Entra pull, an administrator's edit) apply at the next decision; it must be fast
     * (a map lookup) and answer a gate for every directory served — {@link InvitationGate#none()}
     * for a directory without settings. A failure, or no answer, fails the decision as a {@link
     * dev.entente.errors.PortFailureException}.
     *
     * @param gates the gate of each directory
     * @return this builder
     */
    public Builder gates(Function<HostDirectory, InvitationGate> gates) {
      this.gates = requireNonNull(gates, "gates");
      return this;
    }

    /**
     * Sets who is told of each decision of the matchers and each failed write of the management
     * service, for metrics (R-EMB-1); {@link EntenteListener#NONE} unless set. A {@code LiveIndex}
     * takes its own, on its builder.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(EntenteListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Entente with the ports set so far, and the defaults for the others.
     *
     * @return the wired Entente
     */
    public Entente build() {
      if (gates != null && !restrictions.equals(CollaborationRestrictions.none())) {
        throw new ValidationException(
            "restrictions",
            restrictions,
            "are set beside gates, which answer each directory's domain list",
            "restrictions or gates, not both");
      }
      Deployment deployment = new Deployment(this);
      Entente home = new Entente(deployment, deployment.home);
      deployment.served.put(deployment.home, home);
      return home;
    }
  }
}
