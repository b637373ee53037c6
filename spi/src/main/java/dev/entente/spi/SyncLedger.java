package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where a sync that runs unattended keeps its place and who runs it (R-ENT-5): a {@link
 * SyncCursor}, saved with the changes it let through, and a {@link Lease}, so that of several
 * instances syncing one store one syncs at a time and a change is never applied twice. A sync
 * {@linkplain #claim claims} the lease before each round, reads its cursor, and {@linkplain
 * #advance advances} it together with the round's writes, which happen only while its lease is
 * still the current one: a sync that lost its lease while it read (a long pause, a lease that ran
 * out) writes nothing.
 *
 * <p>{@code PostgresSyncLedger} in {@code entente-postgres} keeps it in the store's database and
 * runs the writes and the cursor in one transaction; {@code InMemorySyncLedger} in {@code
 * entente-core} is for one process. Implementations are thread-safe.
 */
public interface SyncLedger {
  /** The longest holder name. */
  int MAX_HOLDER_LENGTH = 200;

  /**
   * The lease one holder has on the sync.
   *
   * @param holder who holds it: an instance's name
   * @param epoch which lease it is: it grows each time the lease changes hands
   * @param until when it runs out, by the ledger's clock
   */
  record Lease(String holder, long epoch, Instant until) {
    /**
     * Checks the parts.
     *
     * @param holder the holder
     * @param epoch the epoch
     * @param until the end
     */
    public Lease {
      checkHolder(holder);
      requireNonNull(until, "until");
    }
  }

  /**
   * Claims the lease for {@code holder} until {@code ttl} from now, or renews it when it already
   * holds it.
   *
   * @param holder who claims it: a name unique among the instances that sync
   * @param ttl how long the lease lasts without renewal; longer than a round takes
   * @return the lease, or empty while another holder's lease runs
   * @throws ValidationException on field {@code holder} blank or longer than {@value
   *     #MAX_HOLDER_LENGTH} characters, or {@code ttl} not positive
   * @throws dev.entente.errors.PortFailureException when the ledger cannot be reached
   */
  Optional<Lease> claim(String holder, Duration ttl);

  /**
   * {@return where the sync stands: empty before its first round}
   *
   * @throws dev.entente.errors.PortFailureException when the ledger cannot be reached
   */
  Optional<SyncCursor> cursor();

  /**
   * Runs {@code apply} — the round's writes to the store — and saves {@code next} as the cursor,
   * both only while {@code lease} is the current lease; when a store shares the ledger's
   * transactions, both commit or neither does.
   *
   * @param lease the lease the round was read under
   * @param next the cursor after the round
   * @param apply the round's writes
   * @return true when applied and saved; false, with nothing run, when the lease was lost
   * @throws dev.entente.errors.PortFailureException when the ledger cannot be reached; what {@code
   *     apply} throws, with the cursor left as it was
   */
  boolean advance(Lease lease, SyncCursor next, Runnable apply);

  /**
   * Gives the lease up, when it is still {@code lease}, so that another instance may claim it at
   * once.
   *
   * @param lease the lease to give up
   */
  void release(Lease lease);

  /**
   * Checks a holder's name as every ledger must.
   *
   * @param holder the name
   * @return the name
   * @throws ValidationException on field {@code holder} blank or too long
   */
  static String checkHolder(String holder) {
    requireNonNull(holder, "holder");
    if (holder.isBlank() || holder.length() > MAX_HOLDER_LENGTH) {
      throw new ValidationException(
          "holder",
          holder,
          holder.isBlank() ? "is blank" : "is longer than " + MAX_HOLDER_LENGTH + " characters",
          "a name of 1 to "
              + MAX_HOLDER_LENGTH
              + " characters, unique among the syncing instances");
    }
    return holder;
  }

  /**
   * Checks a lease's time to live as every ledger must.
   *
   * @param ttl the time
   * @return the time
   * @throws ValidationException on field {@code ttl} not positive
   */
  static Duration checkTtl(Duration ttl) {
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new ValidationException("ttl", ttl, "is not positive", "a positive duration");
    }
    return ttl;
  }

  /**
   * Where an incremental sync stands (R-ENT-5).
   *
   * @param auditReadAt when the last audit read was sent, by the sync's clock: the next read starts
   *     an overlap before it
   * @param reconciledAt when the last full list started
   * @param appliedEntries the audit entries already let through that the next read may list again
   */
  record SyncCursor(Instant auditReadAt, Instant reconciledAt, Set<String> appliedEntries) {
    /**
     * Copies the set.
     *
     * @param auditReadAt the audit read's time
     * @param reconciledAt the full list's time
     * @param appliedEntries the entries
     */
    public SyncCursor {
      requireNonNull(auditReadAt, "auditReadAt");
      requireNonNull(reconciledAt, "reconciledAt");
      appliedEntries = Set.copyOf(appliedEntries);
    }
  }
}
