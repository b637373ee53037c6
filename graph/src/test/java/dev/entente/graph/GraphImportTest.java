package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.ImportStep;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A Graph export feeds the import plan keyed by Graph id and JSON pointer (R-GPH-3)")
class GraphImportTest {
  private static final GraphJson GRAPH = GraphJson.forCloud(Cloud.GLOBAL);
  private static final OrganizationId CONTOSO =
      OrganizationId.of("0f3c2a4e-6b7d-4e1f-9a2b-3c4d5e6f7a81");

  private final List<AuditEvent> audit = new ArrayList<>();
  private final Entente entente =
      Entente.builder().store(new InMemoryOrganizationStore()).auditSink(audit::add).build();
  private final ConnectedOrganizations organizations = entente.organizations();

  private ImportPlan plan(String json) {
    try (GraphReader export = GRAPH.reader(json)) {
      return export.planImport(organizations);
    }
  }

  private static Map<ImportStep.Kind, Long> counts(ImportPlan plan) {
    return plan.steps().stream()
        .collect(Collectors.groupingBy(ImportStep::kind, Collectors.counting()));
  }

  @Test
  @DisplayName("planning writes nothing; applying creates every organization with its Graph id")
  void planningWritesNothingAndApplyingCreatesWithGraphIds() {
    ImportPlan plan = plan(Fixtures.read("/graph/sample-export.json"));
    assertEquals(Map.of(ImportStep.Kind.CREATE, 4L), counts(plan));
    assertTrue(organizations.list(PageRequest.first()).items().isEmpty());
    assertTrue(audit.isEmpty());

    ImportReport report = plan.apply();
    assertEquals(4, report.applied());
    assertEquals(0, report.refused());
    ConnectedOrganization contoso = organizations.get(CONTOSO).orElseThrow();
    assertEquals("Contoso", contoso.displayName());
    assertEquals(Instant.parse("2019-06-03T09:12:44.5Z"), contoso.createdAt());
    assertEquals(ImportPlan.IMPORTER, contoso.createdBy());
    assertEquals(1, contoso.internalSponsors().size());
    assertEquals(4, audit.size());
    assertTrue(audit.stream().allMatch(e -> e.actor().equals(ImportPlan.IMPORTER)));
  }

  @Test
  @DisplayName("applying the same export twice changes nothing the second time (R-GPH-3)")
  void applyingTheSameExportTwiceChangesNothingTheSecondTime() {
    String export = Fixtures.read("/graph/sample-export.json");
    plan(export).apply();
    List<ConnectedOrganization> before = organizations.list(PageRequest.first()).items();
    int events = audit.size();

    ImportPlan again = plan(export);
    assertEquals(Map.of(ImportStep.Kind.UNCHANGED, 4L), counts(again));
    assertTrue(again.changesNothing());
    assertEquals(0, again.apply().applied());
    assertEquals(before, organizations.list(PageRequest.first()).items());
    assertEquals(events, audit.size());
  }

  @Test
  @DisplayName("an export without sponsors leaves the store's sponsors as they are")
  void anExportWithoutSponsorsLeavesTheStoresSponsors() {
    String export = Fixtures.read("/graph/sample-export.json");
    plan(export).apply();
    String withoutSponsors =
        export.replaceAll("(?s)\"(internal|external)Sponsors\": \\[[^\\]]*\\],?", "");
    ImportPlan plan = plan(withoutSponsors);
    assertTrue(plan.changesNothing(), plan::toString);
    assertEquals(1, organizations.get(CONTOSO).orElseThrow().internalSponsors().size());
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
    ImportPlan plan = plan(export);
    List<ImportStep> invalid =
        plan.steps().stream().filter(s -> s.kind() == ImportStep.Kind.INVALID).toList();
    assertEquals(2, invalid.size(), plan::toString);
    Function<ImportStep, String> pointer =
        s -> ((GraphFormatException) s.problem().orElseThrow()).pointer();
    assertEquals("/value/1/state", pointer.apply(invalid.get(0)));
    assertEquals("/value/1/identitySources/0/@odata.type", pointer.apply(invalid.get(1)));
    assertEquals(2, plan.apply().applied());
  }
}
