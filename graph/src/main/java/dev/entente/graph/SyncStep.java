package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import dev.entente.OrganizationChanges;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SyncPlan} does with one organization (R-GPH-3), keyed by its Graph id.
 *
 * <ul>
 *   <li>{@link Kind#CREATE}: in the export, not in the store: created with the Graph id;
 *   <li>{@link Kind#UPDATE}: in both, different: updated, {@link #changedFields()} naming what;
 *   <li>{@link Kind#UNCHANGED}: in both, the same in every field the export carries;
 *   <li>{@link Kind#CONFLICT}: in the export, but one of its identity sources is held by another
 *       organization that keeps it ({@link #conflictKey()}, {@link #conflictWith()}): left alone;
 *   <li>{@link Kind#ONLY_IN_STORE}: in the store, not in the export: left alone — an import never
 *       deletes, so a partial export cannot empty a store;
 *   <li>{@link Kind#INVALID}: in the export, but unreadable or refused by the model ({@link
 *       #problem()}, with its JSON pointer): left alone.
 * </ul>
 */
public final class SyncStep {
  /** The kinds of step. */
  public enum Kind {
    /** Created with its Graph id. */
    CREATE,
    /** Updated in the fields that differ. */
    UPDATE,
    /** Nothing to do. */
    UNCHANGED,
    /** An identity source another organization keeps: nothing is done. */
    CONFLICT,
    /** Only in the store: nothing is done. */
    ONLY_IN_STORE,
    /** Unreadable in the export: nothing is done. */
    INVALID
  }

  private final Kind kind;
  private final String pointer;
  private final @Nullable OrganizationId id;
  private final @Nullable ConnectedOrganization incoming;
  private final @Nullable ConnectedOrganization current;
  private final OrganizationChanges changes;
  private final @Nullable IdentitySourceKey conflictKey;
  private final @Nullable ConnectedOrganization conflictWith;
  private final @Nullable GraphFormatException problem;

  private SyncStep(
      Kind kind,
      String pointer,
      @Nullable OrganizationId id,
      @Nullable ConnectedOrganization incoming,
      @Nullable ConnectedOrganization current,
      OrganizationChanges changes,
      @Nullable IdentitySourceKey conflictKey,
      @Nullable ConnectedOrganization conflictWith,
      @Nullable GraphFormatException problem) {
    this.kind = kind;
    this.pointer = pointer;
    this.id = id;
    this.incoming = incoming;
    this.current = current;
    this.changes = changes;
    this.conflictKey = conflictKey;
    this.conflictWith = conflictWith;
    this.problem = problem;
  }

  /** Nothing to change: the changes of every step but an update. */
  private static final OrganizationChanges NONE = OrganizationChanges.builder().build();

  static SyncStep create(String pointer, ConnectedOrganization incoming) {
    return new SyncStep(
        Kind.CREATE, pointer, incoming.id(), incoming, null, NONE, null, null, null);
  }

  static SyncStep compared(
      String pointer,
      ConnectedOrganization incoming,
      ConnectedOrganization current,
      OrganizationChanges changes) {
    Kind kind = changes.fields().isEmpty() ? Kind.UNCHANGED : Kind.UPDATE;
    return new SyncStep(kind, pointer, incoming.id(), incoming, current, changes, null, null, null);
  }

  static SyncStep conflict(
      String pointer,
      ConnectedOrganization incoming,
      @Nullable ConnectedOrganization current,
      IdentitySourceKey key,
      ConnectedOrganization holder) {
    return new SyncStep(
        Kind.CONFLICT, pointer, incoming.id(), incoming, current, NONE, key, holder, null);
  }

  static SyncStep onlyInStore(ConnectedOrganization current) {
    return new SyncStep(
        Kind.ONLY_IN_STORE, "", current.id(), null, current, NONE, null, null, null);
  }

  static SyncStep invalid(String pointer, GraphFormatException problem) {
    return new SyncStep(
        Kind.INVALID, pointer, null, null, null, NONE, null, null, requireNonNull(problem));
  }

  /**
   * What the plan does with this organization.
   *
   * @return the kind of step
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The organization's Graph id; empty for an invalid entry, which {@link #pointer()} names.
   *
   * @return the id, if known
   */
  public Optional<OrganizationId> id() {
    return Optional.ofNullable(id);
  }

  /**
   * Where the organization is in the export, as a JSON pointer; empty for {@link
   * Kind#ONLY_IN_STORE}.
   *
   * @return the JSON pointer in the export
   */
  public String pointer() {
    return pointer;
  }

  /**
   * The organization as the export has it.
   *
   * @return the organization from the export, unless only in the store or invalid
   */
  public Optional<ConnectedOrganization> incoming() {
    return Optional.ofNullable(incoming);
  }

  /**
   * The organization as the store had it when planned.
   *
   * @return the organization in the store, if it is there
   */
  public Optional<ConnectedOrganization> current() {
    return Optional.ofNullable(current);
  }

  /**
   * The fields an update changes, in the model's names ({@code displayName}, {@code description},
   * {@code state}, {@code identitySources}, {@code internalSponsors}, {@code externalSponsors});
   * empty for other kinds.
   *
   * @return the changed fields
   */
  public Set<String> changedFields() {
    return changes.fields();
  }

  /** The changes an update applies. */
  OrganizationChanges changes() {
    return changes;
  }

  /**
   * The identity source another organization keeps, for a conflict.
   *
   * @return the contested key, for a conflict
   */
  public Optional<IdentitySourceKey> conflictKey() {
    return Optional.ofNullable(conflictKey);
  }

  /**
   * The organization that keeps {@link #conflictKey()}: in the store, or earlier in the export.
   *
   * @return the holder, for a conflict
   */
  public Optional<ConnectedOrganization> conflictWith() {
    return Optional.ofNullable(conflictWith);
  }

  /**
   * Why the entry is invalid.
   *
   * @return the problem, for an invalid entry
   */
  public Optional<GraphFormatException> problem() {
    return Optional.ofNullable(problem);
  }

  /**
   * One line for a plan printout, such as {@code update <id> Fabrikam (displayName, state)}.
   *
   * @return the step in words
   */
  @Override
  public String toString() {
    String label = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String who = id == null ? pointer : id.toString();
    String name =
        incoming != null ? incoming.displayName() : current != null ? current.displayName() : "";
    String detail =
        switch (kind) {
          case UPDATE -> "(" + String.join(", ", changes.fields()) + ")";
          case CONFLICT ->
              "("
                  + conflictKey
                  + " is held by "
                  + requireNonNull(conflictWith).id()
                  + " "
                  + requireNonNull(conflictWith).displayName()
                  + ")";
          case INVALID -> "(" + requireNonNull(problem).getMessage() + ")";
          case CREATE, UNCHANGED, ONLY_IN_STORE -> "";
        };
    return String.format("%-13s %-36s  %s  %s", label, who, name, detail).stripTrailing();
  }
}
