package dev.entente.keycloak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Every way into the realm's clients, and whether it reaches Entente's decision: each client's
 * browser and direct-grant flows (its own binding, else the realm's), the registration flow when
 * registration is on, each enabled identity provider's post-broker-login flow, and whether the
 * client-policy executor decides every token. A flow reaches the decision when the authenticator
 * {@code entente} is REQUIRED in it, at its top level or in a REQUIRED sub-flow.
 */
final class Doors {
  private Doors() {}

  /**
   * A way in.
   *
   * @param kind {@code browser}, {@code direct-grant}, {@code registration} or {@code
   *     post-broker-login}
   * @param name the client id, the identity provider's alias, or {@code realm}
   * @param flow the flow's alias, or null when there is none
   * @param decided whether the flow reaches Entente's decision
   */
  record Door(String kind, String name, @Nullable String flow, boolean decided) {}

  /**
   * The report.
   *
   * @param tokensDecided whether an enabled client policy for any client runs the executor {@code
   *     entente}, which decides every token whatever the flow
   * @param doors every way in
   * @param undecided the ways in that do not reach the decision
   */
  record Report(boolean tokensDecided, List<Door> doors, List<Door> undecided) {}

  static Report of(KeycloakSession session, RealmModel realm) {
    List<Door> doors = new ArrayList<>();
    session
        .clients()
        .getClientsStream(realm)
        .filter(c -> !c.isBearerOnly() && c.isEnabled())
        .forEach(
            client -> {
              if (client.isStandardFlowEnabled() || client.isImplicitFlowEnabled()) {
                doors.add(
                    door(
                        realm,
                        "browser",
                        client,
                        AuthenticationFlowBindings.BROWSER_BINDING,
                        realm.getBrowserFlow()));
              }
              if (client.isDirectAccessGrantsEnabled()) {
                doors.add(
                    door(
                        realm,
                        "direct-grant",
                        client,
                        AuthenticationFlowBindings.DIRECT_GRANT_BINDING,
                        realm.getDirectGrantFlow()));
              }
            });
    if (realm.isRegistrationAllowed()) {
      doors.add(door(realm, "registration", "realm", realm.getRegistrationFlow()));
    }
    session
        .identityProviders()
        .getAllStream()
        .filter(idp -> idp.isEnabled())
        .forEach(
            idp -> {
              String flowId = idp.getPostBrokerLoginFlowId();
              doors.add(
                  door(
                      realm,
                      "post-broker-login",
                      idp.getAlias(),
                      flowId == null ? null : realm.getAuthenticationFlowById(flowId)));
            });
    return new Report(
        tokensDecided(session, realm),
        List.copyOf(doors),
        doors.stream().filter(d -> !d.decided()).toList());
  }

  private static Door door(
      RealmModel realm,
      String kind,
      ClientModel client,
      String binding,
      @Nullable AuthenticationFlowModel realmFlow) {
    String override = client.getAuthenticationFlowBindingOverride(binding);
    AuthenticationFlowModel flow =
        override == null ? realmFlow : realm.getAuthenticationFlowById(override);
    return door(realm, kind, client.getClientId(), flow);
  }

  private static Door door(
      RealmModel realm, String kind, String name, @Nullable AuthenticationFlowModel flow) {
    return flow == null
        ? new Door(kind, name, null, false)
        : new Door(kind, name, flow.getAlias(), decides(realm, flow.getId(), new HashSet<>()));
  }

  /** Whether the flow {@code flowId} passes through a REQUIRED {@code entente}. */
  static boolean decides(RealmModel realm, String flowId, Set<String> seen) {
    if (!seen.add(flowId)) {
      return false;
    }
    return realm
        .getAuthenticationExecutionsStream(flowId)
        .filter(AuthenticationExecutionModel::isRequired)
        .anyMatch(
            e ->
                ConnectedOrganizationAuthenticatorFactory.ID.equals(e.getAuthenticator())
                    || (e.isAuthenticatorFlow() && decides(realm, e.getFlowId(), seen)));
  }

  private static boolean tokensDecided(KeycloakSession session, RealmModel realm) {
    try {
      Set<String> profiles = new HashSet<>();
      var allProfiles = session.clientPolicy().getClientProfiles(realm, true);
      for (List<ClientProfileRepresentation> list :
          List.of(
              nullToEmpty(allProfiles.getProfiles()),
              nullToEmpty(allProfiles.getGlobalProfiles()))) {
        for (ClientProfileRepresentation profile : list) {
          for (ClientPolicyExecutorRepresentation executor : nullToEmpty(profile.getExecutors())) {
            if (EntenteClientPolicyExecutorFactory.ID.equals(executor.getExecutorProviderId())) {
              profiles.add(profile.getName());
            }
          }
        }
      }
      for (ClientPolicyRepresentation policy :
          nullToEmpty(session.clientPolicy().getClientPolicies(realm, false).getPolicies())) {
        boolean anyClient =
            nullToEmpty(policy.getConditions()).stream()
                .map(ClientPolicyConditionRepresentation::getConditionProviderId)
                .anyMatch("any-client"::equals);
        if (Boolean.TRUE.equals(policy.isEnabled())
            && anyClient
            && nullToEmpty(policy.getProfiles()).stream().anyMatch(profiles::contains)) {
          return true;
        }
      }
      return false;
    } catch (ClientPolicyException e) {
      return false;
    }
  }

  private static <T> List<T> nullToEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }
}
