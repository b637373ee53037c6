package dev.entente;

import dev.entente.errors.ValidationException;
import dev.entente.internal.ValueStyle;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationFields;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What an administrator or application asks to create (R-MGT-1): everything of a {@link
 * ConnectedOrganization} that the caller chooses. The actors, version and modification time are the
 * service's to set; the id and creation time too, unless the organization already exists elsewhere
 * and keeps them (an import from Microsoft Entra keeps its Graph id, so that importing again finds
 * it: R-GPH-3). The state is {@link OrganizationState#CONFIGURED} unless set (R-ORG-2).
 *
 * <p>A draft is checked when it is built, with the same rules and field names as {@link
 * ConnectedOrganization}.
 *
 * <pre>{@code
 * OrganizationDraft.named("Contoso")
 *     .addIdentitySources(EntraTenant.of(tenantId, Cloud.GLOBAL, "Contoso"))
 *     .addInternalSponsors(Sponsor.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public abstract class OrganizationDraft implements OrganizationFields {
  OrganizationDraft() {}

  /**
   * {@return a builder holding the fields of {@code organization}}: its name, description, state,
   * identity sources and sponsors, not its id or creation time (set them to keep them, as an import
   * does).
   *
   * @param organization an organization, or another draft
   */
  public static Builder from(OrganizationFields organization) {
    return new Builder().from(organization);
  }

  /**
   * A builder for a draft with this display name.
   *
   * @param displayName the organization's name (R-ORG-1)
   * @return a builder with the name set
   */
  public static Builder named(String displayName) {
    return new Builder().displayName(displayName);
  }

  /**
   * The organization's name.
   *
   * @return the display name
   */
  @Override
  public abstract String displayName();

  /**
   * The description, if any.
   *
   * @return the description
   */
  @Override
  public abstract Optional<String> description();

  /**
   * The state it is created in; {@link OrganizationState#CONFIGURED} unless set (R-ORG-2).
   *
   * @return the state
   */
  @Override
  @Value.Default
  public OrganizationState state() {
    return OrganizationState.CONFIGURED;
  }

  /**
   * Its identity sources, in order (R-SRC-1).
   *
   * @return the identity sources
   */
  @Override
  public abstract List<IdentitySource> identitySources();

  /**
   * Its internal sponsors (R-SPN-1).
   *
   * @return the internal sponsors
   */
  @Override
  public abstract Set<Sponsor> internalSponsors();

  /**
   * Its external sponsors (R-SPN-1).
   *
   * @return the external sponsors
   */
  @Override
  public abstract Set<Sponsor> externalSponsors();

  /**
   * The id to create it with, when it has one already (the Graph id of an imported organization); a
   * new random id unless set. Creating with an id another organization has is refused with a {@link
   * dev.entente.errors.DuplicateOrganizationException}.
   *
   * @return the id to create it with, if chosen
   */
  public abstract Optional<OrganizationId> id();

  /**
   * When it came into being, when that was before it reached this store (Graph's {@code
   * createdDateTime} of an imported organization, which the review list of R-LINT-2 goes by); the
   * time of the create unless set. A time after the create is refused.
   *
   * @return when it was created, if known
   */
  public abstract Optional<Instant> createdAt();

  /** Refuses a draft that would not make a valid organization, naming the field. */
  @Value.Check
  void check() {
    toOrganization(OrganizationId.of("draft"), createdAt().orElse(Instant.EPOCH), Actor.system());
  }

  /**
   * The organization this draft becomes when created at {@code now}; every rule of {@link
   * ConnectedOrganization} applies.
   */
  ConnectedOrganization toOrganization(OrganizationId newId, Instant now, Actor by) {
    Instant created = createdAt().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now);
    if (created.isAfter(now)) {
      throw new ValidationException(
          "createdAt",
          created,
          "is after the time of the create " + now,
          "an instant not after it");
    }
    return ConnectedOrganization.builder()
        .from(this)
        .id(id().orElse(newId))
        .createdAt(created)
        .modifiedAt(now)
        .createdBy(by)
        .build();
  }

  /**
   * Builds {@link OrganizationDraft}s; start from {@link OrganizationDraft#named(String)}. Its
   * setters:
   *
   * <ul>
   *   <li>{@code displayName(String)} — the name (required; set by {@code named});
   *   <li>{@code description(String)} or {@code description(Optional)} — the description;
   *   <li>{@code state(OrganizationState)} — the state, {@code CONFIGURED} unless set;
   *   <li>{@code id(OrganizationId)}, {@code createdAt(Instant)} — the id and creation time it
   *       already has elsewhere, if any;
   *   <li>{@code addIdentitySources(IdentitySource...)}, {@code addAllIdentitySources(Iterable)},
   *       {@code identitySources(Iterable)} — add sources, or replace them all;
   *   <li>{@code addInternalSponsors(Sponsor...)}, {@code addExternalSponsors(Sponsor...)} and
   *       their {@code addAll…}/replacing forms — the sponsors;
   *   <li>{@code build()} — the draft, or a {@link dev.entente.errors.ValidationException} naming
   *       the field the rules of {@link ConnectedOrganization} refuse.
   * </ul>
   */
  public static final class Builder extends ImmutableOrganizationDraft.Builder {
    Builder() {}
  }
}
