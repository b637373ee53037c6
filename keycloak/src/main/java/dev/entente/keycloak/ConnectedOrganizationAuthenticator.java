package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.Membership;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Decides, for the client being signed in to, whether the user belongs to a connected organization
 * that the client's policy admits (R-MAT-1, R-POL-1) — by how Keycloak really signed them in
 * ({@link SignIns}): in an identity provider's post-broker-login flow, and at the top level of the
 * browser, direct-grant and registration flows, after the sign-in, so that an SSO session reaching
 * another client is decided again. Admitted, the user session carries the sign-in ({@link
 * SignInNotes}) and the organization in the notes {@value #ORGANIZATION_NOTE} (its name) and
 * {@value #ORGANIZATION_ID_NOTE}, which a "User Session Note" mapper puts into tokens. Refused, the
 * user sees what they can do, without the host's organizations; the explanation goes to the one
 * error event of the refusal and to the admin endpoint's explain.
 */
final class ConnectedOrganizationAuthenticator implements Authenticator {
  /** The user-session note with the organization's display name. */
  static final String ORGANIZATION_NOTE = "entente.organization";

  /** The user-session note with the organization's id. */
  static final String ORGANIZATION_ID_NOTE = "entente.organization.id";

  /** The event error of a refusal. */
  static final String EVENT_ERROR = "entente_not_admitted";

  /** The flow path of the token endpoint's password grant, where a refusal is an OAuth error. */
  private static final String DIRECT_GRANT_PATH = "token";

  /** The event detail with the decision's explanation. */
  static final String EVENT_REASON = "entente_reason";

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    KeycloakSession session = context.getSession();
    RealmModel realm = context.getRealm();
    EntenteProvider entente = session.getProvider(EntenteProvider.class);
    Optional<Entente> organizations = entente.in(realm);
    if (organizations.isEmpty()) {
      refuse(context, Refusal.CONFIGURATION, entente.notServed(realm));
      return;
    }
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    KeycloakSignIn signIn = SignIns.of(context, entraProviders(context), entente.hostCloud());
    Policy policy;
    try {
      policy = Policies.of(authSession.getClient(), entente.defaultPolicy());
    } catch (ValidationException e) { // the client's attribute: the administrator's to fix
      refuse(context, Refusal.CONFIGURATION, e.getMessage());
      return;
    }
    Requestor requestor;
    try {
      requestor = signIn.requestor();
    } catch (ValidationException e) { // no email, an issuer Entente cannot compare: the sign-in's
      refuse(context, Refusal.SIGN_IN, e.getMessage());
      return;
    }
    AccessDecision decision = organizations.get().matcher().evaluate(requestor, policy);
    if (!decision.eligible()) {
      refuse(context, Refusal.of(decision.reason()), decision.explanation());
      return;
    }
    SignInNotes.record(authSession, signIn);
    Optional<ConnectedOrganization> organization =
        decision.membership().map(Membership::organization);
    authSession.setUserSessionNote(
        ORGANIZATION_NOTE, organization.map(ConnectedOrganization::displayName).orElse(""));
    authSession.setUserSessionNote(
        ORGANIZATION_ID_NOTE, organization.map(o -> o.id().toString()).orElse(""));
    UserModel user = context.getUser();
    if (user != null) {
      organization.ifPresent(org -> Mirror.addMember(session, realm, org, user));
    }
    context.success();
  }

  /** What a refused user is told: what they can do, never the host's organizations. */
  enum Refusal {
    VERIFY_EMAIL(
        "Your email address is not verified yet. Verify it, then sign in again to use this"
            + " application."),
    SIGN_IN(
        "Your account is not admitted to this application. Sign in with the account your"
            + " organization gave you, or ask this application's administrator for access."),
    CONFIGURATION(
        "This application cannot admit anyone now because of its sign-in configuration. Please"
            + " tell its administrator.");

    final String message;

    Refusal(String message) {
      this.message = message;
    }

    static Refusal of(ReasonCode reason) {
      return reason == ReasonCode.EMAIL_NOT_VERIFIED ? VERIFY_EMAIL : SIGN_IN;
    }
  }

  /**
   * Refuses: one error event, with the user when Keycloak knows them and the full explanation;
   * Keycloak's error page with {@code refusal}'s message; no code.
   */
  private static void refuse(
      AuthenticationFlowContext context, Refusal refusal, @Nullable String why) {
    UserModel user = context.getUser();
    if (user != null) {
      context.getEvent().user(user);
    }
    context.getEvent().detail(EVENT_REASON, String.valueOf(why)).error(EVENT_ERROR);
    Response answer =
        DIRECT_GRANT_PATH.equals(context.getFlowPath())
            ? Response.status(Response.Status.BAD_REQUEST)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", refusal.message))
                .build()
            : context.form().setError(refusal.message).createErrorPage(Response.Status.FORBIDDEN);
    context.forceChallenge(answer);
  }

  private static List<String> entraProviders(AuthenticationFlowContext context) {
    AuthenticatorConfigModel model = context.getAuthenticatorConfig();
    Map<String, String> config =
        model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    return Policies.LIST.splitToList(
        config.getOrDefault(ConnectedOrganizationAuthenticatorFactory.ENTRA_PROVIDERS, ""));
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
