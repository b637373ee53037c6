package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EntraTenant;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ForwardingOrganizationStore;
import dev.entente.spi.OrganizationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Entente serves host directories, each alone (R-DIR-1, R-DIR-4)")
class DirectoriesTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final TenantId CONTOSO = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  private static final HostDirectory FABRIKAM = HostDirectory.of("fabrikam");
  private static final HostDirectory LITWARE = HostDirectory.of("litware");
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());

  private static OrganizationDraft contoso() {
    return OrganizationDraft.named("Contoso")
        .addIdentitySources(EntraTenant.of(CONTOSO, Cloud.GLOBAL, "Contoso"))
        .build();
  }

  @Test
  @DisplayName(
      "R-DIR-1: a directory's writes, audit events, listener calls, decisions, imports and"
          + " advisories are its own")
  void everythingOfADirectoryIsItsOwn() {
    List<AuditEvent> audited = new ArrayList<>();
    List<String> decided = new ArrayList<>();
    Entente deployment =
        Entente.builder()
            .auditSink(audited::add)
            .listener(
                new EntenteListener() {
                  @Override
                  public void decided(HostDirectory directory, AccessDecision decision) {
                    decided.add(directory + " " + decision.eligible());
                  }
                })
            .build();
    assertEquals(HostDirectory.DEFAULT, deployment.directory(), "the default directory (R-DIR-4)");
    Entente fabrikam = deployment.directory(FABRIKAM);
    Entente litware = deployment.directory(LITWARE);
    assertSame(fabrikam, deployment.directory(FABRIKAM), "one Entente a directory");
    assertSame(fabrikam, litware.directory(FABRIKAM), "whichever directory asks");
    assertEquals(FABRIKAM, fabrikam.directory());

    ConnectedOrganization created = fabrikam.organizations().create(contoso(), ADMIN);
    assertEquals(FABRIKAM, audited.get(0).directory(), "the audit event names its directory");
    assertTrue(audited.get(0).summary().contains("in fabrikam"), audited.get(0).summary());

    Requestor dana = Requestor.entraUser(CONTOSO, Cloud.GLOBAL);
    assertTrue(fabrikam.matcher().evaluate(dana, PARTNERS).eligible());
    assertFalse(litware.matcher().evaluate(dana, PARTNERS).eligible());
    assertFalse(deployment.matcher().evaluate(dana, PARTNERS).eligible());
    assertEquals(List.of("fabrikam true", "litware false", "default false"), decided);

    assertEquals(Optional.empty(), litware.organizations().get(created.id()));
    ConnectedOrganization twin = litware.organizations().create(contoso(), ADMIN);
    assertEquals(2, audited.size(), "the same tenant connected in another directory");
    assertEquals(LITWARE, audited.get(1).directory());

    Entente northwind = deployment.directory(HostDirectory.of("northwind"));
    ImportStep inNorthwind =
        ImportPlan.builder(northwind.organizations()).add("line 1", created).build().steps().get(0);
    assertEquals(
        ImportStep.Kind.CREATE,
        inNorthwind.kind(),
        "an import plan compares with its own directory's store: fabrikam's is new there");
    ImportStep inLitware =
        ImportPlan.builder(litware.organizations()).add("line 1", created).build().steps().get(0);
    assertEquals(ImportStep.Kind.CONFLICT, inLitware.kind(), "litware's own twin holds the tenant");
    assertTrue(inLitware.toString().contains(twin.id().toString()), inLitware.toString());
    assertEquals(List.of(FABRIKAM, LITWARE), deployment.directories(Optional.empty(), 10));
  }

  @Test
  @DisplayName(
      "R-DIR-1: an Entente on a store of one directory refuses another, naming the directory")
  void aStoreOfOneDirectoryServesNoOther() {
    OrganizationStore one =
        new ForwardingOrganizationStore() {
          private final InMemoryOrganizationStore real = new InMemoryOrganizationStore();

          @Override
          protected OrganizationStore delegate() {
            return real;
          }
        };
    Entente entente = Entente.builder().store(one).build();
    ValidationException refused =
        assertThrows(ValidationException.class, () -> entente.directory(FABRIKAM));
    assertEquals("directory", refused.field());
    assertTrue(refused.getMessage().contains("fabrikam"), refused.getMessage());
    ValidationException listing =
        assertThrows(ValidationException.class, () -> entente.directories(Optional.empty(), 10));
    assertEquals("directories", listing.field());
    assertEquals(HostDirectory.DEFAULT, entente.directory(), "the store's own directory");
    ConnectedOrganization created = entente.organizations().create(contoso(), ADMIN);
    assertEquals(Optional.of(created), one.get(created.id()));
  }

  @Test
  @DisplayName("R-DIR-1: an Entente on one directory's store serves that directory")
  void anEntenteServesItsStoresDirectory() {
    InMemoryOrganizationStore root = new InMemoryOrganizationStore();
    Entente litware = Entente.builder().store(root.inDirectory(LITWARE)).build();
    assertEquals(LITWARE, litware.directory());
    ConnectedOrganization twin = litware.organizations().create(contoso(), ADMIN);
    assertEquals(1, root.inDirectory(LITWARE).size());
    assertEquals(0, root.size(), "nothing in the default directory");
    assertEquals(List.of(LITWARE), root.directories(Optional.empty(), 10));
  }

  @Test
  @DisplayName(
      "R-DIR-1: a routed Entente acts in the directory of each call — its organizations and"
          + " matcher, held once, write, decide, audit and tell listeners there — and a call with no"
          + " directory fails and writes nothing")
  void aRoutedEntenteActsInTheDirectoryOfEachCall() {
    List<AuditEvent> audited = new ArrayList<>();
    List<String> decided = new ArrayList<>();
    Entente deployment =
        Entente.builder()
            .auditSink(audited::add)
            .listener(
                new EntenteListener() {
                  @Override
                  public void decided(HostDirectory directory, AccessDecision decision) {
                    decided.add(directory + " " + decision.eligible());
                  }
                })
            .build();
    ThreadLocal<HostDirectory> current = new ThreadLocal<>();
    Entente routed =
        deployment.routed(
            () -> {
              HostDirectory d = current.get();
              if (d == null) {
                throw new IllegalStateException("no directory is current");
              }
              return d;
            });
    ConnectedOrganizations organizations = routed.organizations(); // held, as a bean is
    dev.entente.access.AccessRequestMatcher matcher = routed.matcher();

    current.set(FABRIKAM);
    assertEquals(FABRIKAM, routed.directory());
    assertEquals(FABRIKAM, organizations.directory());
    ConnectedOrganization created = organizations.create(contoso(), ADMIN);
    assertEquals(FABRIKAM, audited.get(0).directory());
    Requestor dana = Requestor.entraUser(CONTOSO, Cloud.GLOBAL);
    assertTrue(matcher.evaluate(dana, PARTNERS).eligible());

    current.set(LITWARE);
    assertEquals(LITWARE, organizations.directory());
    assertFalse(matcher.evaluate(dana, PARTNERS).eligible(), "Contoso is fabrikam's");
    assertTrue(organizations.get(created.id()).isEmpty(), "not visible in litware");
    assertEquals(0, organizations.all().count());
    ConnectedOrganization inLitware = organizations.create(contoso(), ADMIN); // its own, no clash
    assertEquals(LITWARE, audited.get(1).directory());
    assertEquals(List.of("fabrikam true", "litware false"), decided);

    current.remove();
    ValidationException none =
        assertThrows(ValidationException.class, () -> organizations.create(contoso(), ADMIN));
    assertEquals("directory", none.field());
    assertTrue(none.getMessage().contains("no directory is current"), none.getMessage());
    assertThrows(ValidationException.class, () -> matcher.evaluate(dana, PARTNERS));
    assertEquals(2, audited.size(), "nothing written without a directory");
    assertEquals(
        List.of(created.id()),
        deployment.directory(FABRIKAM).organizations().all().map(o -> o.id()).toList());
    assertEquals(
        List.of(inLitware.id()),
        deployment.directory(LITWARE).organizations().all().map(o -> o.id()).toList());
    assertSame(deployment.directory(FABRIKAM), routed.directory(FABRIKAM), "named: the same");
  }

  @Test
  @DisplayName(
      "R-DIR-1, R-XTA-2: each directory's invitation gate decides its own requests, asked at each"
          + " decision, and a routed Entente uses the gate of the call's directory")
  void eachDirectoryHasItsOwnGate() {
    java.util.Map<HostDirectory, dev.entente.access.InvitationGate> gates =
        new java.util.concurrent.ConcurrentHashMap<>();
    gates.put(FABRIKAM, dev.entente.access.InvitationGate.none());
    gates.put(
        LITWARE,
        dev.entente.access.InvitationGate.of(
            dev.entente.access.CollaborationRestrictions.none(),
            dev.entente.access.CrossTenantAccess.builder()
                .defaultInbound(dev.entente.access.CrossTenantAccess.B2BSetting.blockAll())
                .build()));
    Entente deployment =
        Entente.builder()
            .gates(d -> gates.getOrDefault(d, dev.entente.access.InvitationGate.none()))
            .build();
    Policy all = Policy.withoutApproval("all", RequestorScope.allExternalUsers());
    Requestor user = Requestor.entraUser(CONTOSO, Cloud.GLOBAL);
    assertTrue(deployment.directory(FABRIKAM).matcher().evaluate(user, all).eligible());
    assertFalse(deployment.directory(LITWARE).matcher().evaluate(user, all).eligible());
    assertFalse(
        deployment
            .directory(LITWARE)
            .matcher(dev.entente.access.CollaborationRestrictions.none())
            .evaluate(user, all)
            .eligible(),
        "another domain list keeps the directory's cross-tenant access settings");
    HostDirectory[] current = {FABRIKAM};
    Entente routed = deployment.routed(() -> current[0]);
    assertTrue(routed.matcher().evaluate(user, all).eligible());
    current[0] = LITWARE;
    assertFalse(routed.matcher().evaluate(user, all).eligible());
    gates.put(
        LITWARE, dev.entente.access.InvitationGate.none()); // the settings change: next decision
    assertTrue(deployment.directory(LITWARE).matcher().evaluate(user, all).eligible());
    assertThrows(
        dev.entente.errors.ValidationException.class,
        () ->
            Entente.builder()
                .restrictions(dev.entente.access.CollaborationRestrictions.deny(List.of("a.com")))
                .gates(d -> dev.entente.access.InvitationGate.none())
                .build());
    Entente failing =
        Entente.builder()
            .gates(
                d -> {
                  throw new IllegalStateException("settings store down");
                })
            .build();
    assertThrows(
        dev.entente.errors.PortFailureException.class, () -> failing.matcher().evaluate(user, all));
  }
}
