package dev.entente;

import static java.util.Objects.requireNonNull;

import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.Slf4jAuditSink;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
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
 */
public final class Entente {
  private final OrganizationIndex index;
  private final DirectoryLookup lookup;
  private final CollaborationRestrictions restrictions;
  private final ConnectedOrganizations organizations;
  private final AccessRequestMatcher matcher;
  private final EntenteListener listener;

  private Entente(Builder b) {
    this.index = b.index != null ? b.index : indexOf(b.store);
    this.lookup = b.lookup;
    this.restrictions = b.restrictions;
    this.listener = b.listener;
    this.matcher = AccessRequestMatcher.of(index, b.restrictions, b.lookup).withListener(listener);
    this.organizations =
        new ConnectedOrganizations(
            b.store,
            b.lookup,
            b.clock,
            b.audit != null ? b.audit : new Slf4jAuditSink(),
            b.guard,
            AccessRequestMatcher.of(index),
            b.listener);
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
   * {@return a matcher over the store with other restrictions, for a host whose restrictions
   * change}
   *
   * @param restrictions the restrictions
   */
  public AccessRequestMatcher matcher(CollaborationRestrictions restrictions) {
    return AccessRequestMatcher.of(index, restrictions, lookup).withListener(listener);
  }

  /** {@return the restrictions given at build time} */
  public CollaborationRestrictions restrictions() {
    return restrictions;
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
    private DeleteGuard guard = DeleteGuard.NONE;
    private CollaborationRestrictions restrictions = CollaborationRestrictions.none();
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
      return new Entente(this);
    }
  }
}
