package dev.entente.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An identity source that admits users who sign in with a personal account of one provider
 * (R-SRC-1), such as a Microsoft account: for collaboration with people who have no common
 * organization. The display name defaults to the provider's name.
 *
 * <p>Microsoft warns against making such an organization {@link OrganizationState#CONFIGURED} while
 * a policy admits all configured organizations without approval (R-LINT-1).
 */
@Value.Immutable
public abstract non-sealed class SocialProvider implements IdentitySource {
  SocialProvider() {}

  /**
   * {@return a source for a provider, named after it}
   *
   * @param provider the provider
   */
  public static SocialProvider of(AccountProvider provider) {
    return builder().provider(provider).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the provider whose accounts this source admits} */
  public abstract AccountProvider provider();

  @Override
  @Value.Default
  public String displayName() {
    return provider().displayName();
  }

  @Override
  public final Kind kind() {
    return Kind.SOCIAL_PROVIDER;
  }

  @Override
  @Value.Derived
  @Value.Auxiliary
  public IdentitySourceKey key() {
    return IdentitySourceKey.provider(provider());
  }

  @Override
  public final Optional<DomainName> domain() {
    return Optional.empty();
  }

  @Value.Check
  SocialProvider normalize() {
    String name = Text.displayName("displayName", displayName());
    return name.equals(displayName()) ? this : toBuilder().displayName(name).build();
  }

  /**
   * Builds {@link SocialProvider} values. Its setters: {@code provider(AccountProvider)} (required)
   * and {@code displayName(String)} (the provider's name unless set); {@code from(SocialProvider)}
   * copies a value; {@code build()} checks it (R-SRC-1).
   */
  public static final class Builder extends ImmutableSocialProvider.Builder {
    Builder() {}
  }
}
