package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.CrossTenantAccess.B2BSetting;
import dev.entente.access.CrossTenantAccess.Partner;
import dev.entente.access.CrossTenantAccess.Rule;
import dev.entente.access.CrossTenantAccess.Target;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import dev.entente.testkit.EntenteGenerators;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
    "Cross-tenant access settings and the domain list in Graph JSON (R-XTA-1, R-XTA-3, R-GPH-2)")
class CrossTenantJsonTest {
  static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);

  static String doc(String name) {
    return Fixtures.doc("cross-tenant/" + name);
  }

  static B2BSetting overviewExample(int n) {
    String fragment = doc("overview-example-" + n + ".json");
    return GRAPH.readCrossTenantDefault(
        fragment.replaceFirst("\"b2b[sS]etting\"", "\"b2bCollaborationInbound\""));
  }

  @Test
  void theDefaultConfigurationAsPrintedIsRefusedForItsTrailingCommaAtItsLine() {
    GraphFormatException e =
        assertThrows(
            GraphFormatException.class,
            () -> GRAPH.readCrossTenantDefault(doc("default-get-response.json")));
    assertEquals(8, e.line(), e.getMessage());
  }

  @Test
  void theDefaultConfigurationWithoutTheDocsTrailingCommaIsTheServiceDefault() {
    String fixed =
        doc("default-get-response.json")
            .replace(
                "\"isHybridAzureADJoinedDeviceAccepted\": false,",
                "\"isHybridAzureADJoinedDeviceAccepted\": false");
    B2BSetting read = GRAPH.readCrossTenantDefault(fixed);
    assertEquals(B2BSetting.allowAll(), read);
    assertEquals(read, GRAPH.readCrossTenantDefault(GRAPH.writeCrossTenantDefault(read)));
  }

  @Test
  void theDocumentedPartnersInheritTheDefaultsB2BCollaborationInbound() {
    GraphJson.Page<Partner> page =
        GRAPH.readCrossTenantPartnerPage(doc("list-partners-response.json"));
    assertEquals(
        List.of(Partner.inheriting(TenantId.of("123f4846-ba00-4fd7-ba43-dac1f8f63013"))),
        page.values());
    Partner one = GRAPH.readCrossTenantPartner(doc("partner-get-response.json"));
    assertEquals(Partner.inheriting(TenantId.of("9c5d131d-b1c3-4fc4-9e3f-c6557947d551")), one);
    assertEquals(one, GRAPH.readCrossTenantPartner(GRAPH.writeCrossTenantPartner(one)));
    Partner created = GRAPH.readCrossTenantPartner(doc("post-partners-request.json"));
    assertTrue(created.b2bCollaborationInbound().isEmpty());
  }

  @Test
  void theDocumentedPolicyHasNoOtherCloudAndTheDocumentedDomainPolicyNoList() {
    assertEquals(Set.of(), GRAPH.readAllowedClouds(doc("policy-get-response.json")));
    CrossTenantAccess policy = GRAPH.readCrossTenantAccess(doc("policy-get-response.json"));
    assertEquals(CrossTenantAccess.serviceDefault(), policy);
    assertEquals(
        CollaborationRestrictions.none(),
        GRAPH.readB2BManagementPolicy(doc("b2bmanagementpolicies-list-response.json")));
  }

  static Stream<Arguments> overview() {
    Target g1 = Target.group("g1");
    Target a1 = Target.application("a1");
    return Stream.of(
        Arguments.of(1, B2BSetting.blockAll()),
        Arguments.of(2, B2BSetting.allowAll()),
        Arguments.of(3, B2BSetting.of(Rule.allowed(g1), Rule.allowed(Target.allApplications()))),
        Arguments.of(4, B2BSetting.of(Rule.allowed(Target.allUsers()), Rule.allowed(a1))),
        Arguments.of(5, B2BSetting.of(Rule.allowed(g1), Rule.blocked(a1))),
        Arguments.of(7, B2BSetting.of(Rule.blocked(g1), Rule.allowed(a1))),
        Arguments.of(8, B2BSetting.of(Rule.allowed(g1), Rule.allowed(a1))),
        Arguments.of(9, B2BSetting.of(Rule.blocked(g1), Rule.blocked(a1))));
  }

  @ParameterizedTest(name = "overview example {0} reads as written and writes back equal")
  @MethodSource("overview")
  void eachOverviewExampleReadsAndWritesBackEqual(int n, B2BSetting expected) {
    B2BSetting read = overviewExample(n);
    assertEquals(expected, read);
    assertEquals(read, GRAPH.readCrossTenantDefault(GRAPH.writeCrossTenantDefault(read)));
  }

  @Test
  void theOverviewsSixthExampleSpellsBlockedWithALeadingSpaceAndIsRefusedThere() {
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> overviewExample(6));
    assertEquals("/b2bCollaborationInbound/usersAndGroups/accessType", e.pointer());
    assertEquals(" blocked", e.rejectedValue());
  }

  static final String PARTNER_TENANT = "3d0f5dec-5d3d-455c-8016-e2af1ae4d31a";

  static String policyWith(String partner) {
    return "{\"allowedCloudEndpoints\":[],\"partners\":[" + partner + "]}";
  }

  static String rule(String accessType, String target, String targetType) {
    return "{\"accessType\":\""
        + accessType
        + "\",\"targets\":[{\"target\":\""
        + target
        + "\",\"targetType\":\""
        + targetType
        + "\"}]}";
  }

  static Stream<Arguments> hostile() {
    String users = rule("allowed", "AllUsers", "user");
    String apps = rule("allowed", "AllApplications", "application");
    return Stream.of(
        Arguments.of(
            "an unknown access type",
            policyWith(
                "{\"tenantId\":\""
                    + PARTNER_TENANT
                    + "\",\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                    + rule("unknownFutureValue", "AllUsers", "user")
                    + ",\"applications\":"
                    + apps
                    + "}}"),
            "/partners/0/b2bCollaborationInbound/usersAndGroups/accessType"),
        Arguments.of(
            "a group among applications",
            policyWith(
                "{\"tenantId\":\""
                    + PARTNER_TENANT
                    + "\",\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                    + users
                    + ",\"applications\":"
                    + rule("allowed", "6f546279-4da5-4b53-a095-09ea0cef9971", "group")
                    + "}}"),
            "/partners/0/b2bCollaborationInbound/applications/targets/0/targetType"),
        Arguments.of(
            "AllUsers typed as a group",
            policyWith(
                "{\"tenantId\":\""
                    + PARTNER_TENANT
                    + "\",\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                    + rule("allowed", "AllUsers", "group")
                    + ",\"applications\":"
                    + apps
                    + "}}"),
            "/partners/0/b2bCollaborationInbound/usersAndGroups/targets/0/targetType"),
        Arguments.of(
            "an unknown target type",
            policyWith(
                "{\"tenantId\":\""
                    + PARTNER_TENANT
                    + "\",\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                    + rule("allowed", "x", "servicePrincipal")
                    + ",\"applications\":"
                    + apps
                    + "}}"),
            "/partners/0/b2bCollaborationInbound/usersAndGroups/targets/0/targetType"),
        Arguments.of(
            "a partner without tenantId",
            policyWith("{\"b2bCollaborationInbound\":null}"),
            "/partners/0/tenantId"),
        Arguments.of(
            "a partner whose tenantId is no GUID",
            policyWith("{\"tenantId\":\"contoso.com\"}"),
            "/partners/0/tenantId"),
        Arguments.of(
            "all users blocked while an application stays open",
            "{\"default\":{\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                + rule("blocked", "AllUsers", "user")
                + ",\"applications\":"
                + rule("allowed", "a1", "application")
                + "}}}",
            "/default/b2bCollaborationInbound/applications"),
        Arguments.of(
            "a cloud Graph does not name",
            "{\"allowedCloudEndpoints\":[\"microsoftonline.com\",\"microsoftonline.de\"]}",
            "/allowedCloudEndpoints/1"),
        Arguments.of(
            "a default that names no B2B collaboration inbound setting",
            "{\"default\":{\"isServiceDefault\":true}}",
            "/default/b2bCollaborationInbound"),
        Arguments.of(
            "a duplicate key",
            "{\"default\":{\"b2bCollaborationInbound\":{\"usersAndGroups\":"
                + users
                + ",\"usersAndGroups\":"
                + users
                + "}}}",
            "/default/b2bCollaborationInbound/usersAndGroups"),
        Arguments.of(
            "targets that are not an array",
            "{\"default\":{\"b2bCollaborationInbound\":{\"usersAndGroups\":{\"accessType\":\"allowed\",\"targets\":\"AllUsers\"}}}}",
            "/default/b2bCollaborationInbound/usersAndGroups/targets"));
  }

  @ParameterizedTest(name = "{0} is a typed error at its JSON pointer")
  @MethodSource("hostile")
  void hostileSettingsAreTypedErrorsAtTheirJsonPointer(String what, String json, String pointer) {
    GraphFormatException e =
        assertThrows(GraphFormatException.class, () -> GRAPH.readCrossTenantAccess(json));
    assertEquals(pointer, e.pointer(), e.getMessage());
  }

  @Test
  void theDomainListOfTheOrganizationDefaultIsReadIntoCollaborationRestrictions() {
    String deny =
        "{\"value\":[{\"definition\":[\"{\\\"B2BManagementPolicy\\\":{\\\"InvitationsAllowedAndBlockedDomainsPolicy\\\":{\\\"AllowedDomains\\\": [],\\\"BlockedDomains\\\": [\\\"live.com\\\"]}}}\"],\"isOrganizationDefault\":true},"
            + "{\"definition\":[\"{}\"],\"isOrganizationDefault\":false}]}";
    CollaborationRestrictions read = GRAPH.readB2BManagementPolicy(deny);
    assertEquals(CollaborationRestrictions.deny(List.of("live.com")), read);
    assertEquals(read, GRAPH.readB2BManagementPolicy(GRAPH.writeB2BManagementPolicy(read)));
    CollaborationRestrictions allow =
        CollaborationRestrictions.allow(List.of("contoso.com", "*.fabrikam.com"));
    assertEquals(allow, GRAPH.readB2BManagementPolicy(GRAPH.writeB2BManagementPolicy(allow)));
    assertEquals(
        CollaborationRestrictions.none(),
        GRAPH.readB2BManagementPolicy(
            GRAPH.writeB2BManagementPolicy(CollaborationRestrictions.none())));
    GraphFormatException both =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readB2BManagementPolicy(
                    "{\"definition\":[\"{'B2BManagementPolicy':{'InvitationsAllowedAndBlockedDomainsPolicy':{'AllowedDomains':['a.com'],'BlockedDomains':['b.com']}}}\"]}"));
    assertEquals("/definition/0", both.pointer());
    GraphFormatException badDomain =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readB2BManagementPolicy(
                    "{\"definition\":[\"{'B2BManagementPolicy':{'InvitationsAllowedAndBlockedDomainsPolicy':{'BlockedDomains':['not a domain']}}}\"]}"));
    assertEquals("/definition/0", badDomain.pointer());
  }

  @Test
  void aPartnerPageWhoseNextLinkLeavesTheServiceRootIsRefused() {
    GraphFormatException e =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readCrossTenantPartnerPage(
                    "{\"value\":[],\"@odata.nextLink\":\"https://evil.example/v1.0/policies\"}"));
    assertEquals("/@odata.nextLink", e.pointer());
    GraphFormatException notALink =
        assertThrows(
            GraphFormatException.class,
            () -> GRAPH.readCrossTenantPartnerPage("{\"value\":[],\"@odata.nextLink\":42}"));
    assertEquals("/@odata.nextLink", notALink.pointer(), "never read as the last page");
    assertEquals(
        CollaborationRestrictions.allow(List.of()),
        GRAPH.readB2BManagementPolicy(
            GRAPH.writeB2BManagementPolicy(CollaborationRestrictions.allow(List.of()))),
        "an allow list of nothing stays one");
  }

  @Test
  void forAllGeneratedSettingsWritingThenReadingGivesThemBack() {
    qt().withExamples(500)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              CrossTenantAccess settings =
                  EntenteGenerators.crossTenantAccess(new SplittableRandom(seed), List.of());
              String json = GRAPH.writeCrossTenantAccess(settings);
              assertEquals(settings, GRAPH.readCrossTenantAccess(json), json);
              for (Partner p : settings.partners().values()) {
                assertEquals(p, GRAPH.readCrossTenantPartner(GRAPH.writeCrossTenantPartner(p)));
              }
            });
  }

  @Test
  void theOverviewsRedemptionOrderReadsAndWritesBackAndAnUnknownProviderIsRefusedAtItsPointer() {
    String overview =
        "{\"b2bCollaborationInbound\":{\"usersAndGroups\":null,\"applications\":null},"
            + " \"invitationRedemptionIdentityProviderConfiguration\": { \"primaryIdentityProviderPrecedenceOrder\": ["
            + " \"externalFederation\", \"azureActiveDirectory\", \"socialIdentityProviders\" ],"
            + " \"fallbackIdentityProvider\": \"defaultConfiguredIdp\" }}";
    dev.entente.access.RedemptionOrder order = GRAPH.readRedemptionOrder(overview);
    assertEquals(
        List.of(
            dev.entente.access.RedemptionOrder.Primary.EXTERNAL_FEDERATION,
            dev.entente.access.RedemptionOrder.Primary.AZURE_ACTIVE_DIRECTORY,
            dev.entente.access.RedemptionOrder.Primary.SOCIAL_IDENTITY_PROVIDERS),
        order.primary());
    CrossTenantAccess settings =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.blockAll())
            .redemptionOrder(order)
            .build();
    assertEquals(settings, GRAPH.readCrossTenantAccess(GRAPH.writeCrossTenantAccess(settings)));
    GraphFormatException e =
        assertThrows(
            GraphFormatException.class,
            () ->
                GRAPH.readRedemptionOrder(
                    overview.replace("\"azureActiveDirectory\"", "\"github\"")));
    assertEquals(
        "/invitationRedemptionIdentityProviderConfiguration/primaryIdentityProviderPrecedenceOrder/1",
        e.pointer());
  }
}
