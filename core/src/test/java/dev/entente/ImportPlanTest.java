package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.spi.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An import plan reconciles any source of organizations with a store (R-GPH-3)")
class ImportPlanTest {
  private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00Z");
  private static final OrganizationId CONTOSO = id(1);
  private static final OrganizationId FABRIKAM = id(2);
  private static final OrganizationId LITWARE = id(3);

  private final List<AuditEvent> audit = new ArrayList<>();
  private final Entente entente =
      Entente.builder().store(new InMemoryOrganizationStore()).auditSink(audit::add).build();
  private final ConnectedOrganizations organizations = entente.organizations();

  private static OrganizationId id(int n) {
    return OrganizationId.of(String.format("00000000-0000-4000-8000-%012d", n));
  }

  /** An organization as a source (a CSV, another product) has it: one email domain. */
  private static ConnectedOrganization.Builder org(OrganizationId id, String name, String domain) {
    return ConnectedOrganization.builder()
        .id(id)
        .displayName(name)
        .state(OrganizationState.CONFIGURED)
        .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
        .createdAt(CREATED)
        .createdBy(Actor.application("csv"));
  }

  private static List<ConnectedOrganization> source() {
    return List.of(
        org(CONTOSO, "Contoso", "contoso.example").addInternalSponsors(Sponsor.user("u1")).build(),
        org(FABRIKAM, "Fabrikam", "fabrikam.example").build(),
        org(LITWARE, "Litware", "litware.example").state(OrganizationState.PROPOSED).build());
  }

  private ImportPlan plan(List<ConnectedOrganization> orgs, ImportPlan.Sponsors carried) {
    ImportPlan.Builder plan = ImportPlan.builder(organizations);
    for (int i = 0; i < orgs.size(); i++) {
      plan.add("line " + (i + 2), orgs.get(i), carried);
    }
    return plan.build();
  }

  private ImportPlan plan(List<ConnectedOrganization> orgs) {
    return plan(orgs, ImportPlan.Sponsors.BOTH);
  }

  private static Map<ImportStep.Kind, Long> counts(ImportPlan plan) {
    return plan.steps().stream()
        .collect(Collectors.groupingBy(ImportStep::kind, Collectors.counting()));
  }

  private static ImportStep only(ImportPlan plan, ImportStep.Kind kind) {
    List<ImportStep> steps = plan.steps().stream().filter(s -> s.kind() == kind).toList();
    assertEquals(1, steps.size(), plan::toString);
    return steps.get(0);
  }

  @Test
  @DisplayName("planning writes nothing; applying creates each organization with the source's id")
  void planningWritesNothingAndApplyingCreatesWithTheSourcesIds() {
    ImportPlan plan = plan(source());
    assertEquals(Map.of(ImportStep.Kind.CREATE, 3L), counts(plan));
    assertEquals("line 2", plan.steps().get(0).origin());
    assertEquals(0, organizations.all().count());
    assertTrue(audit.isEmpty());

    ImportReport report = plan.apply();
    assertEquals(3, report.applied());
    assertEquals(0, report.refused());
    ConnectedOrganization contoso = organizations.get(CONTOSO).orElseThrow();
    assertEquals(CREATED, contoso.createdAt());
    assertEquals(ImportPlan.IMPORTER, contoso.createdBy());
    assertEquals(Set.of(Sponsor.user("u1")), contoso.internalSponsors());
    assertEquals(3, audit.size());
    assertTrue(audit.stream().allMatch(e -> e.actor().equals(ImportPlan.IMPORTER)));
  }

  @Test
  @DisplayName("applying the same import twice changes nothing the second time (R-GPH-3)")
  void applyingTheSameImportTwiceChangesNothingTheSecondTime() {
    plan(source()).apply(Actor.administrator("alice"));
    List<ConnectedOrganization> before = organizations.all().toList();
    int events = audit.size();

    ImportPlan again = plan(source());
    assertEquals(Map.of(ImportStep.Kind.UNCHANGED, 3L), counts(again));
    assertTrue(again.changesNothing());
    assertEquals(0, again.apply().applied());
    assertEquals(before, organizations.all().toList());
    assertEquals(events, audit.size());
  }

  @Test
  @DisplayName("an apply tells its progress after each create or update, refused ones too")
  void anApplyTellsItsProgressAfterEachStep() {
    plan(source().subList(0, 1)).apply();
    ImportPlan rest = plan(source());
    List<String> told = new java.util.ArrayList<>();
    ImportReport report =
        rest.apply(Actor.administrator("alice"), (done, total) -> told.add(done + "/" + total));
    assertEquals(2, report.applied());
    assertEquals(List.of("1/2", "2/2"), told, "the unchanged organization is no step");
    assertEquals(
        "progress",
        assertThrows(NullPointerException.class, () -> rest.apply(Actor.administrator("a"), null))
            .getMessage());
  }

  @Test
  @DisplayName("an interrupted apply is finished by planning and applying again")
  void anInterruptedApplyIsFinishedByPlanningAgain() {
    plan(source().subList(0, 1)).apply();
    ImportPlan rest = plan(source());
    assertEquals(Map.of(ImportStep.Kind.CREATE, 2L, ImportStep.Kind.UNCHANGED, 1L), counts(rest));
    assertEquals(2, rest.apply().applied());
    assertTrue(plan(source()).changesNothing());
  }

  @Test
  @DisplayName("a changed organization is updated in just the fields that differ, as one version")
  void aChangedOrganizationIsUpdatedInJustTheFieldsThatDiffer() {
    plan(source()).apply();
    ConnectedOrganization litware = organizations.get(LITWARE).orElseThrow();
    organizations.update(
        LITWARE,
        litware.version(),
        OrganizationChanges.builder()
            .displayName("Litware Inc")
            .state(OrganizationState.CONFIGURED)
            .build(),
        Actor.administrator("alice"));

    ImportPlan plan = plan(source());
    ImportStep step = only(plan, ImportStep.Kind.UPDATE);
    assertEquals(LITWARE, step.id().orElseThrow());
    assertEquals(Set.of("displayName", "state"), step.changedFields());
    assertTrue(step.toString().startsWith("update"), step::toString);
    plan.apply();
    ConnectedOrganization after = organizations.get(LITWARE).orElseThrow();
    assertEquals("Litware", after.displayName());
    assertEquals(OrganizationState.PROPOSED, after.state());
    assertEquals(litware.version().next().next(), after.version());
  }

  @Test
  @DisplayName("a sponsor list the source does not carry stays as the store has it")
  void aSponsorListTheSourceDoesNotCarryStaysAsTheStoreHasIt() {
    plan(source()).apply();
    List<ConnectedOrganization> withoutSponsors =
        source().stream()
            .map(o -> ConnectedOrganization.builder().from(o).internalSponsors(Set.of()).build())
            .toList();

    assertTrue(plan(withoutSponsors, ImportPlan.Sponsors.NONE).changesNothing());
    assertTrue(plan(withoutSponsors, ImportPlan.Sponsors.EXTERNAL).changesNothing());
    ImportStep removes =
        only(plan(withoutSponsors, ImportPlan.Sponsors.INTERNAL), ImportStep.Kind.UPDATE);
    assertEquals(Set.of("internalSponsors"), removes.changedFields());

    plan(withoutSponsors, ImportPlan.Sponsors.NONE).apply();
    assertEquals(1, organizations.get(CONTOSO).orElseThrow().internalSponsors().size());
    plan(withoutSponsors, ImportPlan.Sponsors.BOTH).apply();
    assertTrue(organizations.get(CONTOSO).orElseThrow().internalSponsors().isEmpty());
  }

  @Test
  @DisplayName(
      "a source another organization keeps is a conflict naming it, and nothing is written for it"
          + " (R-SRC-2)")
  void aSourceAnotherOrganizationKeepsIsAConflictNamingIt() {
    ConnectedOrganization local =
        organizations.create(
            OrganizationDraft.named("Litware (local)")
                .addIdentitySources(EmailDomain.of(DomainName.of("litware.example")))
                .build(),
            Actor.administrator("alice"));
    ImportPlan plan = plan(source());
    ImportStep conflict = only(plan, ImportStep.Kind.CONFLICT);
    assertEquals(LITWARE, conflict.id().orElseThrow());
    assertEquals(local.id(), conflict.conflictWith().orElseThrow().id());
    assertEquals(
        EmailDomain.of(DomainName.of("litware.example")).key(),
        conflict.conflictKey().orElseThrow());
    assertEquals(local.id(), only(plan, ImportStep.Kind.ONLY_IN_STORE).id().orElseThrow());
    assertTrue(plan.toString().contains("Litware (local)"), plan::toString);
    assertEquals(2, plan.apply().applied());
    assertFalse(organizations.get(LITWARE).isPresent());
    assertTrue(organizations.get(local.id()).isPresent());
  }

  @Test
  @DisplayName("a source moving from one organization to another is applied release first")
  void aSourceMovingBetweenOrganizationsIsReleasedFirst() {
    plan(source()).apply();
    // The source moved litware.example from Litware to Fabrikam, listed before Litware.
    List<ConnectedOrganization> moved =
        List.of(
            source().get(0),
            org(FABRIKAM, "Fabrikam", "fabrikam.example")
                .addIdentitySources(EmailDomain.of(DomainName.of("litware.example")))
                .build(),
            org(LITWARE, "Litware", "litware-old.example")
                .state(OrganizationState.PROPOSED)
                .build());
    ImportPlan plan = plan(moved);
    assertEquals(2, plan.count(ImportStep.Kind.UPDATE), plan::toString);
    ImportReport report = plan.apply();
    assertEquals(0, report.refused(), report::toString);
    assertEquals(LITWARE, report.outcomes().get(0).step().id().orElseThrow());
    assertEquals(2, organizations.get(FABRIKAM).orElseThrow().identitySources().size());
  }

  @Test
  @DisplayName(
      "an organization changed between planning and applying is reported stale, not overwritten")
  void anOrganizationChangedAfterPlanningIsReportedStale() {
    plan(source()).apply();
    ConnectedOrganization litware = organizations.get(LITWARE).orElseThrow();
    organizations.update(
        LITWARE,
        litware.version(),
        OrganizationChanges.builder().description("ours").build(),
        Actor.administrator("alice"));
    ImportPlan plan = plan(source());
    organizations.update(
        LITWARE,
        litware.version().next(),
        OrganizationChanges.builder().displayName("Litware Ltd").build(),
        Actor.administrator("bob"));

    ImportReport report = plan.apply();
    assertEquals(1, report.refused(), report::toString);
    assertInstanceOf(StaleVersionException.class, report.outcomes().get(0).failed().orElseThrow());
    assertEquals("Litware Ltd", organizations.get(LITWARE).orElseThrow().displayName());
    assertTrue(report.toString().startsWith("refused"), report::toString);
  }

  @Test
  @DisplayName("an unreadable entry and a repeated id are listed invalid with their origin")
  void unreadableEntriesAndRepeatedIdsAreListedInvalid() {
    ValidationException unreadable =
        new ValidationException("domain", "-bad-", "is not a domain name", "a DNS domain name");
    ImportPlan plan =
        ImportPlan.builder(organizations)
            .add("line 2", source().get(0))
            .invalid("line 3", unreadable)
            .add("line 4", org(CONTOSO, "Contoso again", "other.example").build())
            .build();
    List<ImportStep> invalid =
        plan.steps().stream().filter(s -> s.kind() == ImportStep.Kind.INVALID).toList();
    assertEquals(2, invalid.size(), plan::toString);
    assertEquals("line 3", invalid.get(0).origin());
    assertEquals(unreadable, invalid.get(0).problem().orElseThrow());
    assertEquals("line 4", invalid.get(1).origin());
    ValidationException repeated = (ValidationException) invalid.get(1).problem().orElseThrow();
    assertEquals("id", repeated.field());
    assertTrue(repeated.getMessage().contains("line 2"), repeated::getMessage);
    assertEquals(1, plan.apply().applied());
    assertEquals("Contoso", organizations.get(CONTOSO).orElseThrow().displayName());
  }

  @Test
  @DisplayName("a builder builds one plan")
  void aBuilderBuildsOnePlan() {
    ImportPlan.Builder builder = ImportPlan.builder(organizations).add("line 2", source().get(0));
    builder.build();
    assertThrows(IllegalStateException.class, builder::build);
    assertThrows(IllegalStateException.class, () -> builder.add("line 3", source().get(1)));
    assertThrows(
        NullPointerException.class,
        () -> ImportPlan.builder(organizations).add(null, source().get(0)));
  }

  /**
   * An organization of a small world: ids, domains and sponsors drawn from few values, so that
   * imports collide with the store and with themselves.
   */
  private static ConnectedOrganization small(
      int idn, int d1, int d2, int sponsor, boolean proposed) {
    ConnectedOrganization.Builder b =
        org(id(idn), "Org " + idn, "d" + d1 + ".example")
            .state(proposed ? OrganizationState.PROPOSED : OrganizationState.CONFIGURED);
    if (d2 != d1) {
      b.addIdentitySources(EmailDomain.of(DomainName.of("d" + d2 + ".example")));
    }
    if (sponsor > 0) {
      b.addInternalSponsors(Sponsor.user("u" + sponsor));
    }
    return b.build();
  }

  private static org.quicktheories.core.Gen<ConnectedOrganization> smallOrganizations() {
    return integers()
        .between(1, 6)
        .zip(integers().between(1, 8), integers().between(1, 8), (a, b, c) -> new int[] {a, b, c})
        .zip(
            integers().between(0, 2),
            integers().between(0, 1),
            (x, s, p) -> small(x[0], x[1], x[2], s, p == 1));
  }

  @Test
  @DisplayName(
      "for all stores and imports, planning again after applying writes only what the store"
          + " refused (R-GPH-3)")
  void planningAgainAfterApplyingWritesOnlyWhatWasRefused() {
    qt().withExamples(300)
        .forAll(
            lists().of(smallOrganizations()).ofSizeBetween(0, 6),
            lists().of(smallOrganizations()).ofSizeBetween(0, 8))
        .checkAssert(
            (existing, incoming) -> {
              ConnectedOrganizations store =
                  Entente.builder().store(new InMemoryOrganizationStore()).build().organizations();
              for (ConnectedOrganization o : existing) {
                if (store.get(o.id()).isEmpty()) {
                  ImportPlan.builder(store).add("seed", o).build().apply();
                }
              }
              ImportPlan.Builder first = ImportPlan.builder(store);
              incoming.forEach(o -> first.add("in", o));
              ImportReport report = first.build().apply();
              Set<OrganizationId> refused = new HashSet<>();
              report.outcomes().stream()
                  .filter(o -> o.failed().isPresent())
                  .forEach(o -> refused.add(o.step().id().orElseThrow()));

              ImportPlan.Builder second = ImportPlan.builder(store);
              incoming.forEach(o -> second.add("in", o));
              ImportPlan again = second.build();
              for (ImportStep step : again.steps()) {
                if (step.kind() == ImportStep.Kind.CREATE
                    || step.kind() == ImportStep.Kind.UPDATE) {
                  assertTrue(refused.contains(step.id().orElseThrow()), again::toString);
                }
              }
              assertEquals(refused.isEmpty(), again.changesNothing(), again::toString);
            });
  }
}
