package dev.entente.live;

import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A feed with faults injected on demand, over a real one: reads that fail, a signal that is lost, a
 * write whose response is lost after it committed, a step run between a write's commit and its
 * return (another instance's write, a catch-up) or after a look, fewer records a look than asked,
 * and a look that blocks until released.
 */
final class FaultyFeed extends ForwardingFeed {

  /** How many of the next reads fail. */
  final AtomicInteger failingReads = new AtomicInteger();

  /** Whether the signal reaches the index; lost unless set. */
  volatile boolean signals;

  /** Whether the next write's response is lost after it committed. */
  volatile boolean loseNextResponse;

  /** Run once, after the next write committed and before it returns. */
  volatile @Nullable Runnable afterNextCommit;

  /** Told of every write committed through this feed, before anything else happens. */
  volatile Consumer<OrganizationId> onCommit = id -> {};

  /** The most records one {@code changesAfter} returns. */
  volatile int recordsPerCall = Integer.MAX_VALUE;

  /** Run once, after the next {@code changesAfter} returned. */
  volatile @Nullable Runnable afterNextLook;

  /** When set, the next {@code changesAfter} counts it down, then waits for {@link #release}. */
  volatile @Nullable CountDownLatch entered;

  final CountDownLatch release = new CountDownLatch(1);
  volatile boolean closed;

  FaultyFeed(ChangeFeed real) {
    super(real);
  }

  private void read(String operation) {
    if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PortFailureException("FaultyFeed." + operation, new IOException("injected"));
    }
  }

  private <T> T committed(OrganizationId id, T result) {
    onCommit.accept(id);
    Runnable step = afterNextCommit;
    afterNextCommit = null;
    if (step != null) {
      step.run();
    }
    if (loseNextResponse) {
      loseNextResponse = false;
      throw new PortFailureException("FaultyFeed.write", new IOException("injected: reply lost"));
    }
    return result;
  }

  @Override
  public long lastSequence() {
    read("lastSequence");
    return super.lastSequence();
  }

  @Override
  public Changes changesAfter(long sequence, int limit) {
    CountDownLatch latch = entered;
    if (latch != null) {
      entered = null;
      latch.countDown();
      boolean interrupted = false;
      while (true) { // a query ignores interrupts: so does this wait
        try {
          release.await(10, TimeUnit.MINUTES); // a hang guard
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    read("changesAfter");
    Changes changes = super.changesAfter(sequence, Math.min(limit, recordsPerCall));
    Runnable step = afterNextLook;
    afterNextLook = null;
    if (step != null) {
      step.run();
    }
    return changes;
  }

  @Override
  public long snapshot(Consumer<ConnectedOrganization> sink) {
    read("snapshot");
    return super.snapshot(sink);
  }

  @Override
  public Written create(ConnectedOrganization organization, AuditEvent change) {
    return committed(organization.id(), super.create(organization, change));
  }

  @Override
  public Written update(ConnectedOrganization next, AuditEvent change) {
    return committed(next.id(), super.update(next, change));
  }

  @Override
  public long delete(OrganizationId id, Version expected, AuditEvent change) {
    return committed(id, super.delete(id, expected, change));
  }

  @Override
  public boolean awaitChange(Duration timeout) throws InterruptedException {
    if (signals) {
      return super.awaitChange(timeout);
    }
    Thread.sleep(Math.max(1, Math.min(1_000, timeout.toMillis())));
    return false;
  }

  @Override
  public void close() {
    closed = true;
    super.close();
  }
}
