package dev.entente;

import dev.entente.internal.ValueStyle;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationFields;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The changes of one update (R-MGT-1): any of display name, description, state, identity sources
 * and — replacing a whole list in one version, as an import does — internal or external sponsors;
 * what is not set stays as it is. An empty description clears it. To add or remove one sponsor, the
 * service's sponsor methods say what they do in the audit record.
 *
 * <pre>{@code
 * OrganizationChanges.builder().description("Supplier since 2019").build();
 * OrganizationChanges.state(OrganizationState.CONFIGURED);
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public abstract class OrganizationChanges {
  OrganizationChanges() {}

  /**
   * An empty builder.
   *
   * @return a builder with no change set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Only a state change (R-ORG-2).
   *
   * @param state the new state
   * @return the changes
   */
  public static OrganizationChanges state(OrganizationState state) {
    return builder().state(state).build();
  }

  /**
   * The new display name, if it changes.
   *
   * @return the new name
   */
  public abstract Optional<String> displayName();

  /**
   * The new description, if it changes; an empty one clears it.
   *
   * @return the new description
   */
  public abstract Optional<String> description();

  /**
   * The new state, if it changes.
   *
   * @return the new state
   */
  public abstract Optional<OrganizationState> state();

  /**
   * The new identity sources, replacing all of the old ones, if they change.
   *
   * @return the new identity sources
   */
  public abstract Optional<List<IdentitySource>> identitySources();

  /**
   * The new internal sponsors, replacing all of the old ones, if they change (R-SPN-1).
   *
   * @return the new internal sponsors
   */
  public abstract Optional<Set<Sponsor>> internalSponsors();

  /**
   * The new external sponsors, replacing all of the old ones, if they change (R-SPN-1).
   *
   * @return the new external sponsors
   */
  public abstract Optional<Set<Sponsor>> externalSponsors();

  /** A builder holding {@code current} with these changes applied. */
  ConnectedOrganization.Builder applyTo(ConnectedOrganization current) {
    ConnectedOrganization.Builder next = current.toBuilder();
    displayName().ifPresent(next::displayName);
    description().ifPresent(next::description);
    state().ifPresent(next::state);
    identitySources().ifPresent(next::identitySources);
    internalSponsors().ifPresent(next::internalSponsors);
    externalSponsors().ifPresent(next::externalSponsors);
    return next;
  }

  /**
   * The changes that turn {@code before} into {@code after}: every field of {@code after} that
   * differs, the others unset (a description {@code after} lacks is cleared); {@link #fields()}
   * names them. An import updates an organization with these; Graph's update body writes them.
   *
   * @param before the organization as it is
   * @param after the organization as it should be
   * @return the changes, empty when the two agree in every field changes can set
   */
  public static OrganizationChanges between(OrganizationFields before, OrganizationFields after) {
    Builder changes = builder();
    if (!before.displayName().equals(after.displayName())) {
      changes.displayName(after.displayName());
    }
    if (!before.description().equals(after.description())) {
      changes.description(after.description().orElse(""));
    }
    if (before.state() != after.state()) {
      changes.state(after.state());
    }
    if (!before.identitySources().equals(after.identitySources())) {
      changes.identitySources(after.identitySources());
    }
    if (!before.internalSponsors().equals(after.internalSponsors())) {
      changes.internalSponsors(after.internalSponsors());
    }
    if (!before.externalSponsors().equals(after.externalSponsors())) {
      changes.externalSponsors(after.externalSponsors());
    }
    return changes.build();
  }

  /**
   * The names of the fields these changes set, in the model's order: {@code displayName}, {@code
   * description}, {@code state}, {@code identitySources}, {@code internalSponsors}, {@code
   * externalSponsors} — the names audit events carry.
   *
   * @return the fields set
   */
  public Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>();
    displayName().ifPresent(x -> fields.add("displayName"));
    description().ifPresent(x -> fields.add("description"));
    state().ifPresent(x -> fields.add("state"));
    identitySources().ifPresent(x -> fields.add("identitySources"));
    internalSponsors().ifPresent(x -> fields.add("internalSponsors"));
    externalSponsors().ifPresent(x -> fields.add("externalSponsors"));
    return Collections.unmodifiableSet(fields);
  }

  /**
   * Builds {@link OrganizationChanges}; every setter is optional. Its setters: {@code
   * displayName(String)}, {@code description(String)} (an empty description clears it), {@code
   * state(OrganizationState)}, {@code identitySources(List)} (replacing every source), {@code
   * internalSponsors(Set)} and {@code externalSponsors(Set)} (replacing a whole list), each also
   * taking an {@code Optional}; then {@code build()}. What is not set stays as it is.
   */
  public static final class Builder extends ImmutableOrganizationChanges.Builder {
    Builder() {}

    /**
     * New identity sources, replacing all of the old ones.
     *
     * @param sources the sources, in order
     * @return this builder
     */
    public Builder identitySources(IdentitySource... sources) {
      return identitySources(List.of(sources));
    }
  }
}
