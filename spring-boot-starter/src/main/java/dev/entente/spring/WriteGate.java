package dev.entente.spring;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store Entente writes through in a Spring application: the application's store, with writes
 * counted while they run, so that shutdown lets the writes in flight finish before it closes the
 * replicas and the pool, and refuses those that arrive after it began. Reads pass straight through;
 * the plain writes reach the counted recorded ones through {@link ForwardingOrganizationStore}.
 *
 * <p>One gate serves every host directory (R-DIR-1): {@link #inDirectory} gives the gate of another
 * directory's store, counted with this one. Decisions read the store's own index when it is one
 * (the replica's view, the in-memory store), else the store.
 */
final class WriteGate extends ForwardingOrganizationStore
    implements OrganizationStores, OrganizationIndex {
  /** What every directory's gate shares: the writes running, and whether shutdown began. */
  private static final class Gate {
    /** Writes running now; guarded by {@code this}. */
    int inFlight;

    /** Whether shutdown began; guarded by {@code this}. */
    boolean closed;
  }

  private final Gate gate;
  private final OrganizationStore store;

  WriteGate(OrganizationStore store) {
    this(new Gate(), store);
  }

  private WriteGate(Gate gate, OrganizationStore store) {
    this.gate = gate;
    this.store = requireNonNull(store, "store");
  }

  /** {@return the store behind the gate} */
  OrganizationStore store() {
    return store;
  }

  /**
   * Refuses writes from now on and waits until the writes in flight have finished, at most {@code
   * wait}.
   *
   * @return whether every write finished in time
   */
  boolean close(Duration wait) throws InterruptedException {
    synchronized (gate) {
      gate.closed = true;
      long deadline = System.nanoTime() + wait.toNanos();
      while (gate.inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        gate.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** {@return how many writes are running, in every directory} */
  int inFlight() {
    synchronized (gate) {
      return gate.inFlight;
    }
  }

  private <T> T write(String operation, Supplier<T> write) {
    synchronized (gate) {
      if (gate.closed) {
        throw new PortFailureException(
            "OrganizationStore." + operation, "was refused: the application is shutting down");
      }
      gate.inFlight++;
    }
    try {
      return write.get();
    } finally {
      synchronized (gate) {
        if (--gate.inFlight == 0) {
          gate.notifyAll();
        }
      }
    }
  }

  @Override
  protected OrganizationStore delegate() {
    return store;
  }

  @Override
  public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
    return write("create", () -> store.create(organization, change));
  }

  @Override
  public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
    return write("update", () -> store.update(next, change));
  }

  @Override
  public void delete(OrganizationId id, Version expected, AuditEvent change) {
    write(
        "delete",
        () -> {
          store.delete(id, expected, change);
          return Boolean.TRUE;
        });
  }

  /**
   * {@inheritDoc} The gate of {@code directory}'s store, counted with this one.
   *
   * @throws ValidationException on field {@code directory} when the application's store holds one
   *     directory only, and it is another
   */
  @Override
  public OrganizationStore inDirectory(HostDirectory directory) {
    requireNonNull(directory, "directory");
    if (store instanceof OrganizationStores many) {
      return new WriteGate(gate, many.inDirectory(directory));
    }
    if (directory.equals(store.directory())) {
      return this;
    }
    throw new ValidationException(
        "directory",
        directory,
        "is not served: the application's OrganizationStore holds directory "
            + store.directory()
            + " only",
        "a store of many directories (OrganizationStores), such as the PostgreSQL or in-memory"
            + " store");
  }

  @Override
  public List<HostDirectory> directories(Optional<HostDirectory> after, int limit) {
    if (store instanceof OrganizationStores many) {
      return many.directories(after, limit);
    }
    OrganizationStores.checkLimit(limit);
    HostDirectory only = store.directory();
    return after.isPresent() && after.get().compareTo(only) >= 0 ? List.of() : List.of(only);
  }

  @Override
  public @Nullable ConnectedOrganization byId(OrganizationId id) {
    return store instanceof OrganizationIndex index ? index.byId(id) : store.get(id).orElse(null);
  }

  @Override
  public @Nullable ConnectedOrganization holderOf(IdentitySourceKey key) {
    return store instanceof OrganizationIndex index
        ? index.holderOf(key)
        : store.findByKey(key).orElse(null);
  }

  @Override
  public String toString() {
    return "WriteGate[" + store + "]";
  }
}
