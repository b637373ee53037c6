package dev.entente.embedded;

import static java.util.Objects.requireNonNull;

import dev.entente.spi.SyncLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SyncLedger} in memory, for one process: its syncs take turns on one lease, and its
 * cursor lasts as long as the process. Thread-safe.
 */
public final class InMemorySyncLedger implements SyncLedger {
  private final Clock clock;
  private @Nullable Lease lease;
  private long epoch;
  private @Nullable SyncCursor cursor;

  private InMemorySyncLedger(Clock clock) {
    this.clock = clock;
  }

  /** {@return a ledger whose leases run by the system clock} */
  public static InMemorySyncLedger create() {
    return create(Clock.systemUTC());
  }

  /**
   * {@return a ledger whose leases run by {@code clock}}
   *
   * @param clock the clock
   */
  public static InMemorySyncLedger create(Clock clock) {
    return new InMemorySyncLedger(requireNonNull(clock, "clock"));
  }

  @Override
  public synchronized Optional<Lease> claim(String holder, Duration ttl) {
    SyncLedger.checkHolder(holder);
    SyncLedger.checkTtl(ttl);
    Instant now = clock.instant();
    Lease current = lease;
    if (current != null && !current.holder().equals(holder) && now.isBefore(current.until())) {
      return Optional.empty();
    }
    if (current == null || !current.holder().equals(holder)) {
      epoch++;
    }
    lease = new Lease(holder, epoch, now.plus(ttl));
    return Optional.of(lease);
  }

  @Override
  public synchronized Optional<SyncCursor> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public synchronized boolean advance(Lease lease, SyncCursor next, Runnable apply) {
    requireNonNull(lease, "lease");
    requireNonNull(next, "next");
    requireNonNull(apply, "apply");
    if (!isCurrent(lease)) {
      return false;
    }
    apply.run();
    cursor = next;
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    if (isCurrent(requireNonNull(lease, "lease"))) {
      this.lease = null;
    }
  }

  private boolean isCurrent(Lease lease) {
    Lease current = this.lease;
    return current != null
        && current.holder().equals(lease.holder())
        && current.epoch() == lease.epoch()
        && clock.instant().isBefore(current.until());
  }

  @Override
  public String toString() {
    return "InMemorySyncLedger";
  }
}
