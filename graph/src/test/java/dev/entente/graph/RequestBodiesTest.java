package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The request bodies a host sends to Graph are Graph's own (R-GPH-1)")
class RequestBodiesTest {
  private static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);
  private static final Actor ALICE = Actor.administrator("alice");

  private static ConnectedOrganization example() {
    return ConnectedOrganization.builder()
        .id(dev.entente.model.OrganizationId.of("35ff48a8-e9d8-4405-8425-0b23694287a4"))
        .displayName("Connected organization name")
        .description("Connected organization description")
        .state(OrganizationState.PROPOSED)
        .addIdentitySources(EmailDomain.of(DomainName.of("example.com")))
        .createdAt(Instant.parse("2021-11-10T01:13:15.541617Z"))
        .createdBy(ALICE)
        .build();
  }

  @Test
  @DisplayName("the create body is the documented POST body, field for field")
  void theCreateBodyIsTheDocumentedPostBody() {
    String body = GRAPH.createBody(example());
    assertEquals(
        GRAPH.readOrganization(Fixtures.doc("create-request.json")), GRAPH.readOrganization(body));
    assertEquals(
        "{\"displayName\":\"Connected organization name\",\"description\":\"Connected organization"
            + " description\",\"identitySources\":[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\","
            + "\"displayName\":\"example.com\",\"domainName\":\"example.com\"}],\"state\":\"proposed\"}",
        body);
  }

  @Test
  @DisplayName("the update body carries only the changed fields, as the documented PATCH does")
  void theUpdateBodyCarriesOnlyTheChangedFields() {
    ConnectedOrganization before = example();
    ConnectedOrganization after =
        before.toBuilder()
            .displayName("Connected organization new name")
            .description("Connected organization new description")
            .state(OrganizationState.CONFIGURED)
            .build();
    assertEquals(
        GRAPH.readOrganization(Fixtures.doc("update-request.json")),
        GRAPH.readOrganization(GRAPH.updateBody(before, after).orElseThrow()));
    assertEquals(Optional.empty(), GRAPH.updateBody(before, before));
    assertEquals(
        Optional.of("{\"description\":null}"),
        GRAPH.updateBody(before, before.toBuilder().description(Optional.empty()).build()));
  }

  @Test
  @DisplayName("a sponsor reference names a user or a group under the cloud's Graph service root")
  void aSponsorReferenceNamesAUserOrAGroup() {
    assertEquals(
        "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21\"}",
        GRAPH.sponsorReferenceBody(Sponsor.user("5F3E0C1A-8A0B-4C52-9D4E-0E6F5B8C7A21")));
    assertEquals(
        "{\"@odata.id\":\"https://graph.microsoft.us/v1.0/groups/7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e\"}",
        GraphJson.forCloud(Cloud.US_GOVERNMENT)
            .sponsorReferenceBody(Sponsor.group("7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e")));
  }

  @Test
  @DisplayName("a Microsoft-account source is refused in a request body rather than sent wrong")
  void aMicrosoftAccountSourceIsRefusedInARequestBody() {
    ConnectedOrganization msa =
        example().toBuilder()
            .identitySources(List.of(SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT)))
            .build();
    ValidationException e = assertThrows(ValidationException.class, () -> GRAPH.createBody(msa));
    assertEquals("identitySources[0]", e.field());
    String json = GRAPH.write(msa);
    assertTrue(json.contains("\"socialIdentitySourceType\":\"unknownFutureValue\""), json);
    assertTrue(json.contains("\"@entente.accountProvider\":\"microsoftAccount\""), json);
    assertEquals(msa, GRAPH.toOrganization(GRAPH.readOrganization(json)));
  }

  /** Imports the sample export into {@code entente}; returns the export's JSON. */
  private static String importSample(Entente entente) {
    String export = Fixtures.read("/graph/sample-export.json");
    try (GraphReader reader = GRAPH.reader(export)) {
      reader.planImport(entente.organizations()).apply();
    }
    return export;
  }

  /** Renames the sample's Contoso to "Contoso Group"; returns Contoso as it was before. */
  private static ConnectedOrganization renameContoso(Entente entente) {
    ConnectedOrganization contoso =
        entente
            .organizations()
            .get(dev.entente.model.OrganizationId.of("0f3c2a4e-6b7d-4e1f-9a2b-3c4d5e6f7a81"))
            .orElseThrow();
    entente
        .organizations()
        .update(
            contoso.id(),
            contoso.version(),
            OrganizationChanges.builder().displayName("Contoso Group").build(),
            ALICE);
    return contoso;
  }

  @Test
  @DisplayName("the Entra plan patches what differs, creates what Entra lacks and deletes nothing")
  void theEntraPlanPatchesCreatesAndDeletesNothing() {
    Entente entente = Entente.inMemory();
    String export = importSample(entente);
    ConnectedOrganization contoso = renameContoso(entente);
    entente
        .organizations()
        .addExternalSponsor(
            contoso.id(),
            contoso.version().next(),
            Sponsor.user("11111111-2222-4333-8444-555555555555"),
            ALICE);
    ConnectedOrganization tailspin =
        entente
            .organizations()
            .create(
                OrganizationDraft.named("Tailspin")
                    .addIdentitySources(
                        EntraTenant.of(
                            TenantId.of("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
                            Cloud.GLOBAL,
                            "Tailspin"),
                        EmailDomain.of(DomainName.of("tailspin.example")))
                    .addInternalSponsors(Sponsor.group("7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"))
                    .build(),
                ALICE);
    EntraPlan plan;
    try (GraphReader reader = GRAPH.reader(export)) {
      plan = EntraPlan.of(reader, entente.organizations());
    }
    List<String> lines = plan.requests().stream().map(r -> r.method() + " " + r.url()).toList();
    String orgs =
        GRAPH.serviceRoot() + "/identityGovernance/entitlementManagement/connectedOrganizations";
    assertEquals(
        List.of(
            "PATCH " + orgs + "/" + contoso.id(),
            "POST " + orgs + "/" + contoso.id() + "/externalSponsors/$ref",
            "POST " + orgs,
            "PATCH " + orgs + "/{new-id}",
            "POST " + orgs + "/{new-id}/internalSponsors/$ref"),
        lines,
        plan::toString);
    assertEquals(Optional.of("{\"displayName\":\"Contoso Group\"}"), plan.requests().get(0).body());
    GraphRequest sponsor = plan.requests().get(4);
    assertEquals(tailspin.id(), sponsor.organization());
    assertTrue(sponsor.needsGraphId());
    assertTrue(plan.requests().get(2).createsOrganization());
    assertEquals(orgs + "/42/internalSponsors/$ref", sponsor.withGraphId("42").url());
  }

  @Test
  @DisplayName(
      "the Entra plan updates before it creates, whatever the ids, so its order is the same every"
          + " run")
  void theEntraPlanUpdatesBeforeItCreatesWhateverTheIds() {
    Entente entente = Entente.inMemory();
    String export = importSample(entente);
    String early =
        "{\"value\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"displayName\":\"Early\","
            + "\"state\":\"proposed\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph.domainIdentitySource\",\"displayName\":\"early.example\","
            + "\"domainName\":\"early.example\"}]}]}";
    try (GraphReader reader = GRAPH.reader(early)) {
      reader.planImport(entente.organizations()).apply();
    }
    ConnectedOrganization contoso = renameContoso(entente);
    EntraPlan plan;
    try (GraphReader reader = GRAPH.reader(export)) {
      plan = EntraPlan.of(reader, entente.organizations());
    }
    String orgs =
        GRAPH.serviceRoot() + "/identityGovernance/entitlementManagement/connectedOrganizations";
    assertEquals(
        List.of("PATCH " + orgs + "/" + contoso.id(), "POST " + orgs),
        plan.requests().stream().map(r -> r.method() + " " + r.url()).toList(),
        plan::toString);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0/",
        "graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0?x=1",
        "https:///v1.0"
      })
  @DisplayName("a service root other than https (or http to a loopback address) is refused")
  void aServiceRootOtherThanHttpsIsRefused(String root) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> GRAPH.withServiceRoot(root));
    assertEquals("serviceRoot", e.field());
    assertEquals(
        "http://127.0.0.1:8080/v1.0",
        GRAPH.withServiceRoot("http://127.0.0.1:8080/v1.0").serviceRoot());
  }
}
