package dev.entente.spi;

import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a live replica of a store needs from it (R-IDX-1, R-IDX-2): the store's change log read in
 * commit order together with the committed state of the organizations it names, every organization
 * from one snapshot with that snapshot's sequence, writes that say the sequence they committed at,
 * and a wake-up signal. A store that keeps a change log ({@link ChangeLog}) supplies one; {@code
 * LiveIndex} in {@code entente-core} keeps an in-memory replica fresh from it, whatever the
 * database.
 *
 * <p>Sequences are the change log's (R-LOG-2): they increase in commit order. Every sequence a feed
 * returns — of a snapshot, of a read, of a write — is one of them, so that a replica decides what
 * it holds for an organization by sequence, never by version: a delete is never undone by an older
 * write's value, and a re-created id never removed by an older delete.
 *
 * <p>Each method may block on I/O and should bound how long (a query timeout), so that a replica
 * closes promptly; failures of the database are {@link dev.entente.errors.PortFailureException}s. A
 * feed is used by one replica, from its thread and from the threads that write through it.
 */
public interface ChangeFeed extends AutoCloseable {
  /**
   * The store the feed follows: the replica reads through it ({@code get}, {@code list} …).
   *
   * @return the store
   */
  OrganizationStore store();

  /**
   * The sequence of the last committed change, or 0 when none was ever written ({@link
   * ChangeLog#lastSequence()}).
   *
   * @return the last sequence
   */
  long lastSequence();

  /**
   * The records after {@code sequence}, in sequence order, at most {@code limit} of them ({@link
   * ChangeLog#changesAfter}), with the committed state of the organizations they name read from one
   * snapshot taken no earlier than the records, and the sequence of the last change that snapshot
   * holds: what a replica applies in one look. A reader that finds the first record is not the next
   * one it needs has lost records to pruning and loads a snapshot, and so does one that finds none
   * although an earlier look's sequence was later (the records up to it were visible when this look
   * began); so a feed numbers its records without gaps.
   *
   * @param sequence the last sequence applied; 0 for the first
   * @param limit the most records to return, 1 to {@value ChangeLog#MAX_LIMIT}
   * @return the records, the organizations they name that exist, and the snapshot's sequence
   * @throws ValidationException on field {@code limit} or {@code sequence} out of range
   */
  Changes changesAfter(long sequence, int limit);

  /**
   * Hands every organization to {@code sink}, all from one snapshot, and returns the sequence of
   * the last change that snapshot holds: applying the records after it brings a copy up to date.
   * The sink may be called from several threads at once (a feed may build organizations in
   * parallel) and is done with when this returns.
   *
   * @param sink receives each organization once
   * @return the snapshot's sequence
   */
  long snapshot(Consumer<ConnectedOrganization> sink);

  /**
   * Creates the organization with its change record, as {@link OrganizationStore#create(
   * ConnectedOrganization, AuditEvent)} does, and says the sequence of that record.
   *
   * @param organization the organization
   * @param change the record of the change
   * @return the stored organization and its record's sequence
   */
  Written create(ConnectedOrganization organization, AuditEvent change);

  /**
   * Updates the organization with its change record, as {@link OrganizationStore#update(
   * ConnectedOrganization, AuditEvent)} does, and says the sequence of that record.
   *
   * @param next the new value
   * @param change the record of the change
   * @return the stored organization and its record's sequence
   */
  Written update(ConnectedOrganization next, AuditEvent change);

  /**
   * Deletes the organization with its change record, as {@link OrganizationStore#delete(
   * OrganizationId, Version, AuditEvent)} does, and says the sequence of that record.
   *
   * @param id the organization
   * @param expected the version the delete is based on
   * @param change the record of the change
   * @return the record's sequence
   */
  long delete(OrganizationId id, Version expected, AuditEvent change);

  /**
   * Waits until a change may have committed since the last call, or {@code timeout} has passed. A
   * feed without signals waits the timeout and returns false; a signal lost (its connection
   * dropped) is a {@link dev.entente.errors.PortFailureException}, after which the caller looks for
   * changes, as one may have been missed, and the next call listens again.
   *
   * @param timeout at most this long; never more than a second is asked
   * @return whether a change was signalled
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitChange(Duration timeout) throws InterruptedException;

  /** Releases what the feed holds for its signal (a listening connection); the store stays open. */
  @Override
  void close();

  /**
   * Change records, and the state of the organizations they name read from one snapshot no earlier
   * than the records.
   *
   * @param records the records, in sequence order
   * @param organizations the organizations the records name that exist in the snapshot, by id
   * @param sequence the sequence of the last change the snapshot holds: at least the last record's
   */
  record Changes(
      List<ChangeRecord> records,
      Map<OrganizationId, ConnectedOrganization> organizations,
      long sequence) {
    /**
     * Copies the lists.
     *
     * @param records the records, in sequence order
     * @param organizations the organizations the records name that exist in the snapshot, by id
     * @param sequence the sequence of the last change the snapshot holds
     */
    public Changes {
      records = List.copyOf(records);
      organizations = Map.copyOf(organizations);
    }
  }

  /**
   * A committed write.
   *
   * @param organization the organization as stored
   * @param sequence the sequence of its change record
   */
  record Written(ConnectedOrganization organization, long sequence) {
    /**
     * Checks the organization.
     *
     * @param organization the organization as stored
     * @param sequence the sequence of its change record
     */
    public Written {
      java.util.Objects.requireNonNull(organization, "organization");
    }
  }
}
