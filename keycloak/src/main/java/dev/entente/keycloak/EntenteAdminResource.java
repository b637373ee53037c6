package dev.entente.keycloak;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Reason;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/entente}: the connected organizations, a user's decision explained,
 * the mirror to Keycloak organizations, and the doors report. Keycloak authenticates the
 * administrator; each resource asks the permission Keycloak asks for the same information:
 * view-realm for the organizations and the doors, view-users (of that user) for explain,
 * manage-realm for the mirror. In a realm Entente does not serve each answers 404; while the store
 * is unreachable, 503 with the reason (sign-ins go on from the replica).
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
   * A connected organization.
   *
   * @param id its id
   * @param displayName its name
   * @param state configured or proposed
   * @param identitySources its identity sources, as Entente writes them
   * @param keycloakOrganization the alias of its Keycloak organization when mirrored
   */
  public record OrganizationView(
      String id,
      String displayName,
      String state,
      List<String> identitySources,
      String keycloakOrganization) {
    static OrganizationView of(ConnectedOrganization org) {
      return new OrganizationView(
          org.id().toString(),
          org.displayName(),
          org.state().toString(),
          org.identitySources().stream().map(IdentitySource::toString).toList(),
          Mirror.alias(org));
    }
  }

  /**
   * A user's decision, as their sign-in would be decided for the client now.
   *
   * @param username the user
   * @param signIn how they signed in: {@code local} or the identity provider's id
   * @param recorded whether the sign-in is the one Entente recorded in their latest session (else
   *     the account's, as a local sign-in)
   * @param policy the policy's id, when it could be read
   * @param eligible whether they would be admitted
   * @param reason the deciding reason code, when decided
   * @param organization the organization they belong to, when one
   * @param reasons every reason, as sentences
   * @param explanation the explanation
   */
  public record Explanation(
      String username,
      String signIn,
      boolean recorded,
      @Nullable String policy,
      boolean eligible,
      @Nullable String reason,
      @Nullable OrganizationView organization,
      List<String> reasons,
      String explanation) {}

  /**
   * A refusal of the endpoint.
   *
   * @param error what went wrong
   */
  public record Problem(String error) {}

  /**
   * The connected organizations.
   *
   * @return each with its id, name, state and identity sources
   */
  @GET
  @Path("organizations")
  @Produces(MediaType.APPLICATION_JSON)
  public List<OrganizationView> organizations() {
    auth.realm().requireViewRealm();
    return reading(e -> e.organizations().all().map(OrganizationView::of).toList());
  }

  /**
   * The decision for a user of the realm, as their sign-in would be decided now: the sign-in
   * Entente recorded in their latest session, else the account's as a local one.
   *
   * @param username the user
   * @param clientId the client whose policy decides; the server's default policy without one
   * @return eligibility, the deciding reason, the organization and the explanation
   */
  @GET
  @Path("explain")
  @Produces(MediaType.APPLICATION_JSON)
  public Explanation explain(
      @QueryParam("username") @Nullable String username,
      @QueryParam("client") @Nullable String clientId) {
    auth.users().requireQuery();
    UserModel user = username == null ? null : session.users().getUserByUsername(realm, username);
    if (user == null) {
      throw problem(
          Response.Status.NOT_FOUND, "no user " + username + " in realm " + realm.getName());
    }
    auth.users().requireView(user);
    ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
    if (clientId != null && client == null) {
      throw problem(
          Response.Status.NOT_FOUND, "no client " + clientId + " in realm " + realm.getName());
    }
    EntenteProvider entente = provider();
    Optional<KeycloakSignIn> recorded =
        session
            .sessions()
            .getUserSessionsStream(realm, user)
            .sorted(Comparator.comparingInt(UserSessionModel::getLastSessionRefresh).reversed())
            .map(s -> SignInNotes.read(s, entente.hostCloud()))
            .flatMap(Optional::stream)
            .findFirst();
    KeycloakSignIn signIn =
        recorded.orElseGet(() -> SignIns.local(session, realm, user, entente.hostCloud()));
    String how = signIn.identityProvider() == null ? "local" : signIn.identityProvider();
    return reading(
        e -> {
          Policy policy;
          AccessDecision decision;
          try {
            policy = Policies.of(client, entente.defaultPolicy());
            decision = e.matcher().evaluate(signIn.requestor(), policy);
          } catch (ValidationException refused) {
            return new Explanation(
                user.getUsername(),
                how,
                recorded.isPresent(),
                null,
                false,
                null,
                null,
                List.of(),
                String.valueOf(refused.getMessage()));
          }
          return new Explanation(
              user.getUsername(),
              how,
              recorded.isPresent(),
              policy.id(),
              decision.eligible(),
              decision.reason().name(),
              decision.membership().map(m -> OrganizationView.of(m.organization())).orElse(null),
              decision.reasons().stream().map(Reason::sentence).toList(),
              decision.explanation());
        });
  }

  /**
   * Mirrors the connected organizations to Keycloak organizations.
   *
   * @return what was mirrored, and what was not with why
   */
  @POST
  @Path("mirror")
  @Produces(MediaType.APPLICATION_JSON)
  public Mirror.Report mirror() {
    auth.realm().requireManageRealm();
    List<ConnectedOrganization> all = reading(e -> e.organizations().all().toList());
    return Mirror.all(session, realm, all);
  }

  /**
   * Every way into the realm's clients, and whether it reaches Entente's decision.
   *
   * @return the report; {@code undecided} lists the flows that would let a user in undecided when
   *     {@code tokensDecided} is false
   */
  @GET
  @Path("doors")
  @Produces(MediaType.APPLICATION_JSON)
  public Doors.Report doors() {
    auth.realm().requireViewRealm();
    serving();
    return Doors.of(session, realm);
  }

  private EntenteProvider provider() {
    return session.getProvider(EntenteProvider.class);
  }

  private Entente serving() {
    EntenteProvider entente = provider();
    return entente
        .in(realm)
        .orElseThrow(() -> problem(Response.Status.NOT_FOUND, entente.notServed(realm)));
  }

  /** Reads through Entente, answering 503 with the reason while the store is unreachable. */
  private <T> T reading(Function<Entente, T> read) {
    Entente entente = serving();
    try {
      return read.apply(entente);
    } catch (PortFailureException e) {
      throw new WebApplicationException(
          Response.status(Response.Status.SERVICE_UNAVAILABLE)
              .header("Retry-After", "5")
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(
                  new Problem(
                      "Entente's store is unreachable ("
                          + e.getMessage()
                          + "); sign-ins go on"
                          + " deciding from the replica"))
              .build());
    }
  }

  private static WebApplicationException problem(Response.Status status, String error) {
    return new WebApplicationException(
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new Problem(error))
            .build());
  }
}
