package dev.entente.keycloak;

import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Reason;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/entente}: the connected organizations, a user's decision explained,
 * and the mirror to Keycloak organizations. Keycloak authenticates the administrator; reading needs
 * view-realm, mirroring manage-realm.
 */
public final class EntenteAdminResource {
  private final KeycloakSession session;
  private final RealmModel realm;
  private final AdminPermissionEvaluator auth;

  EntenteAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
    this.session = session;
    this.realm = realm;
    this.auth = auth;
  }

  /**
   * The connected organizations.
   *
   * @return each with its id, name, state and identity sources
   */
  @GET
  @Path("organizations")
  @Produces(MediaType.APPLICATION_JSON)
  public List<Map<String, Object>> organizations() {
    auth.realm().requireViewRealm();
    return EntenteRuntime.current()
        .entente()
        .organizations()
        .all()
        .map(EntenteAdminResource::describe)
        .toList();
  }

  private static Map<String, Object> describe(ConnectedOrganization org) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", org.id().toString());
    out.put("displayName", org.displayName());
    out.put("state", org.state().toString());
    out.put(
        "identitySources", org.identitySources().stream().map(IdentitySource::toString).toList());
    out.put("keycloakOrganization", Mirror.alias(org));
    return out;
  }

  /**
   * The decision for a user of the realm, as their last sign-in would be decided now.
   *
   * @param username the user
   * @param clientId the client whose policy decides; the authenticator's default without one
   * @return eligibility, the deciding reason, the organization and the explanation
   */
  @GET
  @Path("explain")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> explain(
      @QueryParam("username") @Nullable String username,
      @QueryParam("client") @Nullable String clientId) {
    auth.realm().requireViewRealm();
    UserModel user = username == null ? null : session.users().getUserByUsername(realm, username);
    if (user == null) {
      throw new NotFoundException("no user " + username + " in realm " + realm.getName());
    }
    ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
    EntenteRuntime runtime = EntenteRuntime.current();
    KeycloakSignIn signIn = ConnectedOrganizationAuthenticator.recorded(user, runtime);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", user.getUsername());
    out.put("signIn", signIn.identityProvider() == null ? "local" : signIn.identityProvider());
    try {
      Policy policy = ConnectedOrganizationAuthenticator.policyOf(client, Map.of());
      AccessDecision decision = runtime.entente().matcher().evaluate(signIn.requestor(), policy);
      out.put("policy", policy.id());
      out.put("eligible", decision.eligible());
      out.put("reason", decision.reason().name());
      decision.membership().ifPresent(m -> out.put("organization", describe(m.organization())));
      out.put("reasons", decision.reasons().stream().map(Reason::sentence).toList());
      out.put("explanation", decision.explanation());
    } catch (ValidationException e) {
      out.put("eligible", false);
      out.put("explanation", e.getMessage());
    }
    return out;
  }

  /**
   * Mirrors the connected organizations to Keycloak organizations.
   *
   * @return what was mirrored, and what was not with why
   */
  @POST
  @Path("mirror")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> mirror() {
    auth.realm().requireManageRealm();
    return Mirror.all(
        session, realm, EntenteRuntime.current().entente().organizations().all().toList());
  }
}
