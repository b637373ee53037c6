package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.InvitationGate;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.graph.GraphFormatException;
import dev.entente.model.Cloud;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The connection pulls the invitation gate: cross-tenant access settings and the domain list (R-XTA-3, R-ENT-1)")
class CrossTenantPullTest {
  static final String BLOCK_ALL =
      "{\"usersAndGroups\":{\"accessType\":\"blocked\",\"targets\":[{\"target\":\"AllUsers\",\"targetType\":\"user\"}]},"
          + "\"applications\":{\"accessType\":\"blocked\",\"targets\":[{\"target\":\"AllApplications\",\"targetType\":\"application\"}]}}";
  static final String ALLOW_ALL =
      "{\"usersAndGroups\":{\"accessType\":\"allowed\",\"targets\":[{\"target\":\"AllUsers\",\"targetType\":\"user\"}]},"
          + "\"applications\":{\"accessType\":\"allowed\",\"targets\":[{\"target\":\"AllApplications\",\"targetType\":\"application\"}]}}";
  static final Policy ALL = Policy.withoutApproval("all", RequestorScope.allExternalUsers());

  static TenantId partner(int i) {
    return TenantId.of(new java.util.UUID(0x5A17L, i + 1).toString());
  }

  @Test
  void everyPageOfPartnersAndTheDefaultArePulledAndDecideAsInEntra() {
    Connections c = new Connections(FakeEntra.builder().pageSize(3));
    try (FakeEntra entra = c.entra) {
      List<String> partners = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        partners.add(
            "{\"tenantId\":\""
                + partner(i)
                + "\",\"b2bCollaborationInbound\":"
                + (i == 0 ? ALLOW_ALL : "null")
                + "}");
      }
      entra.crossTenantAccess(
          "{\"allowedCloudEndpoints\":[\"microsoftonline.us\"]}",
          "{\"isServiceDefault\":false,\"b2bCollaborationInbound\":" + BLOCK_ALL + "}",
          partners);
      entra.b2bManagementPolicies(
          "{\"value\":[{\"definition\":[\"{'B2BManagementPolicy':{'InvitationsAllowedAndBlockedDomainsPolicy':{'BlockedDomains':['blocked.example']}}}\"],\"isOrganizationDefault\":true}]}");
      Entra connection = c.connection(Cloud.GLOBAL).build();
      CrossTenantAccess settings = connection.pullCrossTenantAccess();
      assertEquals(7, settings.partners().size());
      assertEquals(Set.of(Cloud.US_GOVERNMENT), settings.allowedClouds());
      assertTrue(settings.defaultInbound().refusesEveryone());
      InvitationGate gate = connection.pullInvitationGate();
      assertEquals(CollaborationRestrictions.deny(List.of("blocked.example")), gate.domains());

      AccessRequestMatcher m = Entente.inMemory().matcher().withGate(gate);
      assertTrue(m.evaluate(Requestor.entraUser(partner(0), Cloud.GLOBAL), ALL).eligible());
      assertEquals(
          ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT,
          m.evaluate(Requestor.entraUser(partner(1), Cloud.GLOBAL), ALL).reason());
      assertEquals(
          ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT,
          m.evaluate(Requestor.entraUser(partner(100), Cloud.GLOBAL), ALL).reason());
      assertTrue(
          m.evaluate(Requestor.entraUser(partner(0), Cloud.US_GOVERNMENT), ALL).eligible(),
          "a partner of an allowed cloud");
    }
  }

  @Test
  void eachDirectoryDecidesWithTheGatePulledFromItsOwnTenant() {
    Connections a = new Connections(FakeEntra.builder());
    Connections b = new Connections(FakeEntra.builder());
    try (FakeEntra entraA = a.entra;
        FakeEntra entraB = b.entra) {
      entraA.crossTenantAccess("{}", "{\"b2bCollaborationInbound\":" + BLOCK_ALL + "}", List.of());
      entraB.crossTenantAccess("{}", "{\"b2bCollaborationInbound\":" + ALLOW_ALL + "}", List.of());
      HostDirectory da = HostDirectory.of("customer-a");
      HostDirectory db = HostDirectory.of("customer-b");
      Map<HostDirectory, InvitationGate> gates = new ConcurrentHashMap<>();
      gates.put(da, a.connection(Cloud.GLOBAL).hostDirectory(da).build().pullInvitationGate());
      gates.put(db, b.connection(Cloud.GLOBAL).hostDirectory(db).build().pullInvitationGate());
      Entente deployment = Entente.builder().gates(gates::get).build();
      Requestor r = Requestor.entraUser(partner(3), Cloud.GLOBAL);
      assertFalse(deployment.directory(da).matcher().evaluate(r, ALL).eligible());
      assertTrue(deployment.directory(db).matcher().evaluate(r, ALL).eligible());
    }
  }

  @Test
  void withoutPolicyReadAllThePullFailsAsUnauthorized() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      entra.denyPolicies(true);
      EntraException e =
          assertThrows(
              EntraException.class,
              () -> c.connection(Cloud.GLOBAL).build().pullCrossTenantAccess());
      assertEquals(EntraException.Reason.UNAUTHORIZED, e.reason());
    }
  }

  @Test
  void aHostileAnswerIsMalformedWithItsJsonPointer() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      entra.crossTenantAccess(
          "{}",
          "{\"b2bCollaborationInbound\":" + BLOCK_ALL + "}",
          List.of(
              "{\"tenantId\":\""
                  + partner(0)
                  + "\",\"b2bCollaborationInbound\":{\"usersAndGroups\":{\"accessType\":\"unknownFutureValue\",\"targets\":[]}}}"));
      EntraException e =
          assertThrows(
              EntraException.class,
              () -> c.connection(Cloud.GLOBAL).build().pullCrossTenantAccess());
      assertEquals(EntraException.Reason.MALFORMED, e.reason());
      GraphFormatException cause = assertInstanceOf(GraphFormatException.class, e.getCause());
      assertEquals("/value/0/b2bCollaborationInbound/usersAndGroups/accessType", cause.pointer());
    }
  }
}
