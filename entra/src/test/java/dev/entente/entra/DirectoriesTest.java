package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.embedded.InMemorySyncLedger;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.HostDirectory;
import dev.entente.spi.DomainResolution;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A connection to Entra belongs to one host directory (R-DIR-1, R-ENT-1, R-ENT-3)")
class DirectoriesTest {
  private static final HostDirectory A = HostDirectory.of("customer-a");
  private static final HostDirectory B = HostDirectory.of("customer-b");

  @Test
  @DisplayName(
      "pull, push and sync write into the connection's directory only: another directory's"
          + " organizations are refused before anything is planned or written")
  void aConnectionWritesIntoItsDirectoryOnly() {
    Connections c = new Connections(FakeEntra.builder());
    try (FakeEntra entra = c.entra) {
      Seeds.organizations(entra, 5);
      Entente deployment = Entente.inMemory();
      Entra connection = c.connection(Cloud.GLOBAL).hostDirectory(A).build();
      assertEquals(A, connection.hostDirectory());
      EntraSnapshot tenant = connection.pull();

      for (Entente wrong : new Entente[] {deployment, deployment.directory(B)}) {
        ValidationException refused =
            assertThrows(ValidationException.class, () -> tenant.planImport(wrong.organizations()));
        assertEquals("organizations", refused.field());
        assertTrue(refused.getMessage().contains("directory " + A), refused.getMessage());
        assertThrows(ValidationException.class, () -> tenant.planPush(wrong.organizations()));
        assertThrows(
            ValidationException.class,
            () ->
                EntraSync.builder(
                    connection, wrong.organizations(), InMemorySyncLedger.create(c.time)));
        assertEquals(0, wrong.organizations().all().count(), "nothing written");
      }

      ImportPlan plan = tenant.planImport(deployment.directory(A).organizations());
      assertEquals(0, plan.apply().refused());
      assertEquals(5, deployment.directory(A).organizations().all().count());
      assertEquals(0, deployment.directory(B).organizations().all().count());
      assertEquals(0, deployment.organizations().all().count());
      EntraSync.builder(
              connection,
              deployment.directory(A).organizations(),
              InMemorySyncLedger.create(c.time))
          .build()
          .close();
    }
  }

  @Test
  @DisplayName(
      "connections of two directories share what discovery learns of the public world, and keep"
          + " each its own host's federations")
  void publicFactsAreSharedFederationsAreNot() {
    Connections hostA = new Connections(FakeEntra.builder());
    Connections hostB = new Connections(FakeEntra.builder());
    try (FakeEntra a = hostA.entra;
        FakeEntra b = hostB.entra) {
      for (FakeEntra world : new FakeEntra[] {a, b}) {
        world.addTenant(
            Cloud.GLOBAL,
            "11111111-1111-1111-1111-111111111111",
            "Contoso Ltd",
            "contoso.onmicrosoft.com",
            "contoso.com");
      }
      a.addFederation(
          "Fabrikam IdP", "https://sts.fabrikam.com/adfs/services/trust", "fabrikam.com");
      EntraPublicFacts shared = new EntraPublicFacts();
      EntraDirectory inA =
          hostA
              .connection(Cloud.GLOBAL)
              .hostDirectory(A)
              .publicFacts(shared)
              .build()
              .directory(Duration.ofMinutes(10));
      EntraDirectory inB =
          hostB
              .connection(Cloud.GLOBAL)
              .hostDirectory(B)
              .publicFacts(shared)
              .build()
              .directory(Duration.ofMinutes(10));

      DomainResolution contosoInA = inA.resolve(DomainName.of("contoso.com"));
      long asked = b.loginRequestCount();
      assertEquals(contosoInA, inB.resolve(DomainName.of("contoso.com")));
      assertEquals(asked, b.loginRequestCount(), "B's connection asked the login host nothing");

      assertInstanceOf(
          DomainResolution.Federated.class, inA.resolve(DomainName.of("fabrikam.com")), "A's own");
      assertInstanceOf(
          DomainResolution.Unknown.class,
          inB.resolve(DomainName.of("fabrikam.com")),
          "B has no federation for it, and never sees A's");
      assertTrue(shared.size() >= 2, shared.toString());
    }
  }
}
