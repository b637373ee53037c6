package dev.entente.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.entra.fake.Faults;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import dev.entente.spi.DomainResolution;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Discovery, as the portal's "add directory + domain" (R-ENT-3, R-MGT-3). */
class DiscoveryTest {
  private static final String CONTOSO = "11111111-1111-1111-1111-111111111111";
  private static final String AGENCY = "22222222-2222-2222-2222-222222222222";
  private static final String CHINA = "33333333-3333-3333-3333-333333333333";

  private static Connections tenants() {
    Connections c = new Connections(FakeEntra.builder());
    c.entra
        .addTenant(Cloud.GLOBAL, CONTOSO, "Contoso Ltd", "Contoso.onmicrosoft.com", "contoso.com")
        .addTenant(
            Cloud.US_GOVERNMENT,
            AGENCY.toUpperCase(),
            "Agency",
            "agency.onmicrosoft.us",
            "agency.gov")
        .addTenant(
            Cloud.CHINA, CHINA, "Example China", "example.partner.onmschina.cn", "example.cn")
        .addFederation(
            "Fabrikam IdP", "https://sts.fabrikam.com/adfs/services/trust", "fabrikam.com")
        // A federation the host configured wins over the tenant that verified the domain.
        .addFederation("Contoso legacy IdP", "https://sts.contoso.net/trust", "contoso.net")
        .addTenant(
            Cloud.GLOBAL, "44444444-4444-4444-4444-444444444444", "Contoso Net", "contoso.net");
    return c;
  }

  @Test
  void eachDomainIsClassifiedAsThePortalWouldR_ENT_3() {
    Connections c = tenants();
    try (FakeEntra entra = c.entra) {
      EntraDirectory directory = c.connection().directory(Duration.ofMinutes(10));
      entra.resetCounts();

      DomainResolution global = directory.resolve(DomainName.of("CONTOSO.com"));
      assertEquals(
          new DomainResolution.Tenant(
              TenantId.of(CONTOSO),
              Cloud.GLOBAL,
              "Contoso Ltd",
              Set.of(DomainName.of("contoso.com"), DomainName.of("contoso.onmicrosoft.com"))),
          global);

      DomainResolution.Tenant gov =
          assertInstanceOf(
              DomainResolution.Tenant.class, directory.resolve(DomainName.of("agency.gov")));
      assertEquals(TenantId.of(AGENCY), gov.tenantId());
      assertEquals(Cloud.US_GOVERNMENT, gov.cloud());

      DomainResolution.Tenant china =
          assertInstanceOf(
              DomainResolution.Tenant.class, directory.resolve(DomainName.of("example.cn")));
      assertEquals(Cloud.CHINA, china.cloud());
      assertEquals(TenantId.of(CHINA), china.tenantId());
      assertEquals("example.cn", china.name(), "no tenant information outside the global cloud");

      assertEquals(
          new DomainResolution.Federated(
              DomainName.of("fabrikam.com"),
              IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
              "Fabrikam IdP"),
          directory.resolve(DomainName.of("Fabrikam.COM")));
      assertInstanceOf(
          DomainResolution.Federated.class, directory.resolve(DomainName.of("contoso.net")));

      EntraDirectory.Discovery unknown = directory.discover(DomainName.of("nobody.example"));
      assertEquals(
          new DomainResolution.Unknown(DomainName.of("nobody.example")), unknown.resolution());
      assertTrue(unknown.why().contains("AADSTS90002"), unknown.why());
      assertTrue(entra.loginRequestCount() >= 6, "the OpenID configurations were asked for");
    }
  }

  @Test
  void aRepeatLookupAnswersFromMemoryNegativeOnesTooUntilTheTtlR_ENT_3() {
    Connections c = tenants();
    try (FakeEntra entra = c.entra) {
      EntraDirectory directory = c.connection().directory(Duration.ofMinutes(10));
      directory.resolve(DomainName.of("contoso.com"));
      directory.resolve(DomainName.of("nobody.example"));
      long graph = entra.requestCount();
      long login = entra.loginRequestCount();
      for (int i = 0; i < 5; i++) {
        directory.resolve(DomainName.of("contoso.com"));
        directory.resolve(DomainName.of("nobody.example"));
      }
      assertEquals(graph, entra.requestCount());
      assertEquals(login, entra.loginRequestCount());

      c.time.sleep(Duration.ofMinutes(11));
      directory.resolve(DomainName.of("nobody.example"));
      assertTrue(entra.loginRequestCount() > login, "asked again after the TTL");
    }
  }

  @Test
  void theManagementServicePreviewsADomainThroughDiscoveryR_MGT_3() {
    Connections c = tenants();
    try (FakeEntra entra = c.entra) {
      Entente entente =
          Entente.builder()
              .directoryLookup(c.connection().directory(Duration.ofMinutes(5)))
              .build();
      assertEquals(
          EntraTenant.of(TenantId.of(CONTOSO), Cloud.GLOBAL, "Contoso Ltd"),
          entente.organizations().preview(DomainName.of("contoso.com")).source());
      assertInstanceOf(
          Federation.class,
          entente.organizations().preview(DomainName.of("fabrikam.com")).source());
      assertEquals(
          Optional.of("Contoso Ltd"),
          c.connection().directory(Duration.ZERO).tenantName(Cloud.GLOBAL, TenantId.of(CONTOSO)));
      assertTrue(entra.requestCount() > 0);
    }
  }

  @Test
  void aFailureIsTypedAndNotRememberedR_ENT_3() {
    Connections c = tenants();
    try (FakeEntra entra = c.entra) {
      EntraDirectory directory =
          c.connection(Cloud.GLOBAL)
              .retries(
                  new Retries(
                      1,
                      Duration.ofMillis(10),
                      Duration.ofMillis(10),
                      0,
                      Duration.ofSeconds(30),
                      Duration.ofMinutes(10)))
              .build()
              .directory(Duration.ofHours(1));
      entra.faults(Faults.none().unavailable(1.0));
      EntraException e =
          assertThrows(EntraException.class, () -> directory.resolve(DomainName.of("contoso.com")));
      assertEquals(EntraException.Reason.UNAVAILABLE, e.reason());
      entra.faults(Faults.none());
      assertInstanceOf(
          DomainResolution.Tenant.class, directory.resolve(DomainName.of("contoso.com")));
    }
  }
}
