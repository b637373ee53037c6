package dev.entente;

import com.google.common.collect.ImmutableList;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationState;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The changes of one update (R-MGT-1): any of display name, description, state and identity
 * sources; what is not set stays as it is. An empty description clears it.
 */
public final class OrganizationChanges {
  private final @Nullable String displayName;
  private final @Nullable String description;
  private final @Nullable OrganizationState state;
  private final @Nullable ImmutableList<IdentitySource> identitySources;

  private OrganizationChanges(Builder b) {
    this.displayName = b.displayName;
    this.description = b.description;
    this.state = b.state;
    this.identitySources = b.identitySources;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Only a state change. */
  public static OrganizationChanges state(OrganizationState state) {
    return builder().state(state).build();
  }

  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public Optional<OrganizationState> state() {
    return Optional.ofNullable(state);
  }

  /** The new identity sources, replacing all of the old ones. */
  public Optional<List<IdentitySource>> identitySources() {
    return Optional.ofNullable(identitySources);
  }

  /** A builder holding {@code current} with these changes applied. */
  ConnectedOrganization.Builder applyTo(ConnectedOrganization current) {
    ConnectedOrganization.Builder next = current.toBuilder();
    if (displayName != null) {
      next.displayName(displayName);
    }
    if (description != null) {
      next.description(description);
    }
    if (state != null) {
      next.state(state);
    }
    if (identitySources != null) {
      next.identitySources(identitySources);
    }
    return next;
  }

  /** The fields in which {@code after} differs from {@code before}. */
  static Set<String> changedFields(ConnectedOrganization before, ConnectedOrganization after) {
    Set<String> changed = new LinkedHashSet<>();
    if (!before.displayName().equals(after.displayName())) {
      changed.add("displayName");
    }
    if (!before.description().equals(after.description())) {
      changed.add("description");
    }
    if (before.state() != after.state()) {
      changed.add("state");
    }
    if (!before.identitySources().equals(after.identitySources())) {
      changed.add("identitySources");
    }
    if (!before.internalSponsors().equals(after.internalSponsors())) {
      changed.add("internalSponsors");
    }
    if (!before.externalSponsors().equals(after.externalSponsors())) {
      changed.add("externalSponsors");
    }
    return changed;
  }

  @Override
  public String toString() {
    return "OrganizationChanges{"
        + (displayName == null ? "" : "displayName=" + displayName + " ")
        + (description == null ? "" : "description=" + description + " ")
        + (state == null ? "" : "state=" + state + " ")
        + (identitySources == null ? "" : "identitySources=" + identitySources)
        + "}";
  }

  /** Builds {@link OrganizationChanges}. */
  public static final class Builder {
    private @Nullable String displayName;
    private @Nullable String description;
    private @Nullable OrganizationState state;
    private @Nullable ImmutableList<IdentitySource> identitySources;

    private Builder() {}

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** A new description; an empty one clears it. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder state(OrganizationState state) {
      this.state = state;
      return this;
    }

    /** New identity sources, replacing the old ones. */
    public Builder identitySources(Collection<? extends IdentitySource> sources) {
      this.identitySources = ImmutableList.copyOf(sources);
      return this;
    }

    /** New identity sources, replacing the old ones. */
    public Builder identitySources(IdentitySource... sources) {
      return identitySources(Arrays.asList(sources));
    }

    public OrganizationChanges build() {
      return new OrganizationChanges(this);
    }
  }
}
