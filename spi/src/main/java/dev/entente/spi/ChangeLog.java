package dev.entente.spi;

import dev.entente.errors.ValidationException;
import java.util.List;

/**
 * The change records a store keeps with its writes, read in commit order (R-LOG-1, R-LOG-2). A
 * store that keeps a change log implements this beside {@link OrganizationStore}: it writes the
 * {@link AuditEvent} handed to {@code create/update/delete(…, AuditEvent)} in the write's own
 * transaction, so that every committed change has exactly one record and a change rolled back has
 * none. {@code ChangeLogContract} in {@code entente-testkit} checks both.
 *
 * <p>A reader keeps the last sequence it applied and asks for what comes after it; sequences are
 * visible in commit order, so a change that committed late is never skipped. Sequences increase but
 * may have gaps (a rolled-back transaction may have drawn one).
 */
public interface ChangeLog {
  /** The most records one {@link #changesAfter} call returns. */
  int MAX_LIMIT = 10_000;

  /**
   * The records after {@code sequence}, in sequence order, at most {@code limit} of them.
   *
   * @param sequence the last sequence seen; 0 for the first
   * @param limit the most records to return, 1 to {@value #MAX_LIMIT}
   * @return the records
   * @throws ValidationException on field {@code limit} outside 1 to {@value #MAX_LIMIT}, or {@code
   *     sequence} below 0
   */
  List<ChangeRecord> changesAfter(long sequence, int limit);

  /**
   * Checks the arguments of {@link #changesAfter} as every implementation must: for a store's own
   * {@code changesAfter} and the reads built on it.
   *
   * @param sequence the last sequence seen
   * @param limit the most records to return
   * @throws ValidationException on field {@code sequence} below 0, or {@code limit} outside 1 to
   *     {@value #MAX_LIMIT}
   */
  static void checkRange(long sequence, int limit) {
    if (sequence < 0) {
      throw new ValidationException("sequence", sequence, "is negative", "0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", limit, "is out of range", "1 to 10,000");
    }
  }

  /**
   * The sequence of the last committed record, or 0 when none was ever written: what a reader that
   * loads every organization now has seen. Pruning does not lower it.
   *
   * @return the last sequence
   */
  long lastSequence();

  /**
   * Deletes the records up to and including {@code sequence}, to keep the log bounded: a host
   * prunes what every reader has applied, or what is older than it keeps audit records for.
   *
   * @param sequence the last sequence to delete
   * @return how many records were deleted
   */
  int pruneChangesThrough(long sequence);
}
