package dev.entente.spi;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where the connected organizations of one host directory are kept: the storage port a host
 * implements (R-MGT-1, R-MGT-2, R-MGT-4, R-SRC-2, R-DIR-1). Entente's in-memory store is the
 * default; {@code OrganizationStoreContract} in {@code entente-testkit} is the suite any
 * implementation must pass.
 *
 * <p>Every write is atomic and conditional; a refused write changes nothing. The shape maps onto a
 * SQL database directly:
 *
 * <ul>
 *   <li>a table of organizations keyed by {@code id}, with a {@code version} column;
 *   <li>a table of identity-source keys ({@link IdentitySourceKey#toString()} is a stable text
 *       form) with the owning organization's id, and a <em>unique index on the key column
 *       alone</em> — not on the key and the owner together, which would let two organizations hold
 *       one key. A violated index is an {@link IdentitySourceConflictException} naming the holder
 *       (R-SRC-2);
 *   <li>{@link #update} is {@code UPDATE … SET …, version = ? WHERE id = ? AND version = ?} with
 *       the new and the previous version; zero rows updated is a {@link StaleVersionException} (or
 *       an {@link OrganizationNotFoundException} when the id is gone), and the key rows are
 *       replaced in the same transaction;
 *   <li>{@link #delete} is {@code DELETE … WHERE id = ? AND version = ?};
 *   <li>paging is keyset paging: {@code WHERE id > ? ORDER BY id LIMIT ?}, which neither skips nor
 *       repeats rows whatever is inserted meanwhile. The order is that of the id's text by code
 *       point ({@link String#compareTo}), whatever the database's collation: compare ids in a
 *       binary collation ({@code COLLATE "C"} in PostgreSQL).
 * </ul>
 *
 * <p>A store reads and writes one {@linkplain #directory() host directory}: {@link
 * HostDirectory#DEFAULT} unless it says otherwise. A store of many directories implements {@link
 * OrganizationStores} as well and hands out one store a directory, each of which reads and writes
 * only its own: every statement names the directory, the uniqueness of R-SRC-2 holds within it, and
 * a change record it is handed for another directory is refused ({@link #checkDirectory}).
 *
 * <p>The writes a store implements are the recorded ones; the plain forms are defaults that carry
 * the default record. A decorator of a store extends {@link ForwardingOrganizationStore}. A store
 * that takes part in its host's transactions says which in {@link #transactions()} (R-LOG-4).
 *
 * <p>Implementations are thread-safe and throw only the exceptions documented here for a refusal;
 * anything else they throw (a {@code SQLException} wrapped or not, a timeout) is the store failing.
 * The store does not wrap it: the engine does, reporting it to callers as a {@link
 * PortFailureException} that names the operation and carries the original as its cause.
 */
public interface OrganizationStore {

  /**
   * {@return the organization with this id}
   *
   * @param id the id
   */
  Optional<ConnectedOrganization> get(OrganizationId id);

  /**
   * {@return the organization that holds this identity-source key; at most one does (R-SRC-2)}
   *
   * @param key the key
   */
  Optional<ConnectedOrganization> findByKey(IdentitySourceKey key);

  /**
   * A page of all organizations in id order (R-MGT-1). An organization present during the whole
   * paging is seen exactly once; one created or deleted meanwhile may or may not be.
   *
   * @param page the page
   * @return a page of all organizations in id order (R-MGT-1)
   */
  Page<ConnectedOrganization> list(PageRequest page);

  /**
   * {@return a page of the organizations {@link OrganizationQuery#matches matching} {@code query},
   * in id order, with the paging guarantees of {@link #list} (R-MGT-2)}
   *
   * @param query the query
   * @param page the page
   */
  Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page);

  /**
   * Stores a new organization exactly as given, and hands the store the record of the change: a
   * store that keeps a change log writes {@code change} in the same transaction as the
   * organization, so that a committed change always has its record and a change rolled back has
   * none (R-LOG-1). Entente calls this form for every create it makes; a store without a log may
   * ignore {@code change}.
   *
   * @param organization the organization, at {@link Version#initial()}
   * @param change the record of this change, {@link AuditEvent.Kind#CREATED} or {@link
   *     AuditEvent.Kind#AUTO_PROPOSED}
   * @return the stored organization
   * @throws ValidationException on field {@code version} when its version is not {@link
   *     Version#initial()}, before anything is read: a caller's mistake, not a race
   * @throws DuplicateOrganizationException when an organization already has its id
   * @throws IdentitySourceConflictException when another organization holds one of its keys
   */
  ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change);

  /**
   * Replaces the stored organization with {@code next}, on the condition that the stored one is at
   * the version just before {@code next.version()} (R-MGT-4), and hands the store the record of the
   * change to write in the same transaction (R-LOG-1). The id cannot change.
   *
   * @param next the new value of the organization, at the next version
   * @param change the record of this change
   * @return the stored organization, {@code next}
   * @throws ValidationException on field {@code version} when {@code next}'s version is {@link
   *     Version#initial()}, before anything is read: no update can be at version 1
   * @throws OrganizationNotFoundException when no organization has its id
   * @throws StaleVersionException when the stored version is not {@code next.version() - 1}
   * @throws IdentitySourceConflictException when another organization holds one of its keys
   */
  ConnectedOrganization update(ConnectedOrganization next, AuditEvent change);

  /**
   * Deletes the organization, on the condition that it is at {@code expected}, and hands the store
   * the record of the change to write in the same transaction (R-LOG-1); its keys become free.
   *
   * @param id the id
   * @param expected the version the caller read and based the delete on
   * @param change the record of this change, {@link AuditEvent.Kind#DELETED}
   * @throws OrganizationNotFoundException when no organization has the id
   * @throws StaleVersionException when the stored version is not {@code expected}
   */
  void delete(OrganizationId id, Version expected, AuditEvent change);

  /**
   * {@link #create(ConnectedOrganization, AuditEvent)} with the record {@link
   * AuditEvent#created(ConnectedOrganization)}: {@link AuditEvent.Kind#CREATED} by the
   * organization's {@code createdBy} at its {@code createdAt}.
   *
   * @param organization the organization
   * @return the stored organization
   */
  default ConnectedOrganization create(ConnectedOrganization organization) {
    return create(organization, AuditEvent.created(organization).in(directory()));
  }

  /**
   * {@link #update(ConnectedOrganization, AuditEvent)} with the record {@link
   * AuditEvent#updated(ConnectedOrganization)}: {@link AuditEvent.Kind#UPDATED} by the
   * organization's {@code modifiedBy} at its {@code modifiedAt}, no fields named.
   *
   * @param next the new value of the organization, at the next version
   * @return the stored organization, {@code next}
   */
  default ConnectedOrganization update(ConnectedOrganization next) {
    return update(next, AuditEvent.updated(next).in(directory()));
  }

  /**
   * {@link #delete(OrganizationId, Version, AuditEvent)} with the record {@link
   * AuditEvent#deleted(OrganizationId, Instant)}: {@link AuditEvent.Kind#DELETED} by the system, at
   * the system clock's time to the microsecond.
   *
   * @param id the id
   * @param expected the version the caller read and based the delete on
   */
  default void delete(OrganizationId id, Version expected) {
    delete(
        id,
        expected,
        AuditEvent.deleted(id, Instant.now().truncatedTo(ChronoUnit.MICROS)).in(directory()));
  }

  /**
   * The host's transactions this store's writes take part in (R-LOG-4): while one is {@link
   * HostTransactions#current() current} on the calling thread, a write joins it and commits or
   * rolls back with the host's work, and Entente holds back every effect of the write outside the
   * store — the replica's install, the audit sink, listeners — until {@link
   * HostTransaction#afterCommit after the host's commit}. A store that never joins a host
   * transaction (it commits each write itself) returns {@link HostTransactions#none()}, the
   * default.
   *
   * @return the transactions this store's writes join
   */
  default HostTransactions transactions() {
    return HostTransactions.none();
  }

  /**
   * The host directory this store reads and writes (R-DIR-1): {@link HostDirectory#DEFAULT} for a
   * store of one directory that does not say otherwise.
   *
   * @return the directory
   */
  default HostDirectory directory() {
    return HostDirectory.DEFAULT;
  }

  /**
   * Checks that {@code change} is a change of {@code store}'s directory, as every write must before
   * it touches anything: a record of another directory is the caller's mistake (R-DIR-1).
   *
   * @param store the store written to
   * @param change the record handed to its write
   * @return {@code change}
   * @throws ValidationException on field {@code change.directory} when the record names another
   *     directory
   */
  static AuditEvent checkDirectory(OrganizationStore store, AuditEvent change) {
    if (!change.directory().equals(store.directory())) {
      throw new ValidationException(
          "change.directory",
          change.directory(),
          "is not the directory of this store, " + store.directory(),
          "a change record of directory " + store.directory());
    }
    return change;
  }
}
