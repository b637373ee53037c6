package dev.entente;

import dev.entente.internal.ValueStyle;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What an administrator or application asks to create (R-MGT-1): everything of a {@link
 * ConnectedOrganization} that the caller chooses. The id, times, actors and version are the
 * service's to set. The state is {@link OrganizationState#CONFIGURED} unless set (R-ORG-2).
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
public abstract class OrganizationDraft {
  OrganizationDraft() {}

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
  public abstract String displayName();

  /**
   * The description, if any.
   *
   * @return the description
   */
  public abstract Optional<String> description();

  /**
   * The state it is created in; {@link OrganizationState#CONFIGURED} unless set (R-ORG-2).
   *
   * @return the state
   */
  @Value.Default
  public OrganizationState state() {
    return OrganizationState.CONFIGURED;
  }

  /**
   * Its identity sources, in order (R-SRC-1).
   *
   * @return the identity sources
   */
  public abstract List<IdentitySource> identitySources();

  /**
   * Its internal sponsors (R-SPN-1).
   *
   * @return the internal sponsors
   */
  public abstract Set<Sponsor> internalSponsors();

  /**
   * Its external sponsors (R-SPN-1).
   *
   * @return the external sponsors
   */
  public abstract Set<Sponsor> externalSponsors();

  /** Refuses a draft that would not make a valid organization, naming the field. */
  @Value.Check
  void check() {
    toOrganization(OrganizationId.of("draft"), Instant.EPOCH, Actor.system());
  }

  /** The organization this draft becomes; every rule of {@link ConnectedOrganization} applies. */
  ConnectedOrganization toOrganization(OrganizationId id, Instant at, Actor by) {
    return ConnectedOrganization.builder()
        .id(id)
        .displayName(displayName())
        .description(description())
        .state(state())
        .identitySources(identitySources())
        .internalSponsors(internalSponsors())
        .externalSponsors(externalSponsors())
        .createdAt(at)
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
