package dev.entente.spring;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationStore;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The store Entente writes through in a Spring application: the application's store, with writes
 * counted while they run, so that shutdown lets the writes in flight finish before it closes the
 * replica and the pool, and refuses those that arrive after it began. Reads pass straight through;
 * the plain writes reach the counted recorded ones through {@link ForwardingOrganizationStore}.
 */
final class WriteGate extends ForwardingOrganizationStore {
  private final OrganizationStore store;

  /** Writes running now; guarded by {@code this}. */
  private int inFlight;

  /** Whether shutdown began; guarded by {@code this}. */
  private boolean closed;

  WriteGate(OrganizationStore store) {
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
  synchronized boolean close(Duration wait) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + wait.toNanos();
    while (inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** {@return how many writes are running} */
  synchronized int inFlight() {
    return inFlight;
  }

  private <T> T write(String operation, Supplier<T> write) {
    synchronized (this) {
      if (closed) {
        throw new PortFailureException(
            "OrganizationStore." + operation, "was refused: the application is shutting down");
      }
      inFlight++;
    }
    try {
      return write.get();
    } finally {
      synchronized (this) {
        if (--inFlight == 0) {
          notifyAll();
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
}
