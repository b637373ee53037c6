package dev.entente.model;

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
 * <p>The interface is sealed; {@link #kind()} allows an exhaustive {@code switch} on Java 17.
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

  /**
   * Which of the four kinds this source is.
   *
   * @return which of the four kinds this source is
   */
  Kind kind();

  /**
   * The name shown for this source; never empty.
   *
   * @return the name shown for this source; never empty
   */
  String displayName();

  /**
   * What this source claims, which no other organization of the same store may claim (R-SRC-2).
   *
   * @return what this source claims, which no other organization of the same store may claim
   *     (R-SRC-2)
   */
  IdentitySourceKey key();

  /**
   * The Microsoft Graph {@code @odata.type} of this source, for hosts that exchange organizations
   * with Graph: {@code #microsoft.graph.azureActiveDirectoryTenant} (global cloud), {@code
   * #microsoft.graph.crossCloudAzureActiveDirectoryTenant} (other clouds), {@code
   * #microsoft.graph.externalDomainFederation}, {@code #microsoft.graph.domainIdentitySource} or
   * {@code #microsoft.graph.socialIdentitySource}.
   *
   * @return the Microsoft Graph {@code @odata.type} of this source, for hosts that exchange
   *     organizations with Graph: {@code #microsoft.graph.azureActiveDirectoryTenant} (global
   *     cloud), {@code #microsoft.graph.crossCloudAzureActiveDirectoryTenant} (other clouds),
   *     {@code #microsoft.graph.externalDomainFederation}, {@code
   *     #microsoft.graph.domainIdentitySource} or {@code #microsoft.graph.socialIdentitySource}
   */
  String graphODataType();
}
