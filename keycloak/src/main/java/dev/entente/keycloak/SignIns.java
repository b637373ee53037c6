package dev.entente.keycloak;

import dev.entente.model.Cloud;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The sign-in Keycloak actually performed for an authentication (R-MAT-1, R-MAT-2), whichever door
 * it came through.
 *
 * <ul>
 *   <li>A brokered sign-in (the post-broker-login flow of an identity provider, after its first
 *       broker login too): the provider, its validated ID token's issuer and {@code tid}, and the
 *       email it gave.
 *   <li>An SSO sign-in (the cookie authenticated the user, for another client): the sign-in
 *       recorded in the user session when it was created ({@link SignInNotes}), never the account
 *       as it looks now.
 *   <li>A local sign-in (password form, registration, password grant), or an SSO session Entente
 *       never recorded: the account, whose email counts as verified only if Keycloak proved it —
 *       not when an identity provider with <em>trust email</em> is linked to the account, on whose
 *       word Keycloak may have marked it verified.
 * </ul>
 */
final class SignIns {
  private SignIns() {}

  static KeycloakSignIn of(
      AuthenticationFlowContext context, Collection<String> entraProviders, Cloud hostCloud) {
    KeycloakSession session = context.getSession();
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    SerializedBrokeredIdentityContext serialized =
        SerializedBrokeredIdentityContext.readFromAuthenticationSession(
            authSession, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
    if (serialized != null) {
      return brokered(
          serialized.deserialize(session, authSession),
          context.getUser(),
          entraProviders,
          hostCloud);
    }
    if ("true".equals(authSession.getAuthNote(AuthenticationManager.SSO_AUTH))) {
      Optional<KeycloakSignIn> recorded =
          SignInNotes.read(existingSession(session, context.getRealm(), authSession), hostCloud);
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    return local(session, context.getRealm(), context.getUser(), hostCloud);
  }

  private static @Nullable UserSessionModel existingSession(
      KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession) {
    AuthenticationSessionManager sessions = new AuthenticationSessionManager(session);
    UserSessionModel userSession = sessions.getUserSession(authSession);
    return userSession != null
        ? userSession
        : sessions.getUserSessionFromAuthenticationCookie(realm);
  }

  private static KeycloakSignIn brokered(
      BrokeredIdentityContext brokered,
      @Nullable UserModel user,
      Collection<String> entraProviders,
      Cloud hostCloud) {
    IdentityProviderModel idp = brokered.getIdpConfig();
    String email = brokered.getEmail();
    if (email == null && user != null) {
      email = user.getEmail();
    }
    String issuer = null;
    String tenant = null;
    Object token = brokered.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
    if (token instanceof org.keycloak.representations.JsonWebToken jwt) {
      issuer = jwt.getIssuer();
      Object tid = jwt.getOtherClaims().get("tid");
      tenant = tid == null ? null : tid.toString();
    }
    if ("saml".equals(idp.getProviderId())) {
      issuer = idp.getConfig().get("idpEntityId");
    }
    return new KeycloakSignIn(
        idp.getProviderId(),
        entraProviders.contains(idp.getAlias()),
        issuer,
        tenant,
        email,
        user != null && user.isEmailVerified(),
        hostCloud);
  }

  /** A local sign-in of {@code user}, or of nobody yet. */
  static KeycloakSignIn local(
      KeycloakSession session, RealmModel realm, @Nullable UserModel user, Cloud hostCloud) {
    if (user == null) {
      return KeycloakSignIn.local(null, false, hostCloud);
    }
    return KeycloakSignIn.local(
        user.getEmail(), emailProvenByKeycloak(session, realm, user), hostCloud);
  }

  /**
   * Whether Keycloak itself proved the account's email: marked verified, and no identity provider
   * with trust email is linked to the account (Keycloak marks a brokered account's email verified
   * on such a provider's word, whichever domain it claims).
   */
  static boolean emailProvenByKeycloak(KeycloakSession session, RealmModel realm, UserModel user) {
    if (!user.isEmailVerified()) {
      return false;
    }
    return session
        .users()
        .getFederatedIdentitiesStream(realm, user)
        .noneMatch(
            link -> {
              IdentityProviderModel idp =
                  session.identityProviders().getByAlias(link.getIdentityProvider());
              return idp == null || trustsEmail(idp);
            });
  }

  private static final java.lang.reflect.Method IS_TRUST_EMAIL;

  static {
    try {
      IS_TRUST_EMAIL = IdentityProviderModel.class.getMethod("isTrustEmail");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Whether the provider's <em>trust email</em> is on. Called reflectively: Keycloak 26.3 returns a
   * {@code boolean}, 26.7 a {@code Boolean}, and a call compiled against one fails on the other.
   * Unset counts as on: Entente cannot tell that Keycloak proved such an email.
   */
  static boolean trustsEmail(IdentityProviderModel idp) {
    try {
      return !Boolean.FALSE.equals(IS_TRUST_EMAIL.invoke(idp));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("IdentityProviderModel.isTrustEmail", e);
    }
  }
}
