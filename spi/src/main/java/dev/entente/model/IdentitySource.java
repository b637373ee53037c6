package dev.entente.model;

import java.util.Optional;

/**
 * One way of saying who belongs to a connected organization (R-SRC-1). Four kinds, after the four
 * ways Microsoft Entra documents for connected organizations:
 *
 * <ul>
 *   <li>{@link EntraTenant}: users who sign in to that Microsoft Entra directory, with any of its
 *       verified domains;
 *   <li>{@link Federation}: users who sign in through that SAML/WS-Fed identity provider;
 *   <li>{@link EmailDomain}: users who prove an address in exactly that domain by one-time
 *       passcode;
 *   <li>{@link SocialProvider}: users who sign in with a personal account of that provider.
 * </ul>
 *
 * <p>The interface is sealed. Code that treats the kinds differently switches on {@link #kind()}
 * with a {@code switch} expression and no {@code default}: adding a kind is then a compile error at
 * every such place (on Java 21, a pattern {@code switch} over the sealed type does the same).
 */
public sealed interface IdentitySource
    permits EntraTenant, Federation, EmailDomain, SocialProvider {

  /** The four kinds of identity source. */
  enum Kind {
    /** {@link EntraTenant}. */
    ENTRA_TENANT,
    /** {@link Federation}. */
    FEDERATION,
    /** {@link EmailDomain}. */
    EMAIL_DOMAIN,
    /** {@link SocialProvider}. */
    SOCIAL_PROVIDER
  }

  /** {@return which of the four kinds this source is} */
  Kind kind();

  /** {@return the name shown for this source; never empty} */
  String displayName();

  /**
   * {@return what this source claims, which no other organization of the same store may claim
   * (R-SRC-2)}
   */
  IdentitySourceKey key();

  /**
   * {@return the domain this source holds, if any} An {@link EmailDomain} and a {@link Federation}
   * hold one (their key is that domain, R-SRC-2); an {@link EntraTenant} and a {@link
   * SocialProvider} hold none (a tenant's verified domains are the directory's, not the source's).
   */
  Optional<DomainName> domain();
}
