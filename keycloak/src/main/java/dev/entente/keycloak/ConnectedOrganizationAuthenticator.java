package dev.entente.keycloak;

import dev.entente.access.AccessDecision;
import dev.entente.access.Membership;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Decides at sign-in whether the user belongs to a connected organization that the client's policy
 * admits (R-MAT-1, R-POL-1): in the post-broker-login flow of an identity provider, or in the
 * browser flow for local users. Admitted, the user's session carries the organization in the notes
 * {@value #ORGANIZATION_NOTE} (its name) and {@value #ORGANIZATION_ID_NOTE}, which a "User Session
 * Note" mapper puts into tokens; refused, the user sees Keycloak's error page with the decision's
 * explanation, and no code is issued.
 */
final class ConnectedOrganizationAuthenticator implements Authenticator {
  /** The user-session note with the organization's display name. */
  static final String ORGANIZATION_NOTE = "entente.organization";

  /** The user-session note with the organization's id. */
  static final String ORGANIZATION_ID_NOTE = "entente.organization.id";

  /** The client attribute naming the client's policy, over the authenticator's default. */
  static final String CLIENT_POLICY_ATTRIBUTE = "entente.policy";

  /** User attributes recording how the user last signed in, for the admin endpoint's explain. */
  static final String IDP_ATTRIBUTE = "entente.signIn.identityProvider";

  static final String ENTRA_ATTRIBUTE = "entente.signIn.entra";
  static final String ISSUER_ATTRIBUTE = "entente.signIn.issuer";
  static final String TENANT_ATTRIBUTE = "entente.signIn.tenantId";

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    EntenteRuntime runtime = EntenteRuntime.current();
    UserModel user = context.getUser();
    Map<String, String> config = config(context);
    AuthenticationSessionModel session = context.getAuthenticationSession();
    KeycloakSignIn signIn = signIn(context.getSession(), session, user, config, runtime);
    remember(user, signIn);
    Policy policy;
    Requestor requestor;
    try {
      policy = policyOf(session.getClient(), config);
      requestor = signIn.requestor();
    } catch (ValidationException e) {
      refuse(context, String.valueOf(e.getMessage()));
      return;
    }
    AccessDecision decision = runtime.entente().matcher().evaluate(requestor, policy);
    if (!decision.eligible()) {
      refuse(context, decision.explanation());
      return;
    }
    Optional<ConnectedOrganization> organization =
        decision.membership().map(Membership::organization);
    organization.ifPresent(
        org -> {
          session.setUserSessionNote(ORGANIZATION_NOTE, org.displayName());
          session.setUserSessionNote(ORGANIZATION_ID_NOTE, org.id().toString());
          if (user != null) {
            Mirror.addMember(context.getSession(), context.getRealm(), org, user);
          }
        });
    context.success();
  }

  private static void refuse(AuthenticationFlowContext context, String why) {
    context.getEvent().detail("entente_reason", why).error("not_allowed");
    Response page = context.form().setError(why).createErrorPage(Response.Status.FORBIDDEN);
    context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page);
  }

  private static Map<String, String> config(AuthenticationFlowContext context) {
    AuthenticatorConfigModel model = context.getAuthenticatorConfig();
    return model == null || model.getConfig() == null ? Map.of() : model.getConfig();
  }

  /** The client's policy: its {@value #CLIENT_POLICY_ATTRIBUTE} attribute, or the default. */
  static Policy policyOf(@Nullable ClientModel client, Map<String, String> config) {
    String own = client == null ? null : client.getAttribute(CLIENT_POLICY_ATTRIBUTE);
    if (client != null && own != null && !own.isBlank()) {
      return Policies.parse(
          "client " + client.getClientId() + " attribute " + CLIENT_POLICY_ATTRIBUTE, own);
    }
    String dflt =
        config.getOrDefault(ConnectedOrganizationAuthenticatorFactory.POLICY, "all-configured");
    return Policies.parse(
        "authenticator setting " + ConnectedOrganizationAuthenticatorFactory.POLICY, dflt);
  }

  /**
   * How the user signed in: through the identity provider of the post-broker-login context, or
   * locally when there is none.
   */
  static KeycloakSignIn signIn(
      KeycloakSession session,
      AuthenticationSessionModel authSession,
      @Nullable UserModel user,
      Map<String, String> config,
      EntenteRuntime runtime) {
    String email = user == null ? null : user.getEmail();
    boolean verified = user != null && user.isEmailVerified();
    SerializedBrokeredIdentityContext serialized =
        SerializedBrokeredIdentityContext.readFromAuthenticationSession(
            authSession, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
    if (serialized == null) {
      return KeycloakSignIn.local(email, verified, runtime.hostCloud());
    }
    BrokeredIdentityContext brokered = serialized.deserialize(session, authSession);
    IdentityProviderModel idp = brokered.getIdpConfig();
    if (email == null) {
      email = brokered.getEmail();
    }
    String issuer = null;
    String tenant = null;
    Object token = brokered.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
    if (token instanceof JsonWebToken jwt) {
      issuer = jwt.getIssuer();
      Object tid = jwt.getOtherClaims().get("tid");
      tenant = tid == null ? null : tid.toString();
    }
    if ("saml".equals(idp.getProviderId())) {
      issuer = idp.getConfig().get("idpEntityId");
    }
    boolean entra =
        Policies.LIST
            .splitToList(
                config.getOrDefault(ConnectedOrganizationAuthenticatorFactory.ENTRA_PROVIDERS, ""))
            .contains(idp.getAlias());
    return new KeycloakSignIn(
        idp.getProviderId(), entra, issuer, tenant, email, verified, runtime.hostCloud());
  }

  /** Records how the user signed in, so that the admin endpoint can explain their decision. */
  private static void remember(@Nullable UserModel user, KeycloakSignIn signIn) {
    if (user == null) {
      return;
    }
    set(user, IDP_ATTRIBUTE, signIn.identityProvider());
    set(user, ENTRA_ATTRIBUTE, signIn.entra() ? "true" : null);
    set(user, ISSUER_ATTRIBUTE, signIn.issuer());
    set(user, TENANT_ATTRIBUTE, signIn.tenantId());
  }

  private static void set(UserModel user, String name, @Nullable String value) {
    if (value == null) {
      user.removeAttribute(name);
    } else {
      user.setSingleAttribute(name, value);
    }
  }

  /** The sign-in the user's recorded attributes describe, for explaining it later. */
  static KeycloakSignIn recorded(UserModel user, EntenteRuntime runtime) {
    return new KeycloakSignIn(
        user.getFirstAttribute(IDP_ATTRIBUTE),
        "true".equals(user.getFirstAttribute(ENTRA_ATTRIBUTE)),
        user.getFirstAttribute(ISSUER_ATTRIBUTE),
        user.getFirstAttribute(TENANT_ATTRIBUTE),
        user.getEmail(),
        user.isEmailVerified(),
        runtime.hostCloud());
  }

  @Override
  public void action(AuthenticationFlowContext context) {
    authenticate(context);
  }

  @Override
  public boolean requiresUser() {
    return false;
  }

  @Override
  public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
    return true;
  }

  @Override
  public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

  @Override
  public void close() {}
}
