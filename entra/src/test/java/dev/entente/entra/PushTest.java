package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.Faults;
import dev.entente.errors.ValidationException;
import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphRequest;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pushing a plan to the tenant (R-ENT-1): every kind of change, and convergence after failures. */
class PushTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");

  /** A tenant pulled into a local store, then changed locally in every way a push carries. */
  private static final class Scenario implements AutoCloseable {
    final Connections c;
    final Entente local = Entente.inMemory();
    final Entra entra;

    Scenario(Faults faults) {
      c = new Connections(FakeEntra.builder().pageSize(4));
      Seeds.organizations(c.entra, 6);
      entra = c.connection();
      entra.pull().planImport(local.organizations()).apply();
      c.entra.faults(faults);
      ConnectedOrganizations orgs = local.organizations();
      List<ConnectedOrganization> all = orgs.all().toList();
      ConnectedOrganization a = all.get(0);
      orgs.update(
          a.id(),
          a.version(),
          OrganizationChanges.builder().displayName("Renamed").description("pushed").build(),
          ADMIN);
      ConnectedOrganization b = all.get(1);
      Sponsor gone = b.internalSponsors().iterator().next();
      b = orgs.removeInternalSponsor(b.id(), b.version(), gone, ADMIN);
      orgs.addInternalSponsor(
          b.id(), b.version(), Sponsor.of(Sponsor.Kind.USER, Seeds.user(30), "User 30"), ADMIN);
      orgs.create(
          OrganizationDraft.named("New with two sources")
              .addIdentitySources(
                  EntraTenant.of(TenantId.of(new UUID(0xBEEFL, 1)), Cloud.GLOBAL, "New tenant"),
                  EmailDomain.of(DomainName.of("new1.example")))
              .addInternalSponsors(Sponsor.of(Sponsor.Kind.USER, Seeds.user(31), "User 31"))
              .addExternalSponsors(Sponsor.of(Sponsor.Kind.GROUP, Seeds.group(32), "Group 32"))
              .build(),
          ADMIN);
      orgs.create(
          OrganizationDraft.named("New by domain")
              .addIdentitySources(EmailDomain.of(DomainName.of("new2.example")))
              .build(),
          ADMIN);
    }

    EntraPlan plan() {
      return entra.pull().planPush(local.organizations());
    }

    @Override
    public void close() {
      c.entra.close();
    }
  }

  @Test
  void aPushCreatesUpdatesAndChangesSponsorsThenPlansNothingR_ENT_1() {
    try (Scenario s = new Scenario(Faults.none())) {
      EntraPlan plan = s.plan();
      assertTrue(
          plan.requests().stream().anyMatch(GraphRequest::needsGraphId),
          "the plan holds requests after a create\n" + plan);
      PushReport report = s.entra.push(plan);
      assertTrue(report.complete(), report.toString());
      assertEquals(2, report.created().size());
      assertEquals(8, s.c.entra.organizationCount());
      for (PushReport.Outcome o : report.outcomes()) {
        assertFalse(o.request().url().contains(GraphRequest.NEW_ID), o.toString());
      }
      assertEquals(plan.requests().size(), report.outcomes().size());
      for (int i = 0; i < plan.requests().size(); i++) {
        GraphRequest planned = plan.requests().get(i);
        if (planned.needsGraphId()) {
          String created = report.created().get(planned.organization());
          assertEquals(
              planned.withGraphId(created).url(),
              report.outcomes().get(i).request().url(),
              "the created organization's id went into the requests after its create");
        }
      }
      EntraPlan again = s.plan();
      assertTrue(again.changesNothing(), again.toString());

      assertEquals(2, report.adoptIds(s.local.organizations(), ADMIN).size());
      var pulled = s.entra.pull().planImport(s.local.organizations());
      assertTrue(
          pulled.changesNothing(), "the store keys what it created by Entra's id\n" + pulled);
      assertTrue(s.plan().changesNothing());
      assertTrue(s.c.entra.organizationsJson().contains("\"Renamed\""));
    }
  }

  @Test
  void aRequestRightAfterACreateOutlastsReplicationDelayR_ENT_2() {
    try (Scenario s = new Scenario(Faults.none().replicationDelay(3))) {
      PushReport report = s.entra.push(s.plan());
      assertTrue(report.complete(), report.toString());
      assertTrue(s.c.entra.log().stream().anyMatch(r -> r.status() == 404));
      assertTrue(s.plan().changesNothing());
    }
  }

  @Test
  void aRerunAfterAFailureAtAnyStepConvergesR_ENT_1() {
    int writes;
    try (Scenario s = new Scenario(Faults.none())) {
      writes = s.plan().requests().size();
    }
    qt().withExamples(2 * writes)
        .forAll(integers().between(1, writes))
        .checkAssert(
            failing -> {
              try (Scenario s = new Scenario(Faults.none().replicationDelay(1))) {
                s.c.entra.failWrite(failing);
                PushReport first = s.entra.push(s.plan());
                assertEquals(1, first.count(PushReport.Status.FAILED), first.toString());
                PushReport.Outcome failed =
                    first.outcomes().stream()
                        .filter(o -> o.status() == PushReport.Status.FAILED)
                        .findFirst()
                        .orElseThrow();
                assertEquals(500, failed.httpStatus());
                assertEquals(
                    EntraException.Reason.REFUSED, failed.failure().orElseThrow().reason());

                PushReport second = s.entra.push(s.plan());
                assertTrue(second.complete(), "the re-run:\n" + second);
                assertTrue(s.plan().changesNothing(), "after the re-run");
                assertEquals(8, s.c.entra.organizationCount(), "nothing created twice");
              }
            });
  }

  @Test
  void aPlanForAnotherServiceRootIsRefusedBeforeAnythingIsSentR_ENT_2() {
    try (Scenario s = new Scenario(Faults.none())) {
      EntraPlan elsewhere =
          EntraPlan.of(
              GraphJson.forCloud(Cloud.GLOBAL),
              s.entra.pull().organizations(),
              s.local.organizations());
      s.c.entra.resetCounts();
      ValidationException e =
          assertThrows(ValidationException.class, () -> s.entra.push(elsewhere));
      assertEquals("plan", e.field());
      assertEquals(0, s.c.entra.requestCount());
    }
  }

  @Test
  void aPlanThatWouldPassEntrasLimitIsRefusedBeforeAnythingIsSentR_ENT_4() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra fake = c.entra) {
      Seeds.organizations(fake, EntraPlan.TENANT_LIMIT - 1);
      Entra entra = c.connection();
      EntraSnapshot tenant = entra.pull();
      Entente local = Entente.inMemory();
      tenant.planImport(local.organizations()).apply();
      for (String name : new String[] {"first-new.example", "second-new.example"}) {
        local
            .organizations()
            .create(
                OrganizationDraft.named(name)
                    .addIdentitySources(EmailDomain.of(DomainName.of(name)))
                    .build(),
                ADMIN);
      }
      fake.resetCounts();
      ValidationException refused =
          assertThrows(
              ValidationException.class,
              () -> EntraPlan.of(entra.graphJson(), tenant.organizations(), local.organizations()));
      assertEquals("organizations", refused.field());
      assertTrue(refused.getMessage().contains("2500"), refused.getMessage());
      assertTrue(refused.getMessage().contains("2501"), refused.getMessage());
      assertEquals(0, fake.requestCount(), "nothing was sent");

      ConnectedOrganization second =
          local
              .organizations()
              .all()
              .filter(o -> o.displayName().startsWith("second"))
              .findFirst()
              .orElseThrow();
      local.organizations().delete(second.id(), second.version(), ADMIN);
      EntraPlan fits =
          EntraPlan.of(entra.graphJson(), tenant.organizations(), local.organizations());
      assertEquals(
          1,
          fits.requests().stream().filter(r -> r.method() == GraphRequest.Method.POST).count(),
          "the 2,500th fits");
    }
  }

  @Test
  void anEmailDomainEntraKeepsAsItsTenantIsNeitherPatchedBackNorCreatedAgainR_ENT_4() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra fake = c.entra) {
      String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
      fake.addTenant(Cloud.GLOBAL, tenant, "Contoso Ltd", "contoso.onmicrosoft.com", "contoso.com");
      Entra entra = c.connection();
      Entente local = Entente.inMemory();
      local
          .organizations()
          .create(
              OrganizationDraft.named("Contoso")
                  .addIdentitySources(EmailDomain.of(DomainName.of("contoso.com")))
                  .build(),
              ADMIN);

      PushReport created = entra.push(entra.pull().planPush(local.organizations()));
      assertTrue(created.complete(), created.toString());
      String stored = fake.organizationsJson();
      assertTrue(
          stored.contains("azureActiveDirectoryTenant") && stored.contains(tenant),
          "Graph keeps the verified domain as its tenant: " + stored);

      // The create's answer was lost: the store still has its own id. Planned again, the tenant
      // in Entra is the store's email domain: updated in place, not created again.
      EntraPlan again = entra.pull().planPush(local.organizations());
      assertEquals(
          0,
          again.requests().stream().filter(r -> r.method() == GraphRequest.Method.POST).count(),
          again.toString());
      assertTrue(again.changesNothing(), again.toString());

      created.adoptIds(local.organizations(), ADMIN);
      EntraPlan adopted = entra.pull().planPush(local.organizations());
      assertTrue(adopted.changesNothing(), "no PATCH back to the domain: " + adopted);

      // A genuine change is still pushed: a domain no tenant verified.
      ConnectedOrganization org = local.organizations().all().findFirst().orElseThrow();
      local
          .organizations()
          .update(
              org.id(),
              org.version(),
              OrganizationChanges.builder()
                  .identitySources(
                      List.of(EmailDomain.of(DomainName.of("contoso-partners.example"))))
                  .build(),
              ADMIN);
      EntraPlan changed = entra.pull().planPush(local.organizations());
      assertEquals(1, changed.requests().size(), changed.toString());
      assertEquals(GraphRequest.Method.PATCH, changed.requests().get(0).method());
    }
  }

  @Test
  void aPlanAsksDiscoveryNothingWhileNoTenantInEntraIsUnclaimedR_ENT_4() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra fake = c.entra) {
      Seeds.organizations(fake, 9); // tenants among them, all pulled into the store below
      Entra entra = c.connection();
      Entente local = Entente.inMemory();
      entra.pull().planImport(local.organizations()).apply();
      for (int i = 0; i < 30; i++) {
        String domain = "new" + i + ".example";
        local
            .organizations()
            .create(
                OrganizationDraft.named(domain)
                    .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                    .build(),
                ADMIN);
      }
      fake.resetCounts();
      EntraPlan plan = entra.pull().planPush(local.organizations());
      assertEquals(
          30, plan.requests().stream().filter(r -> r.method() == GraphRequest.Method.POST).count());
      assertEquals(0, fake.loginRequestCount(), "no discovery for 30 creates");
    }
  }
}
