package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sync plan imports a Graph export keyed by Graph id, idempotently (R-GPH-3)")
class SyncPlanTest {
  private static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);
  private static final OrganizationId CONTOSO =
      OrganizationId.of("0f3c2a4e-6b7d-4e1f-9a2b-3c4d5e6f7a81");
  private static final OrganizationId FABRIKAM =
      OrganizationId.of("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
  private static final OrganizationId LITWARE =
      OrganizationId.of("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f");

  private final List<AuditEvent> audit = new ArrayList<>();
  private final Entente entente =
      Entente.builder().store(new InMemoryOrganizationStore()).auditSink(audit::add).build();
  private final ConnectedOrganizations organizations = entente.organizations();

  private SyncPlan plan(String json) {
    try (GraphReader export = GRAPH.reader(json)) {
      return SyncPlan.of(export, organizations);
    }
  }

  private static Map<SyncStep.Kind, Long> counts(SyncPlan plan) {
    return plan.steps().stream()
        .collect(Collectors.groupingBy(SyncStep::kind, Collectors.counting()));
  }

  @Test
  @DisplayName("planning writes nothing; applying creates every organization with its Graph id")
  void planningWritesNothingAndApplyingCreatesWithGraphIds() {
    SyncPlan plan = plan(Fixtures.read("/graph/sample-export.json"));
    assertEquals(Map.of(SyncStep.Kind.CREATE, 4L), counts(plan));
    assertTrue(organizations.list(PageRequest.first()).items().isEmpty());
    assertTrue(audit.isEmpty());

    SyncReport report = plan.apply();
    assertEquals(4, report.applied());
    assertEquals(0, report.failed());
    ConnectedOrganization contoso = organizations.get(CONTOSO).orElseThrow();
    assertEquals("Contoso", contoso.displayName());
    assertEquals(Instant.parse("2019-06-03T09:12:44.5Z"), contoso.createdAt());
    assertEquals(SyncPlan.IMPORTER, contoso.createdBy());
    assertEquals(1, contoso.internalSponsors().size());
    assertEquals(4, audit.size());
    assertTrue(audit.stream().allMatch(e -> e.actor().equals(SyncPlan.IMPORTER)));
  }

  @Test
  @DisplayName("applying the same export twice changes nothing the second time (R-GPH-3)")
  void applyingTheSameExportTwiceChangesNothingTheSecondTime() {
    String export = Fixtures.read("/graph/sample-export.json");
    plan(export).apply();
    List<ConnectedOrganization> before = organizations.list(PageRequest.first()).items();
    int events = audit.size();

    SyncPlan again = plan(export);
    assertEquals(Map.of(SyncStep.Kind.UNCHANGED, 4L), counts(again));
    assertTrue(again.changesNothing());
    assertEquals(0, again.apply().applied());
    assertEquals(before, organizations.list(PageRequest.first()).items());
    assertEquals(events, audit.size());
  }

  @Test
  @DisplayName("an interrupted apply is finished by planning and applying again")
  void anInterruptedApplyIsFinishedByPlanningAgain() {
    String export = Fixtures.read("/graph/sample-export.json");
    // As if the first apply stopped after Contoso: only it is in the store.
    SyncPlan first = plan(export);
    SyncStep contoso =
        first.steps().stream()
            .filter(s -> s.id().orElseThrow().equals(CONTOSO))
            .findFirst()
            .orElseThrow();
    organizations.create(
        OrganizationDraft.named("Contoso")
            .id(CONTOSO)
            .createdAt(contoso.incoming().orElseThrow().createdAt())
            .description("Supplier since 2019")
            .identitySources(contoso.incoming().orElseThrow().identitySources())
            .internalSponsors(contoso.incoming().orElseThrow().internalSponsors())
            .build(),
        SyncPlan.IMPORTER);

    SyncPlan rest = plan(export);
    assertEquals(Map.of(SyncStep.Kind.CREATE, 3L, SyncStep.Kind.UNCHANGED, 1L), counts(rest));
    assertEquals(3, rest.apply().applied());
    assertTrue(plan(export).changesNothing());
  }

  @Test
  @DisplayName("a changed organization is updated in just the fields that differ, as one version")
  void aChangedOrganizationIsUpdatedInJustTheFieldsThatDiffer() {
    String export = Fixtures.read("/graph/sample-export.json");
    plan(export).apply();
    ConnectedOrganization litware = organizations.get(LITWARE).orElseThrow();
    organizations.update(
        LITWARE,
        litware.version(),
        OrganizationChanges.builder()
            .displayName("Litware Inc")
            .state(OrganizationState.CONFIGURED)
            .build(),
        Actor.administrator("alice"));

    SyncPlan plan = plan(export);
    SyncStep step =
        plan.steps().stream()
            .filter(s -> s.kind() == SyncStep.Kind.UPDATE)
            .findFirst()
            .orElseThrow();
    assertEquals(LITWARE, step.id().orElseThrow());
    assertEquals(Set.of("displayName", "state"), step.changedFields());
    assertTrue(step.toString().startsWith("update"), step.toString());
    plan.apply();
    ConnectedOrganization after = organizations.get(LITWARE).orElseThrow();
    assertEquals("Litware", after.displayName());
    assertEquals(OrganizationState.PROPOSED, after.state());
    assertEquals(litware.version().next().next(), after.version());
  }

  @Test
  @DisplayName("an export without sponsors leaves the store's sponsors as they are")
  void anExportWithoutSponsorsLeavesTheStoresSponsors() {
    String export = Fixtures.read("/graph/sample-export.json");
    plan(export).apply();
    String withoutSponsors =
        export.replaceAll("(?s)\"(internal|external)Sponsors\": \\[[^\\]]*\\],?", "");
    SyncPlan plan = plan(withoutSponsors);
    assertTrue(plan.changesNothing(), plan::toString);
    assertEquals(1, organizations.get(CONTOSO).orElseThrow().internalSponsors().size());
  }

  @Test
  @DisplayName(
      "a source another organization keeps is a conflict naming it, and nothing is written")
  void aSourceAnotherOrganizationKeepsIsAConflictNamingIt() {
    ConnectedOrganization local =
        organizations.create(
            OrganizationDraft.named("Litware (local)")
                .addIdentitySources(EmailDomain.of(DomainName.of("litware.example")))
                .build(),
            Actor.administrator("alice"));
    SyncPlan plan = plan(Fixtures.read("/graph/sample-export.json"));
    SyncStep conflict =
        plan.steps().stream()
            .filter(s -> s.kind() == SyncStep.Kind.CONFLICT)
            .findFirst()
            .orElseThrow();
    assertEquals(LITWARE, conflict.id().orElseThrow());
    assertEquals(local.id(), conflict.conflictWith().orElseThrow().id());
    assertEquals(1, plan.count(SyncStep.Kind.ONLY_IN_STORE));
    assertTrue(plan.toString().contains("Litware (local)"), plan::toString);
    assertEquals(3, plan.apply().applied());
    assertFalse(organizations.get(LITWARE).isPresent());
  }

  @Test
  @DisplayName("an organization moving a source to another is applied release first")
  void aSourceMovingBetweenOrganizationsIsReleasedFirst() {
    plan(Fixtures.read("/graph/sample-export.json")).apply();
    // Entra moved litware.example from Litware to Fabrikam (listed first in the export).
    String moved =
        Fixtures.read("/graph/sample-export.json")
            .replace(
                "\"domainName\": \"litware.example\"", "\"domainName\": \"litware-old.example\"");
    String fabrikamTakes =
        moved.replace(
            "\"identitySources\": [\n        {\n          \"@odata.type\": \"#microsoft.graph.externalDomainFederation\",",
            "\"identitySources\": [\n        {\"@odata.type\": \"#microsoft.graph.domainIdentitySource\", \"domainName\": \"litware.example\"},\n        {\n          \"@odata.type\": \"#microsoft.graph.externalDomainFederation\",");
    SyncPlan plan = plan(fabrikamTakes);
    assertEquals(2, plan.count(SyncStep.Kind.UPDATE), plan::toString);
    SyncReport report = plan.apply();
    assertEquals(0, report.failed(), report::toString);
    assertEquals(2, organizations.get(FABRIKAM).orElseThrow().identitySources().size());
  }

  @Test
  @DisplayName("unreadable entries are listed invalid with their pointer; the rest still imports")
  void unreadableEntriesAreListedInvalidWithTheirPointer() {
    String export =
        Fixtures.read("/graph/sample-export.json")
            .replace(
                "\"state\": \"proposed\",\n      \"createdDateTime\": \"2023",
                "\"state\": \"unknownFutureValue\",\n      \"createdDateTime\": \"2023")
            .replace("#Microsoft.Graph.DomainIdentitySource", "#microsoft.graph.somethingNew");
    SyncPlan plan = plan(export);
    List<SyncStep> invalid =
        plan.steps().stream().filter(s -> s.kind() == SyncStep.Kind.INVALID).toList();
    assertEquals(2, invalid.size(), plan::toString);
    Function<SyncStep, String> pointer = s -> s.problem().orElseThrow().pointer();
    assertEquals("/value/1/state", pointer.apply(invalid.get(0)));
    assertEquals("/value/1/identitySources/0/@odata.type", pointer.apply(invalid.get(1)));
    assertEquals(2, plan.apply().applied());
  }
}
