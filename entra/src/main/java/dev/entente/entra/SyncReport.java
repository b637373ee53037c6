package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What one round of an {@link EntraSync} did.
 *
 * @param round which kind of round it was
 * @param startedAt when it started, by the sync's clock
 * @param auditEntries how many audit entries it let through for the first time
 * @param organizationsRead how many organizations it read from Entra (all of them in a full list)
 * @param written how many organizations it created or changed in the store
 * @param deleted how many it deleted from the store
 * @param failures the changes it could not apply, each with its origin and why; the next reconcile
 *     tries them again
 * @param requests how many HTTP requests it sent to Entra, retries included
 */
public record SyncReport(
    Round round,
    Instant startedAt,
    int auditEntries,
    int organizationsRead,
    long written,
    long deleted,
    List<String> failures,
    long requests) {

  /** Which kind of round. */
  public enum Round {
    /** The tenant listed whole: the first round, a scheduled reconcile, or no audit log. */
    FULL,
    /** The audit log read, and the organizations it named read again. */
    INCREMENTAL,
    /** Another instance holds the lease: nothing read, nothing written. */
    NOT_HOLDER,
    /** The lease was lost while the round read: nothing written. */
    LEASE_LOST
  }

  /**
   * Copies the list.
   *
   * @param round the round
   * @param startedAt the start
   * @param auditEntries the entries
   * @param organizationsRead the organizations read
   * @param written the writes
   * @param deleted the deletes
   * @param failures the failures
   * @param requests the requests
   */
  public SyncReport {
    requireNonNull(round, "round");
    requireNonNull(startedAt, "startedAt");
    failures = List.copyOf(failures);
  }

  static SyncReport notHolder(Instant startedAt) {
    return new SyncReport(Round.NOT_HOLDER, startedAt, 0, 0, 0, 0, List.of(), 0);
  }
}
