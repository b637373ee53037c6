package dev.entente.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An identity source that admits users who prove, by email one-time passcode, an address in exactly
 * this domain (R-SRC-1): a subdomain is another domain (R-MAT-1).
 *
 * <p>The display name defaults to the domain's ASCII form, never its Unicode form, so that a name
 * built from look-alike letters shows as what it is. Adding a well-known consumer mail domain
 * ({@code gmail.com}, {@code outlook.com} …) is allowed but draws an advisory (R-SRC-4).
 */
@Value.Immutable
public abstract non-sealed class EmailDomain implements IdentitySource {
  EmailDomain() {}

  /**
   * {@return an email-domain source named after its domain}
   *
   * @param domainName the domain name
   */
  public static EmailDomain of(DomainName domainName) {
    return builder().domainName(domainName).build();
  }

  /**
   * {@return an email-domain source with a display name}
   *
   * @param domainName the domain name
   * @param displayName the display name
   */
  public static EmailDomain of(DomainName domainName, String displayName) {
    return builder().domainName(domainName).displayName(displayName).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the domain whose addresses this source admits} */
  public abstract DomainName domainName();

  @Override
  @Value.Default
  public String displayName() {
    return domainName().ascii();
  }

  @Override
  public final Kind kind() {
    return Kind.EMAIL_DOMAIN;
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
  EmailDomain normalize() {
    String name = Text.displayName("displayName", displayName());
    return name.equals(displayName()) ? this : toBuilder().displayName(name).build();
  }

  /**
   * Builds {@link EmailDomain} values. Its setters: {@code domainName(DomainName)} (required) and
   * {@code displayName(String)} (the domain's Unicode form unless set); {@code from(EmailDomain)}
   * copies a value; {@code build()} checks it (R-SRC-1).
   */
  public static final class Builder extends ImmutableEmailDomain.Builder {
    Builder() {}
  }
}
