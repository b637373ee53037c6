package dev.entente.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.CrossTenantAccess;
import dev.entente.access.CrossTenantAccess.B2BSetting;
import dev.entente.access.CrossTenantAccess.Partner;
import dev.entente.access.CrossTenantAccess.Rule;
import dev.entente.access.CrossTenantAccess.Target;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EntraTenant;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The advisory of a configured organization the invitation gate always refuses (R-XTA-2)")
class GateAdvisoryTest {
  static final TenantId OPEN = TenantId.of("9188040d-6c67-4c5b-b112-36a304b66dad");
  static final TenantId SHUT = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  static final TenantId GOV = TenantId.of("3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");

  static ConnectedOrganization org(
      String name, TenantId tenant, Cloud cloud, OrganizationState state) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(name.toLowerCase()))
        .displayName(name)
        .state(state)
        .addIdentitySources(EntraTenant.builder().tenantId(tenant).cloud(cloud).build())
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .createdBy(Actor.administrator("admin@host.example"))
        .build();
  }

  @Test
  void aConfiguredTenantBlockedByDefaultOrInACloudNotLetInIsFlaggedAndOthersAreNot() {
    CrossTenantAccess settings =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.blockAll())
            .partner(Partner.of(OPEN, B2BSetting.allowAll()))
            .partner(
                Partner.of(
                    GOV,
                    B2BSetting.of(
                        Rule.allowed(Target.allUsers()), Rule.allowed(Target.allApplications()))))
            .build();
    List<Advisory> found =
        Advisories.gate(
            List.of(
                org("Open", OPEN, Cloud.GLOBAL, OrganizationState.CONFIGURED),
                org("Shut", SHUT, Cloud.GLOBAL, OrganizationState.CONFIGURED),
                org("Proposed", SHUT, Cloud.GLOBAL, OrganizationState.PROPOSED),
                org("Gov", GOV, Cloud.US_GOVERNMENT, OrganizationState.CONFIGURED)),
            settings);
    assertEquals(List.of("Shut", "Gov"), found.stream().map(Advisory::organizationName).toList());
    assertTrue(
        found.get(0).message().contains("default/b2bCollaborationInbound"), found.get(0).message());
    assertTrue(found.get(1).message().contains("allowedCloudEndpoints"), found.get(1).message());
    assertEquals(
        List.of(),
        Advisories.gate(
            List.of(org("Gov", GOV, Cloud.US_GOVERNMENT, OrganizationState.CONFIGURED)),
            settings.toBuilder().allowedClouds(Set.of(Cloud.US_GOVERNMENT)).build()));
  }
}
