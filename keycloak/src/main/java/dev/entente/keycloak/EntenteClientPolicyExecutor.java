package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.errors.ValidationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenManager.AccessTokenResponseBuilder;
import org.keycloak.protocol.oidc.grants.ciba.clientpolicy.context.BackchannelTokenResponseContext;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceTokenResponseContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ImplicitHybridTokenResponse;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.TokenExchangeRequestContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-policy executor {@value EntenteClientPolicyExecutorFactory#ID}: every token Keycloak
 * is about to issue for a user — for a code, a refresh, the password grant, a device or CIBA grant,
 * the implicit and hybrid flows, a token exchange — is decided for the client that receives it, by
 * the sign-in recorded in the user session ({@link SignInNotes}) and the organizations as they are
 * now. So a flow that lacks the authenticator still issues nothing Entente would refuse, a refresh
 * after an organization is deleted or no longer matches is refused (R-MAT-1), and a session Entente
 * never decided gets no token. Refused, the token endpoint answers {@code invalid_grant} without
 * the host's organizations, and Keycloak records the event.
 */
final class EntenteClientPolicyExecutor
    implements org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider<
        ClientPolicyExecutorConfigurationRepresentation> {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteClientPolicyExecutor.class);

  private final KeycloakSession session;

  EntenteClientPolicyExecutor(KeycloakSession session) {
    this.session = session;
  }

  @Override
  public String getProviderId() {
    return EntenteClientPolicyExecutorFactory.ID;
  }

  @Override
  public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
    AccessTokenResponseBuilder builder =
        switch (context.getEvent()) {
          case TOKEN_RESPONSE -> ((TokenResponseContext) context).getAccessTokenResponseBuilder();
          case TOKEN_REFRESH_RESPONSE ->
              ((TokenRefreshResponseContext) context).getAccessTokenResponseBuilder();
          case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE ->
              ((ResourceOwnerPasswordCredentialsResponseContext) context)
                  .getAccessTokenResponseBuilder();
          case DEVICE_TOKEN_RESPONSE ->
              ((DeviceTokenResponseContext) context).getAccessTokenResponseBuilder();
          case BACKCHANNEL_TOKEN_RESPONSE ->
              ((BackchannelTokenResponseContext) context).getAccessTokenResponseBuilder();
          case IMPLICIT_HYBRID_TOKEN_RESPONSE ->
              ((ImplicitHybridTokenResponse) context).getAccessTokenResponseBuilder();
          default -> null;
        };
    if (builder != null) {
      AccessToken token = builder.getAccessToken();
      decide(
          session.getContext().getRealm(),
          session.getContext().getClient(),
          token == null ? null : token.getSessionId());
    } else if (context instanceof TokenExchangeRequestContext exchange) {
      TokenExchangeContext tx = exchange.getTokenExchangeContext();
      String subject = tx.getParams().getSubjectToken();
      AccessToken token =
          subject == null ? null : session.tokens().decode(subject, AccessToken.class);
      decide(tx.getRealm(), tx.getClient(), token == null ? null : token.getSessionId());
    }
  }

  private void decide(RealmModel realm, @Nullable ClientModel client, @Nullable String sessionId)
      throws ClientPolicyException {
    EntenteProvider entente = session.getProvider(EntenteProvider.class);
    Optional<Entente> organizations = entente.in(realm);
    if (organizations.isEmpty()) {
      throw refused(entente.notServed(realm));
    }
    UserSessionModel userSession =
        sessionId == null ? null : session.sessions().getUserSession(realm, sessionId);
    if (userSession == null && sessionId != null) {
      userSession = session.sessions().getOfflineUserSession(realm, sessionId);
    }
    Optional<KeycloakSignIn> signIn = SignInNotes.read(userSession, entente.hostCloud());
    if (signIn.isEmpty()) {
      throw refused(
          "Entente recorded no sign-in in this user session: the flow that signed the user in"
              + " does not reach the authenticator entente");
    }
    AccessDecision decision;
    try {
      decision =
          organizations
              .get()
              .matcher()
              .evaluate(signIn.get().requestor(), Policies.of(client, entente.defaultPolicy()));
    } catch (ValidationException e) {
      throw refused(e.getMessage());
    }
    if (!decision.eligible()) {
      throw refused(decision.explanation());
    }
  }

  /**
   * A refusal: the client is told it without the host's organizations, Keycloak records the event,
   * and the explanation is logged at debug (the admin endpoint's explain gives it on demand).
   */
  private static ClientPolicyException refused(@Nullable String why) {
    LOG.debug("Entente refused a token: {}", why);
    return new ClientPolicyException(
        "invalid_grant",
        "Entente: the user is not admitted to this client",
        Response.Status.BAD_REQUEST);
  }
}
