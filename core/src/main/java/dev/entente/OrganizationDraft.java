package dev.entente;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator or application asks to create (R-MGT-1): everything of a {@link
 * ConnectedOrganization} that the caller chooses. The id, times, actors and version are the
 * service's to set. The state is {@link OrganizationState#CONFIGURED} unless set (R-ORG-2).
 *
 * <p>A draft is checked when it is created, with the same rules and field names as {@link
 * ConnectedOrganization}.
 */
public final class OrganizationDraft {
  private final String displayName;
  private final @Nullable String description;
  private final OrganizationState state;
  private final ImmutableList<IdentitySource> identitySources;
  private final ImmutableSet<Sponsor> internalSponsors;
  private final ImmutableSet<Sponsor> externalSponsors;

  private OrganizationDraft(Builder b) {
    this.displayName = b.displayName;
    this.description = b.description;
    this.state = b.state;
    this.identitySources = b.identitySources.build();
    this.internalSponsors = b.internalSponsors.build();
    this.externalSponsors = b.externalSponsors.build();
  }

  /** A builder for a draft with this display name. */
  public static Builder named(String displayName) {
    return new Builder(displayName);
  }

  public String displayName() {
    return displayName;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public OrganizationState state() {
    return state;
  }

  public List<IdentitySource> identitySources() {
    return identitySources;
  }

  public Set<Sponsor> internalSponsors() {
    return internalSponsors;
  }

  public Set<Sponsor> externalSponsors() {
    return externalSponsors;
  }

  /** The organization this draft becomes; every rule of {@link ConnectedOrganization} applies. */
  ConnectedOrganization toOrganization(OrganizationId id, Instant at, Actor by) {
    return ConnectedOrganization.builder()
        .id(id)
        .displayName(displayName)
        .description(Optional.ofNullable(description))
        .state(state)
        .identitySources(identitySources)
        .internalSponsors(internalSponsors)
        .externalSponsors(externalSponsors)
        .createdAt(at)
        .createdBy(by)
        .build();
  }

  @Override
  public String toString() {
    return "OrganizationDraft{" + displayName + ", " + state + ", " + identitySources + "}";
  }

  /** Builds {@link OrganizationDraft}s. */
  public static final class Builder {
    private final String displayName;
    private @Nullable String description;
    private OrganizationState state = OrganizationState.CONFIGURED;
    private final ImmutableList.Builder<IdentitySource> identitySources = ImmutableList.builder();
    private final ImmutableSet.Builder<Sponsor> internalSponsors = ImmutableSet.builder();
    private final ImmutableSet.Builder<Sponsor> externalSponsors = ImmutableSet.builder();

    private Builder(String displayName) {
      this.displayName = displayName;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The state; {@link OrganizationState#CONFIGURED} unless set. */
    public Builder state(OrganizationState state) {
      this.state = state;
      return this;
    }

    public Builder addIdentitySources(IdentitySource... sources) {
      identitySources.addAll(Arrays.asList(sources));
      return this;
    }

    public Builder addIdentitySources(Collection<? extends IdentitySource> sources) {
      identitySources.addAll(sources);
      return this;
    }

    public Builder addInternalSponsors(Sponsor... sponsors) {
      internalSponsors.addAll(Arrays.asList(sponsors));
      return this;
    }

    public Builder addExternalSponsors(Sponsor... sponsors) {
      externalSponsors.addAll(Arrays.asList(sponsors));
      return this;
    }

    /**
     * The draft.
     *
     * @throws dev.entente.errors.ValidationException naming the field, by the rules of {@link
     *     ConnectedOrganization}
     */
    public OrganizationDraft build() {
      OrganizationDraft draft = new OrganizationDraft(this);
      draft.toOrganization(OrganizationId.of("draft"), Instant.EPOCH, Actor.system());
      return draft;
    }
  }
}
