package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One successful change (R-MGT-6): what happened to which organization of which host directory, who
 * did it and when, with the organization before and after.
 *
 * <p>The factories ({@link #created}, {@link #updated} …) make events of {@link
 * HostDirectory#DEFAULT}; Entente's management service gives each the directory it serves ({@link
 * #in}), and a store writes an event only into the directory it names (R-DIR-1).
 *
 * @param kind what happened
 * @param organizationId the organization
 * @param actor who did it
 * @param at when
 * @param changedFields for updates, the fields that changed ({@code displayName}, {@code state} …)
 * @param before the organization before; empty for a create
 * @param after the organization after; empty for a delete
 * @param sponsor for sponsor events, the sponsor added or removed
 * @param directory the host directory the organization belongs to (R-DIR-1)
 */
public record AuditEvent(
    Kind kind,
    OrganizationId organizationId,
    Actor actor,
    Instant at,
    Set<String> changedFields,
    Optional<ConnectedOrganization> before,
    Optional<ConnectedOrganization> after,
    Optional<Sponsor> sponsor,
    HostDirectory directory) {

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
   * @param directory the host directory the organization belongs to
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
    requireNonNull(directory, "directory");
  }

  /**
   * An event of {@link HostDirectory#DEFAULT}: the form of releases before directories.
   *
   * @param kind what happened
   * @param organizationId the organization
   * @param actor who did it
   * @param at when
   * @param changedFields for updates, the fields that changed
   * @param before the organization before; empty for a create
   * @param after the organization after; empty for a delete
   * @param sponsor for sponsor events, the sponsor added or removed
   */
  public AuditEvent(
      Kind kind,
      OrganizationId organizationId,
      Actor actor,
      Instant at,
      Set<String> changedFields,
      Optional<ConnectedOrganization> before,
      Optional<ConnectedOrganization> after,
      Optional<Sponsor> sponsor) {
    this(
        kind,
        organizationId,
        actor,
        at,
        changedFields,
        before,
        after,
        sponsor,
        HostDirectory.DEFAULT);
  }

  /**
   * {@return this event, of {@code directory}}
   *
   * @param directory the host directory the organization belongs to
   */
  public AuditEvent in(HostDirectory directory) {
    return directory.equals(this.directory)
        ? this
        : new AuditEvent(
            kind, organizationId, actor, at, changedFields, before, after, sponsor, directory);
  }

  /**
   * {@return the record of a create}: {@link Kind#CREATED} by the organization's {@code createdBy}
   * at its {@code createdAt}. What Entente writes for a create, and what a store that keeps a
   * change log writes for {@link OrganizationStore#create(ConnectedOrganization)} (R-LOG-1).
   *
   * @param organization the organization created
   */
  public static AuditEvent created(ConnectedOrganization organization) {
    return written(Kind.CREATED, organization, organization.createdBy(), organization.createdAt());
  }

  /**
   * {@return the record of an organization the system proposed for an approved requestor}: {@link
   * Kind#AUTO_PROPOSED} by its {@code createdBy} at its {@code createdAt} (R-POL-3).
   *
   * @param proposed the organization created as proposed
   */
  public static AuditEvent proposed(ConnectedOrganization proposed) {
    return written(Kind.AUTO_PROPOSED, proposed, proposed.createdBy(), proposed.createdAt());
  }

  /**
   * {@return the record of an update}: {@link Kind#STATE_CHANGED} when {@code changedFields} names
   * {@code state}, {@link Kind#UPDATED} otherwise, by {@code after}'s {@code modifiedBy} at its
   * {@code modifiedAt}.
   *
   * @param before the organization before
   * @param after the organization after
   * @param changedFields the fields that changed ({@code displayName}, {@code state} …)
   */
  public static AuditEvent updated(
      ConnectedOrganization before, ConnectedOrganization after, Set<String> changedFields) {
    return change(
        changedFields.contains("state") ? Kind.STATE_CHANGED : Kind.UPDATED,
        before,
        after,
        changedFields,
        null);
  }

  /**
   * {@return the record of a sponsor added}: {@link Kind#SPONSOR_ADDED} by {@code after}'s {@code
   * modifiedBy} at its {@code modifiedAt}, naming the sponsor list that changed.
   *
   * @param before the organization before
   * @param after the organization after, holding {@code sponsor}
   * @param sponsor the sponsor added
   */
  public static AuditEvent sponsorAdded(
      ConnectedOrganization before, ConnectedOrganization after, Sponsor sponsor) {
    return change(Kind.SPONSOR_ADDED, before, after, sponsorsChanged(before, after), sponsor);
  }

  /**
   * {@return the record of a sponsor removed}: {@link Kind#SPONSOR_REMOVED} by {@code after}'s
   * {@code modifiedBy} at its {@code modifiedAt}, naming the sponsor list that changed.
   *
   * @param before the organization before, holding {@code sponsor}
   * @param after the organization after
   * @param sponsor the sponsor removed
   */
  public static AuditEvent sponsorRemoved(
      ConnectedOrganization before, ConnectedOrganization after, Sponsor sponsor) {
    return change(Kind.SPONSOR_REMOVED, before, after, sponsorsChanged(before, after), sponsor);
  }

  /**
   * {@return the record of a delete}: {@link Kind#DELETED} of {@code before}, by {@code by} at
   * {@code at}.
   *
   * @param before the organization deleted, as it was
   * @param by who deleted it
   * @param at when
   */
  public static AuditEvent deleted(ConnectedOrganization before, Actor by, Instant at) {
    return new AuditEvent(
        Kind.DELETED,
        before.id(),
        by,
        at,
        Set.of(),
        Optional.of(before),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * {@return the record of an update made without one}: {@link Kind#UPDATED} by the new value's
   * {@code modifiedBy} at its {@code modifiedAt}, no fields named, no value before; what a store
   * that keeps a change log writes for {@link OrganizationStore#update(ConnectedOrganization)}
   * (R-LOG-1).
   *
   * @param next the new value
   */
  public static AuditEvent updated(ConnectedOrganization next) {
    return written(Kind.UPDATED, next, next.modifiedBy(), next.modifiedAt());
  }

  /**
   * {@return the record of a delete made without one}: {@link Kind#DELETED} by the system at {@code
   * at}; what a store that keeps a change log writes for {@link
   * OrganizationStore#delete(OrganizationId, dev.entente.model.Version)} (R-LOG-1).
   *
   * @param id the organization deleted
   * @param at when, as the store's clock says
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

  /** An event with a value after and none before, no fields named, no sponsor. */
  private static AuditEvent written(
      Kind kind, ConnectedOrganization after, Actor actor, Instant at) {
    return new AuditEvent(
        kind,
        after.id(),
        actor,
        at,
        Set.of(),
        Optional.empty(),
        Optional.of(after),
        Optional.empty());
  }

  private static AuditEvent change(
      Kind kind,
      ConnectedOrganization before,
      ConnectedOrganization after,
      Set<String> changedFields,
      @Nullable Sponsor sponsor) {
    if (!before.id().equals(after.id())) {
      throw new ValidationException(
          "after", after.id(), "is not the organization before, " + before.id(), "the same id");
    }
    return new AuditEvent(
        kind,
        after.id(),
        after.modifiedBy(),
        after.modifiedAt(),
        changedFields,
        Optional.of(before),
        Optional.of(after),
        Optional.ofNullable(sponsor));
  }

  /** The sponsor list that differs between two values of an organization. */
  private static Set<String> sponsorsChanged(
      ConnectedOrganization before, ConnectedOrganization after) {
    return before.internalSponsors().equals(after.internalSponsors())
        ? Set.of("externalSponsors")
        : Set.of("internalSponsors");
  }

  /**
   * {@return one line for a log: {@code UPDATED org-1 by administrator:ana at … [displayName]},
   * with {@code in <directory>} after the organization outside the default directory}
   */
  public String summary() {
    return kind
        + " "
        + organizationId
        + (directory.isDefault() ? "" : " in " + directory)
        + " by "
        + actor
        + " at "
        + at
        + (changedFields.isEmpty() ? "" : " " + changedFields)
        + sponsor.map(s -> " sponsor " + s.kind() + " " + s.id()).orElse("");
  }
}
