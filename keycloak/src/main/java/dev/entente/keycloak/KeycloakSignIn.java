package dev.entente.keycloak;

import dev.entente.access.EmailAddress;
import dev.entente.access.Requestor;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a user signed in to Keycloak, as far as connected organizations care (R-MAT-1), and the
 * {@link Requestor} it makes: a pure function of what the authenticator reads from Keycloak.
 *
 * <ul>
 *   <li>A local user (no identity provider) is a one-time-passcode user, whose email counts as
 *       verified only when Keycloak itself proved it ({@code emailVerified}: the authenticator
 *       passes false for an account linked to an identity provider with <em>trust email</em>).
 *   <li>An OIDC identity provider trusted as Entra ({@code entra}), or Keycloak's {@code microsoft}
 *       provider, whose validated ID token carries a {@code tid}: a user of that Entra tenant, in
 *       the cloud of the token's issuer (the host's cloud when the issuer is no Microsoft login
 *       host). The {@code tid} of personal Microsoft accounts ({@value #MICROSOFT_ACCOUNTS_TENANT})
 *       is no tenant: that user is a Microsoft-account user.
 *   <li>Keycloak's {@code google} and {@code facebook} providers: personal accounts of theirs.
 *   <li>A SAML provider, and an OIDC provider not trusted as Entra: a federated user of the
 *       provider's issuer (its SAML entity id, or the ID token's {@code iss}) for their email's
 *       domain. Entente compares issuers exactly, so an issuer must be an https URI.
 * </ul>
 *
 * @param identityProvider Keycloak's provider id of the broker ({@code oidc}, {@code
 *     keycloak-oidc}, {@code saml}, {@code microsoft}, {@code google}, {@code facebook} …); null
 *     for a local user
 * @param entra whether the host trusts this OIDC provider as Entra, so its {@code tid} claim names
 *     the tenant
 * @param issuer the ID token's {@code iss}, or the SAML provider's entity id; null when unknown
 * @param tenantId the ID token's {@code tid} claim; null when absent
 * @param email the user's email address; null when they have none
 * @param emailVerified whether Keycloak itself proved the email
 * @param hostCloud the host's cloud, for a tenant whose issuer says none
 */
public record KeycloakSignIn(
    @Nullable String identityProvider,
    boolean entra,
    @Nullable String issuer,
    @Nullable String tenantId,
    @Nullable String email,
    boolean emailVerified,
    Cloud hostCloud) {

  /** The {@code tid} Microsoft gives personal Microsoft accounts. */
  public static final String MICROSOFT_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

  /**
   * A local user of the realm.
   *
   * @param email their email address, or null
   * @param emailVerified whether the realm holds it as verified
   * @param hostCloud the host's cloud
   * @return the sign-in
   */
  public static KeycloakSignIn local(
      @Nullable String email, boolean emailVerified, Cloud hostCloud) {
    return new KeycloakSignIn(null, false, null, null, email, emailVerified, hostCloud);
  }

  /**
   * The requestor this sign-in makes.
   *
   * @return the requestor
   * @throws ValidationException naming what is missing or refused: {@code email} for a sign-in that
   *     needs one (a local, social or federated user), {@code tenantId} for a malformed tenant,
   *     {@code issuerUri} for an issuer Entente cannot compare
   */
  public Requestor requestor() {
    String provider = identityProvider == null ? null : identityProvider.toLowerCase(Locale.ROOT);
    if (provider == null) {
      return Requestor.passcodeUser(emailAddress(), emailVerified);
    }
    return switch (provider) {
      case "google" -> Requestor.socialUser(AccountProvider.GOOGLE, emailAddress(), emailVerified);
      case "facebook" ->
          Requestor.socialUser(AccountProvider.FACEBOOK, emailAddress(), emailVerified);
      case "microsoft" ->
          tenantId == null || tenantId.equalsIgnoreCase(MICROSOFT_ACCOUNTS_TENANT)
              ? Requestor.socialUser(
                  AccountProvider.MICROSOFT_ACCOUNT, emailAddress(), emailVerified)
              : tenantUser(tenantId);
      case "saml" -> federated();
      default -> entra && tenantId != null ? tenantUser(tenantId) : federated();
    };
  }

  private Requestor tenantUser(String tid) {
    return Requestor.entraUser(TenantId.of(tid), cloudOf(issuer, hostCloud));
  }

  private Requestor federated() {
    if (issuer == null) {
      throw new ValidationException(
          "issuerUri",
          "(none)",
          "is unknown for this identity provider",
          "the SAML provider's entity id, or an OIDC provider's issuer: an absolute https URI");
    }
    return Requestor.federatedUser(IssuerUri.of(issuer), emailAddress().domain());
  }

  private EmailAddress emailAddress() {
    if (email == null || email.isBlank()) {
      throw new ValidationException(
          "email",
          "(none)",
          "is missing: this sign-in is matched by the email's domain",
          "the user's email address, such as ana@contoso.com");
    }
    return EmailAddress.of(email);
  }

  /**
   * The cloud of an Entra token's issuer: the Microsoft login host it names, else {@code fallback}.
   */
  static Cloud cloudOf(@Nullable String issuer, Cloud fallback) {
    if (issuer == null) {
      return fallback;
    }
    String host;
    try {
      host = URI.create(issuer).getHost();
    } catch (IllegalArgumentException e) {
      return fallback;
    }
    if (host == null) {
      return fallback;
    }
    return Cloud.ofLoginHost(host)
        .orElse(host.toLowerCase(Locale.ROOT).equals("sts.windows.net") ? Cloud.GLOBAL : fallback);
  }
}
