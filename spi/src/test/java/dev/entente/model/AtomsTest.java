package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The atoms of the model (R-ORG-1, R-SRC-1)")
class AtomsTest {

  @Nested
  @DisplayName("TenantId")
  class TenantIds {
    @Test
    void aGuidInEitherCaseIsOneTenantInLowerCase() {
      TenantId upper = TenantId.of("72F988BF-86F1-41AF-91AB-2D7CD011DB47");
      TenantId lower = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
      assertEquals(lower, upper);
      assertEquals("72f988bf-86f1-41af-91ab-2d7cd011db47", upper.toString());
    }

    @Test
    void theNilGuidIsRefused() {
      ValidationException e =
          assertThrows(
              ValidationException.class, () -> TenantId.of("00000000-0000-0000-0000-000000000000"));
      assertEquals("tenantId", e.field());
      assertEquals("is the nil GUID", e.problem());
      assertThrows(ValidationException.class, () -> TenantId.of(new UUID(0, 0)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "1-2-3-4-5",
          "72f988bf86f141af91ab2d7cd011db47",
          "{72f988bf-86f1-41af-91ab-2d7cd011db47}",
          "72f988bf-86f1-41af-91ab-2d7cd011db4g",
          "72f988bf_86f1-41af-91ab-2d7cd011db47",
          "72f988bf-86f1-41af-91ab-2d7cd011db4\u0660",
          "contoso.onmicrosoft.com"
        })
    void anythingButTheStrictGuidFormIsRefused(String text) {
      ValidationException e = assertThrows(ValidationException.class, () -> TenantId.of(text));
      assertEquals("tenantId", e.field());
      assertTrue(e.accepted().contains("GUID"));
    }
  }

  @Nested
  @DisplayName("IssuerUri")
  class Issuers {
    @Test
    void schemeAndHostCaseAndTheDefaultPortAreNormalisedButThePathIsKept() {
      assertEquals(
          IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
          IssuerUri.of("HTTPS://STS.Fabrikam.com:443/adfs/services/trust"));
      assertNotEquals(
          IssuerUri.of("https://sts.fabrikam.com/adfs"),
          IssuerUri.of("https://sts.fabrikam.com/ADFS"));
      assertEquals(
          "https://idp.example.org:8443/saml?x=1",
          IssuerUri.of("https://idp.example.org:8443/saml?x=1").toString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "sts.fabrikam.com",
          "/adfs",
          "http://sts.fabrikam.com/",
          "urn:fabrikam:sts",
          "https:///path",
          "https://user@sts.fabrikam.com/",
          "https://sts.fabrikam.com/#frag",
          "https://sts fabrikam.com/",
          "https://stś.fabrikam.com/",
          "https://sts.fabrikam.com/\n",
          "https://[bad/"
        })
    void anythingButAnAbsoluteHttpsUriWithAHostIsRefused(String text) {
      ValidationException e = assertThrows(ValidationException.class, () -> IssuerUri.of(text));
      assertEquals("issuerUri", e.field());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "https://sts.fabrikam.com:99999/adfs",
          "https://sts.fabrikam.com:0/adfs",
          "https://sts.fabrikam.com:65536/"
        })
    void regressionAnIssuerWithAPortOutsideTheTcpRangeWasAccepted(String text) {
      // java.net.URI parses any digits as a port; IssuerUri took https://sts.fabrikam.com:99999/ as
      // an issuer.
      ValidationException e = assertThrows(ValidationException.class, () -> IssuerUri.of(text));
      assertTrue(e.problem().contains("outside 1 to 65535"), e.problem());
      assertEquals(
          "https://sts.fabrikam.com:65535/",
          IssuerUri.of("https://sts.fabrikam.com:65535/").toString());
    }

    @Test
    void anOverlongIssuerIsRefused() {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> IssuerUri.of("https://a.com/" + "x".repeat(IssuerUri.MAX_LENGTH)));
      assertEquals("is too long", e.problem());
    }
  }

  @Nested
  @DisplayName("OrganizationId, Version and Actor")
  class Others {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "has space", "tab\t", "ünïcode"})
    void anOrganizationIdOutsideVisibleAsciiIsRefused(String text) {
      assertEquals(
          "id", assertThrows(ValidationException.class, () -> OrganizationId.of(text)).field());
    }

    @Test
    void anOrganizationIdLongerThanItsLimitIsRefused() {
      assertEquals(
          "is too long",
          assertThrows(
                  ValidationException.class,
                  () -> OrganizationId.of("x".repeat(OrganizationId.MAX_LENGTH + 1)))
              .problem());
      assertEquals(
          "x".repeat(OrganizationId.MAX_LENGTH),
          OrganizationId.of("x".repeat(OrganizationId.MAX_LENGTH)).toString());
    }

    @Test
    void randomOrganizationIdsDiffer() {
      assertNotEquals(OrganizationId.random(), OrganizationId.random());
    }

    @Test
    void versionsStartAtOneAndCount() {
      assertSame(Version.initial(), Version.of(1));
      assertEquals(Version.of(3), Version.initial().next().next());
      assertEquals("version", assertThrows(ValidationException.class, () -> Version.of(0)).field());
    }

    @Test
    void actorsAreAdministratorsApplicationsOrTheSystem() {
      assertEquals(
          "administrator:alice@host.example", Actor.administrator("alice@host.example").toString());
      assertEquals("application:4f6c", Actor.application("4f6c").toString());
      assertEquals("system", Actor.system().toString());
      assertEquals(Actor.application("4f6c"), Actor.application("4f6c"));
      assertNotEquals(Actor.application("4f6c"), Actor.administrator("4f6c"));
      assertEquals(
          "actor.id",
          assertThrows(ValidationException.class, () -> Actor.administrator("")).field());
    }
  }

  @Nested
  @DisplayName("clouds (R-SRC-1)")
  class Clouds {
    @Test
    @DisplayName("each cloud is found by its login host, in any letter case, and no other host is")
    void byLoginHost() {
      for (Cloud cloud : Cloud.values()) {
        assertEquals(java.util.Optional.of(cloud), Cloud.ofLoginHost(cloud.loginHost()));
        assertEquals(
            java.util.Optional.of(cloud),
            Cloud.ofLoginHost(cloud.loginHost().toUpperCase(java.util.Locale.ROOT)));
      }
      for (String other :
          new String[] {
            "sts.windows.net", "login.microsoftonline.com.evil.example", "", "microsoftonline.com"
          }) {
        assertTrue(Cloud.ofLoginHost(other).isEmpty(), other);
      }
    }
  }
}
