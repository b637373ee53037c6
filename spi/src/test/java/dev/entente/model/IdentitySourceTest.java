package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.errors.MissingFieldException;
import dev.entente.errors.ValidationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Identity sources (R-SRC-1, R-SRC-2) and sponsors (R-SPN-1)")
class IdentitySourceTest {
  static final TenantId TENANT = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  static final DomainName FABRIKAM = DomainName.of("fabrikam.com");
  static final IssuerUri ISSUER = IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust");

  @Nested
  @DisplayName("keys")
  class Keys {
    @Test
    void aTenantsKeyIsItsCloudAndId() {
      assertEquals(
          IdentitySourceKey.tenant(Cloud.GLOBAL, TENANT),
          EntraTenant.of(TENANT, Cloud.GLOBAL, "Contoso").key());
      assertNotEquals(
          EntraTenant.of(TENANT, Cloud.GLOBAL, "Contoso").key(),
          EntraTenant.of(TENANT, Cloud.US_GOVERNMENT, "Contoso").key());
      assertEquals(
          "tenant:GLOBAL:72f988bf-86f1-41af-91ab-2d7cd011db47",
          IdentitySourceKey.tenant(Cloud.GLOBAL, TENANT).toString());
    }

    @Test
    void anEmailDomainAndAFederationOnOneDomainShareOneKey() {
      assertEquals(
          EmailDomain.of(FABRIKAM).key(), Federation.of(FABRIKAM, ISSUER, "Fabrikam").key());
      assertEquals("domain:fabrikam.com", EmailDomain.of(FABRIKAM).key().toString());
    }

    @Test
    void aSocialSourcesKeyIsItsProvider() {
      assertEquals(
          IdentitySourceKey.provider(AccountProvider.GOOGLE),
          SocialProvider.of(AccountProvider.GOOGLE).key());
    }

    @Test
    void aKeyDoesNotDependOnTheDisplayName() {
      assertEquals(EmailDomain.of(FABRIKAM, "Fabrikam").key(), EmailDomain.of(FABRIKAM).key());
      assertNotEquals(EmailDomain.of(FABRIKAM, "Fabrikam"), EmailDomain.of(FABRIKAM));
    }
  }

  @Nested
  @DisplayName("defaults and Graph types")
  class Defaults {
    @Test
    void displayNamesDefaultToWhatTheSourceAdmits() {
      assertEquals("fabrikam.com", EmailDomain.of(DomainName.of("FABRIKAM.com")).displayName());
      assertEquals(
          "xn--bcher-kva.example", EmailDomain.of(DomainName.of("bücher.example")).displayName());
      assertEquals(
          "Microsoft account", SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT).displayName());
      assertEquals(TENANT.toString(), EntraTenant.builder().tenantId(TENANT).build().displayName());
      assertEquals(Cloud.GLOBAL, EntraTenant.builder().tenantId(TENANT).build().cloud());
      assertEquals(
          "fabrikam.com",
          Federation.builder().domainName(FABRIKAM).issuerUri(ISSUER).build().displayName());
    }

    @Test
    @DisplayName("an email domain and a federation hold their domain; a tenant and a provider none")
    void onlyEmailDomainsAndFederationsHoldADomain() {
      assertEquals(Optional.of(FABRIKAM), EmailDomain.of(FABRIKAM).domain());
      assertEquals(Optional.of(FABRIKAM), Federation.of(FABRIKAM, ISSUER, "F").domain());
      assertEquals(Optional.empty(), EntraTenant.of(TENANT, Cloud.CHINA, "C").domain());
      assertEquals(Optional.empty(), SocialProvider.of(AccountProvider.FACEBOOK).domain());
      for (IdentitySource source :
          List.of(
              EmailDomain.of(FABRIKAM),
              Federation.of(FABRIKAM, ISSUER, "F"),
              EntraTenant.of(TENANT, Cloud.CHINA, "C"),
              SocialProvider.of(AccountProvider.GOOGLE))) {
        assertEquals(
            source.domain().map(IdentitySourceKey::domain),
            source.key() instanceof IdentitySourceKey.Domain
                ? Optional.of(source.key())
                : Optional.empty(),
            "the domain a source holds is the domain of its key (R-SRC-2)");
      }
    }

    @Test
    void displayNamesAreTrimmed() {
      assertEquals("Fabrikam", EmailDomain.of(FABRIKAM, "  Fabrikam ").displayName());
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {
    @Test
    void aSourceWithAnEmptyDisplayNameIsRefused() {
      assertEquals(
          "displayName",
          assertThrows(ValidationException.class, () -> EmailDomain.of(FABRIKAM, " ")).field());
      assertEquals(
          "displayName",
          assertThrows(ValidationException.class, () -> EntraTenant.of(TENANT, Cloud.GLOBAL, ""))
              .field());
      assertEquals(
          "displayName",
          assertThrows(ValidationException.class, () -> Federation.of(FABRIKAM, ISSUER, "\u0007"))
              .field());
      assertEquals(
          "displayName",
          assertThrows(
                  ValidationException.class,
                  () ->
                      SocialProvider.builder()
                          .provider(AccountProvider.GOOGLE)
                          .displayName("\u2066x")
                          .build())
              .field());
    }

    @Test
    void aSourceWithoutWhatItAdmitsNamesTheMissingField() {
      assertEquals(
          java.util.List.of("tenantId"),
          assertThrows(MissingFieldException.class, () -> EntraTenant.builder().build()).fields());
      assertEquals(
          java.util.List.of("issuerUri"),
          assertThrows(
                  MissingFieldException.class,
                  () -> Federation.builder().domainName(FABRIKAM).build())
              .fields());
    }

    @Test
    void aSponsorIdOutsideVisibleAsciiIsRefused() {
      assertEquals(
          "id", assertThrows(ValidationException.class, () -> Sponsor.user("has space")).field());
      assertEquals("id", assertThrows(ValidationException.class, () -> Sponsor.group("")).field());
      assertEquals(
          "displayName",
          assertThrows(ValidationException.class, () -> Sponsor.of(Sponsor.Kind.USER, "u1", "\n"))
              .field());
    }
  }
}
