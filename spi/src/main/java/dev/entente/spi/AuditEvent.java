package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One successful change (R-MGT-6): what happened to which organization, who did it and when, with
 * the organization before and after.
 *
 * @param kind what happened
 * @param organizationId the organization
 * @param actor who did it
 * @param at when
 * @param changedFields for updates, the fields that changed ({@code displayName}, {@code state} …)
 * @param before the organization before; empty for a create
 * @param after the organization after; empty for a delete
 * @param sponsor for sponsor events, the sponsor added or removed
 */
public record AuditEvent(
    Kind kind,
    OrganizationId organizationId,
    Actor actor,
    Instant at,
    Set<String> changedFields,
    Optional<ConnectedOrganization> before,
    Optional<ConnectedOrganization> after,
    Optional<Sponsor> sponsor) {

  /** The kinds of change. */
  public enum Kind {
    /** An administrator or application created an organization. */
    CREATED,
    /** Fields other than the state changed. */
    UPDATED,
    /** The state changed, perhaps with other fields. */
    STATE_CHANGED,
    /** A sponsor was added. */
    SPONSOR_ADDED,
    /** A sponsor was removed. */
    SPONSOR_REMOVED,
    /** An organization was deleted. */
    DELETED,
    /** The system proposed an organization for an approved requestor (R-POL-3). */
    AUTO_PROPOSED
  }

  /**
   * Checks the components: none may be null, and {@code at} is in the model's range ({@link
   * ConnectedOrganization#EARLIEST} to {@link ConnectedOrganization#LATEST}).
   *
   * @param kind what happened
   * @param organizationId the organization
   * @param actor who did it
   * @param at when
   * @param changedFields for updates, the fields that changed ({@code displayName}, {@code state}
   *     …)
   * @param before the organization before; empty for a create
   * @param after the organization after; empty for a delete
   * @param sponsor for sponsor events, the sponsor added or removed
   */
  public AuditEvent {
    requireNonNull(kind, "kind");
    requireNonNull(organizationId, "organizationId");
    requireNonNull(actor, "actor");
    requireNonNull(at, "at");
    if (at.isBefore(ConnectedOrganization.EARLIEST) || at.isAfter(ConnectedOrganization.LATEST)) {
      throw new ValidationException(
          "at", at, "is out of range", ConnectedOrganization.INSTANTS_ACCEPTED);
    }
    changedFields = ImmutableSet.copyOf(changedFields);
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    requireNonNull(sponsor, "sponsor");
  }

  /**
   * An event about a change from {@code before} to {@code after}.
   *
   * @param kind the kind
   * @param actor the actor
   * @param at when the change was made
   * @param changedFields the changed fields
   * @param before the organization before the change, or null for a create
   * @param after the organization after the change, or null for a delete
   * @param sponsor the sponsor
   * @return an event about a change from {@code before} to {@code after}
   */
  public static AuditEvent of(
      Kind kind,
      Actor actor,
      Instant at,
      Set<String> changedFields,
      @Nullable ConnectedOrganization before,
      @Nullable ConnectedOrganization after,
      @Nullable Sponsor sponsor) {
    ConnectedOrganization any = after != null ? after : requireNonNull(before, "before or after");
    return new AuditEvent(
        kind,
        any.id(),
        actor,
        at,
        changedFields,
        Optional.ofNullable(before),
        Optional.ofNullable(after),
        Optional.ofNullable(sponsor));
  }

  /**
   * The record of a create made without one: {@link Kind#CREATED} by the organization's {@code
   * createdBy} at its creation time. What a store that keeps a change log writes for {@link
   * OrganizationStore#create(ConnectedOrganization)} (R-LOG-1).
   *
   * @param created the organization created
   * @return the event
   */
  public static AuditEvent created(ConnectedOrganization created) {
    return of(
        Kind.CREATED, created.createdBy(), created.createdAt(), Set.of(), null, created, null);
  }

  /**
   * The record of an update made without one: {@link Kind#UPDATED} by the new value's {@code
   * modifiedBy} at its {@code modifiedAt}, no fields named (R-LOG-1).
   *
   * @param next the new value
   * @return the event
   */
  public static AuditEvent updated(ConnectedOrganization next) {
    return of(Kind.UPDATED, next.modifiedBy(), next.modifiedAt(), Set.of(), null, next, null);
  }

  /**
   * The record of a delete made without one: {@link Kind#DELETED} by the system at {@code at}
   * (R-LOG-1).
   *
   * @param id the organization deleted
   * @param at when, as the store's clock says
   * @return the event
   */
  public static AuditEvent deleted(OrganizationId id, Instant at) {
    return new AuditEvent(
        Kind.DELETED,
        id,
        Actor.system(),
        at,
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * One line for a log: {@code UPDATED org-1 by administrator:ana at … [displayName]}.
   *
   * @return one line for a log: {@code UPDATED org-1 by administrator:ana at … [displayName]}
   */
  public String summary() {
    return kind
        + " "
        + organizationId
        + " by "
        + actor
        + " at "
        + at
        + (changedFields.isEmpty() ? "" : " " + changedFields)
        + sponsor.map(s -> " sponsor " + s.kind() + " " + s.id()).orElse("");
  }
}
