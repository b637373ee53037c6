package dev.entente.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Requestor inputs (R-REQ-1) and collaboration restrictions (R-MAT-3)")
class InputsTest {

  @Nested
  @DisplayName("EmailAddress")
  class Emails {
    @Test
    void theDomainIsCanonicalAndTheLocalPartKept() {
      EmailAddress address = EmailAddress.of("Ana.Lopez+access@Bücher.EXAMPLE.");
      assertEquals("Ana.Lopez+access", address.localPart());
      assertEquals(DomainName.of("xn--bcher-kva.example"), address.domain());
      assertEquals("Ana.Lopez+access@xn--bcher-kva.example", address.toString());
      assertEquals("josé@contoso.com", EmailAddress.of("josé@contoso.com").toString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "ana",
          "ana@",
          "@contoso.com",
          "ana@bob@contoso.com",
          "\"ana@x\"@contoso.com",
          "ana(comment)@contoso.com",
          "ana lopez@contoso.com",
          ".ana@contoso.com",
          "ana.@contoso.com",
          "a..b@contoso.com",
          "ana@contoso",
          "ana@co.uk",
          "ana\u200B@contoso.com",
          "ana@exa\u200Bmple.com",
          "ana@ contoso.com"
        })
    void spoofableOrMalformedAddressesAreRefused(String text) {
      ValidationException e = assertThrows(ValidationException.class, () -> EmailAddress.of(text));
      assertTrue(e.field().startsWith("email"), e.field());
    }

    @Test
    void aDomainRefusalNamesTheNestedField() {
      assertEquals(
          "email.domainName",
          assertThrows(ValidationException.class, () -> EmailAddress.of("ana@co.uk")).field());
    }
  }

  @Nested
  @DisplayName("CollaborationRestrictions")
  class Lists {
    @Test
    void anExactEntryNamesOnlyThatDomain() {
      CollaborationRestrictions deny = CollaborationRestrictions.deny(List.of("Contoso.COM."));
      assertTrue(deny.lists(DomainName.of("contoso.com")));
      assertFalse(deny.lists(DomainName.of("eu.contoso.com")));
      assertFalse(deny.lists(DomainName.of("notcontoso.com")));
    }

    @Test
    void aWildcardEntryNamesEverySubdomainButNotTheApex() {
      CollaborationRestrictions deny = CollaborationRestrictions.deny(List.of("*.contoso.com"));
      assertTrue(deny.lists(DomainName.of("eu.contoso.com")));
      assertTrue(deny.lists(DomainName.of("a.b.contoso.com")));
      assertFalse(deny.lists(DomainName.of("contoso.com")));
      assertFalse(deny.lists(DomainName.of("evilcontoso.com")));
    }

    @Test
    void entriesAreCanonicalisedSoUnicodeAndPunycodeAreOne() {
      CollaborationRestrictions deny =
          CollaborationRestrictions.deny(List.of("BÜCHER.example", "*.xn--r8jz45g.jp"));
      assertTrue(deny.lists(DomainName.of("xn--bcher-kva.example")));
      assertTrue(deny.lists(DomainName.of("sub.例え.jp")));
      assertEquals(List.of("xn--bcher-kva.example", "*.xn--r8jz45g.jp"), deny.entries());
    }

    @Test
    void aBadEntryNamesItsIndex() {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> CollaborationRestrictions.allow(List.of("contoso.com", "co.uk")));
      assertEquals("allowList[1].domainName", e.field());
      assertEquals(
          "denyList[0].domainName",
          assertThrows(
                  ValidationException.class, () -> CollaborationRestrictions.deny(List.of("*")))
              .field());
    }

    @Test
    void tooManyEntriesAreRefused() {
      List<String> many =
          java.util.Collections.nCopies(CollaborationRestrictions.MAX_ENTRIES + 1, "contoso.com");
      assertEquals(
          "denyList",
          assertThrows(ValidationException.class, () -> CollaborationRestrictions.deny(many))
              .field());
    }

    @Test
    void noRestrictionsPermitsEverything() {
      assertTrue(CollaborationRestrictions.none().permits(DomainName.of("contoso.com")));
      assertTrue(
          CollaborationRestrictions.none()
              .blocks(Requestor.passcodeUser(EmailAddress.of("a@contoso.com"), true))
              .isEmpty());
    }
  }

  @Nested
  @DisplayName("Requestor")
  class Requestors {
    @Test
    void anUnverifiedEmailIsNeverReadAsVerified() {
      Requestor r = Requestor.passcodeUser(EmailAddress.of("a@contoso.com"), false);
      assertTrue(r.email().isPresent());
      assertTrue(r.verifiedEmail().isEmpty());
      assertTrue(r.withVerifiedEmail(EmailAddress.of("a@contoso.com")).verifiedEmail().isPresent());
    }

    @Test
    void aDirectoryIdMustBeVisibleAscii() {
      assertEquals(
          "directoryId",
          assertThrows(
                  ValidationException.class,
                  () ->
                      Requestor.passcodeUser(EmailAddress.of("a@contoso.com"), true)
                          .withDirectoryId("has space"))
              .field());
    }
  }

  @Nested
  @DisplayName("OrganizationSnapshot")
  class Snapshots {
    @Test
    void twoOrganizationsHoldingOneKeyAreRefusedNamingTheHolder() {
      dev.entente.model.ConnectedOrganization twin =
          Fixtures.org(
              "twin",
              "Twin",
              dev.entente.model.OrganizationState.CONFIGURED,
              Fixtures.WOODGROVE.identitySources().get(0));
      dev.entente.errors.IdentitySourceConflictException e =
          assertThrows(
              dev.entente.errors.IdentitySourceConflictException.class,
              () -> OrganizationSnapshot.of(List.of(Fixtures.WOODGROVE, twin)));
      assertEquals(Fixtures.WOODGROVE.id(), e.holder());
      assertTrue(e.getMessage().contains("Woodgrove"));
    }
  }
}
