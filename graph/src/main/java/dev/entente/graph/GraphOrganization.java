package dev.entente.graph;

import dev.entente.model.Actor;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code connectedOrganization} as Graph v1.0 writes it (R-GPH-1): what the JSON says, with every
 * property optional because real files and Graph's own documentation leave some out. {@link
 * GraphJson#toOrganization} turns it into a {@link dev.entente.model.ConnectedOrganization},
 * refusing what the model refuses with the JSON pointer of the property at fault.
 *
 * <p>The sponsors are empty when the JSON did not carry them (Graph lists organizations without
 * their sponsors unless asked with {@code $expand}); a sync then leaves the store's sponsors as
 * they are. Entente's own instance annotations ({@code @entente.version},
 * {@code @entente.createdBy}, {@code @entente.modifiedBy}) carry what Graph has no property for, so
 * that an Entente export reads back as the very same organization; Graph ignores them.
 */
@Value.Immutable
@GraphValueStyle
public abstract class GraphOrganization {
  GraphOrganization() {}

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code id}: Graph's id of the organization, a GUID.
   *
   * @return the id, if given
   */
  public abstract Optional<String> id();

  /**
   * {@code displayName}.
   *
   * @return the display name, if given
   */
  public abstract Optional<String> displayName();

  /**
   * {@code description}.
   *
   * @return the description, if given
   */
  public abstract Optional<String> description();

  /**
   * {@code state} as written: {@code configured}, {@code proposed}, or {@code unknownFutureValue}
   * (which Graph sends for a state added after v1.0's; kept here, refused by {@link
   * GraphJson#toOrganization}).
   *
   * @return the state, if given
   */
  public abstract Optional<String> state();

  /**
   * {@code createdDateTime} as written: an ISO-8601 time in UTC, such as {@code
   * 2020-05-13T15:18:04.81Z}.
   *
   * @return when Graph created it, if given
   */
  public abstract Optional<String> createdDateTime();

  /**
   * {@code modifiedDateTime} as written.
   *
   * @return when Graph last changed it, if given
   */
  public abstract Optional<String> modifiedDateTime();

  /**
   * {@code identitySources}, in order; empty when absent or {@code null}.
   *
   * @return the identity sources
   */
  public abstract List<GraphIdentitySource> identitySources();

  /**
   * {@code internalSponsors}, when the JSON carries them (expanded); users or groups.
   *
   * @return the internal sponsors, if present
   */
  public abstract Optional<List<Sponsor>> internalSponsors();

  /**
   * {@code externalSponsors}, when the JSON carries them (expanded); users or groups.
   *
   * @return the external sponsors, if present
   */
  public abstract Optional<List<Sponsor>> externalSponsors();

  /**
   * Entente's {@code @entente.version}.
   *
   * @return the version, if annotated
   */
  public abstract Optional<Version> version();

  /**
   * Entente's {@code @entente.createdBy}, as {@code system}, {@code administrator:<id>} or {@code
   * application:<id>}.
   *
   * @return who created it, if annotated
   */
  public abstract Optional<Actor> createdBy();

  /**
   * Entente's {@code @entente.modifiedBy}.
   *
   * @return who changed it last, if annotated
   */
  public abstract Optional<Actor> modifiedBy();

  /**
   * Where it was read: the JSON pointer of the object in its document ({@code /value/3} in a page),
   * empty for a document that is the organization, or one not read at all. Not part of equality.
   *
   * @return the JSON pointer it was read at
   */
  @Value.Default
  @Value.Auxiliary
  public String pointer() {
    return "";
  }

  /** Builds {@link GraphOrganization}s; every property is optional. {@code build()}. */
  public static final class Builder extends ImmutableGraphOrganization.Builder {
    Builder() {}
  }
}
