package dev.entente;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.EntenteException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ImportPlan} does with one organization (R-GPH-3), keyed by the id its source gives
 * it.
 *
 * <ul>
 *   <li>{@link Kind#CREATE}: in the source, not in the store: created with the source's id;
 *   <li>{@link Kind#UPDATE}: in both, different: updated, {@link #changedFields()} naming what;
 *   <li>{@link Kind#UNCHANGED}: in both, the same in every field the source carries;
 *   <li>{@link Kind#CONFLICT}: in the source, but one of its identity sources is held by another
 *       organization that keeps it ({@link #conflictKey()}, {@link #conflictWith()}): left alone;
 *   <li>{@link Kind#ONLY_IN_STORE}: in the store, not in the source: left alone — an import never
 *       deletes, so a partial source cannot empty a store;
 *   <li>{@link Kind#INVALID}: in the source, but unreadable or refused by the model ({@link
 *       #problem()}, {@link #origin()}): left alone.
 * </ul>
 */
public final class ImportStep {
  /** The kinds of step. */
  public enum Kind {
    /** Created with the source's id. */
    CREATE,
    /** Updated in the fields that differ. */
    UPDATE,
    /** Nothing to do. */
    UNCHANGED,
    /** An identity source another organization keeps: nothing is done. */
    CONFLICT,
    /** Only in the store: nothing is done. */
    ONLY_IN_STORE,
    /** Unreadable in the source: nothing is done. */
    INVALID
  }

  /** Nothing to change: the changes of every step but an update. */
  private static final OrganizationChanges NONE = OrganizationChanges.builder().build();

  private final Kind kind;
  private final String origin;
  private final @Nullable OrganizationId id;
  private final @Nullable ConnectedOrganization incoming;
  private final @Nullable ConnectedOrganization current;
  private final OrganizationChanges changes;
  private final @Nullable IdentitySourceKey conflictKey;
  private final @Nullable ConnectedOrganization conflictWith;
  private final @Nullable EntenteException problem;

  private ImportStep(
      Kind kind,
      String origin,
      @Nullable OrganizationId id,
      @Nullable ConnectedOrganization incoming,
      @Nullable ConnectedOrganization current,
      OrganizationChanges changes,
      @Nullable IdentitySourceKey conflictKey,
      @Nullable ConnectedOrganization conflictWith,
      @Nullable EntenteException problem) {
    this.kind = kind;
    this.origin = origin;
    this.id = id;
    this.incoming = incoming;
    this.current = current;
    this.changes = changes;
    this.conflictKey = conflictKey;
    this.conflictWith = conflictWith;
    this.problem = problem;
  }

  static ImportStep create(String origin, ConnectedOrganization incoming) {
    return new ImportStep(
        Kind.CREATE, origin, incoming.id(), incoming, null, NONE, null, null, null);
  }

  static ImportStep compared(
      String origin,
      ConnectedOrganization incoming,
      ConnectedOrganization current,
      OrganizationChanges changes) {
    Kind kind = changes.fields().isEmpty() ? Kind.UNCHANGED : Kind.UPDATE;
    return new ImportStep(
        kind, origin, incoming.id(), incoming, current, changes, null, null, null);
  }

  static ImportStep conflict(
      String origin,
      ConnectedOrganization incoming,
      @Nullable ConnectedOrganization current,
      IdentitySourceKey key,
      ConnectedOrganization holder) {
    return new ImportStep(
        Kind.CONFLICT, origin, incoming.id(), incoming, current, NONE, key, holder, null);
  }

  static ImportStep onlyInStore(ConnectedOrganization current) {
    return new ImportStep(
        Kind.ONLY_IN_STORE, "", current.id(), null, current, NONE, null, null, null);
  }

  static ImportStep invalid(String origin, EntenteException problem) {
    return new ImportStep(
        Kind.INVALID, origin, null, null, null, NONE, null, null, requireNonNull(problem));
  }

  /** {@return what the plan does with this organization} */
  public Kind kind() {
    return kind;
  }

  /** {@return the organization's id}; empty for an invalid entry, which {@link #origin()} names */
  public Optional<OrganizationId> id() {
    return Optional.ofNullable(id);
  }

  /**
   * {@return where the source has the organization}, as the source named it (a JSON pointer, a line
   * number); empty for {@link Kind#ONLY_IN_STORE}
   */
  public String origin() {
    return origin;
  }

  /** {@return the organization as the source has it}, unless only in the store or invalid */
  public Optional<ConnectedOrganization> incoming() {
    return Optional.ofNullable(incoming);
  }

  /** {@return the organization as the store had it when planned}, if it is there */
  public Optional<ConnectedOrganization> current() {
    return Optional.ofNullable(current);
  }

  /**
   * {@return the fields an update changes}, in the model's names ({@code displayName}, {@code
   * description}, {@code state}, {@code identitySources}, {@code internalSponsors}, {@code
   * externalSponsors}); empty for other kinds
   */
  public Set<String> changedFields() {
    return changes.fields();
  }

  /** The changes an update applies. */
  OrganizationChanges changes() {
    return changes;
  }

  /** {@return the identity source another organization keeps}, for a conflict */
  public Optional<IdentitySourceKey> conflictKey() {
    return Optional.ofNullable(conflictKey);
  }

  /**
   * {@return the organization that keeps {@link #conflictKey()}}, in the store or earlier in the
   * source, for a conflict
   */
  public Optional<ConnectedOrganization> conflictWith() {
    return Optional.ofNullable(conflictWith);
  }

  /** {@return why the entry is invalid}, for an invalid entry */
  public Optional<EntenteException> problem() {
    return Optional.ofNullable(problem);
  }

  static String label(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * {@return one line for a plan printout}, such as {@code update <id> Fabrikam (displayName,
   * state)}
   */
  @Override
  public String toString() {
    String who = id == null ? origin : id.toString();
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
    return String.format("%-13s %-36s  %s  %s", label(kind), who, name, detail).stripTrailing();
  }
}
