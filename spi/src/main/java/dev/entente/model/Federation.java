package dev.entente.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An identity source that admits users who sign in through one SAML/WS-Fed identity provider
 * configured for a domain (R-SRC-1): a requestor matches when both their domain and the issuer they
 * signed in through are this source's (R-MAT-1).
 *
 * <p>The domain is also this source's uniqueness key (R-SRC-2): no other organization may hold it,
 * as a federation or an email domain. The display name defaults to the domain.
 */
@Value.Immutable
public abstract non-sealed class Federation implements IdentitySource {
  Federation() {}

  /**
   * {@return a federation for a domain through an issuer}
   *
   * @param domainName the domain name
   * @param issuerUri the issuer URI
   * @param displayName the display name
   */
  public static Federation of(DomainName domainName, IssuerUri issuerUri, String displayName) {
    return builder().domainName(domainName).issuerUri(issuerUri).displayName(displayName).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the federated domain} */
  public abstract DomainName domainName();

  /** {@return the identity provider's issuer} */
  public abstract IssuerUri issuerUri();

  @Override
  @Value.Default
  public String displayName() {
    return domainName().ascii();
  }

  @Override
  public final Kind kind() {
    return Kind.FEDERATION;
  }

  @Override
  @Value.Derived
  @Value.Auxiliary
  public IdentitySourceKey key() {
    return IdentitySourceKey.domain(domainName());
  }

  @Override
  public final Optional<DomainName> domain() {
    return Optional.of(domainName());
  }

  @Value.Check
  Federation normalize() {
    String name = Text.displayName("displayName", displayName());
    return name.equals(displayName()) ? this : toBuilder().displayName(name).build();
  }

  /**
   * Builds {@link Federation} values. Its setters: {@code domainName(DomainName)} and {@code
   * issuerUri(IssuerUri)} (both required), {@code displayName(String)} (the domain unless set);
   * {@code from(Federation)} copies a value; {@code build()} checks it (R-SRC-1).
   */
  public static final class Builder extends ImmutableFederation.Builder {
    Builder() {}
  }
}
