package dev.entente.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "A corpus of domain and email spellings: each canonicalised or refused, none past a list (R-SRC-3, R-MAT-3)")
class SpellingsTest {
  static final CollaborationRestrictions DENY =
      CollaborationRestrictions.deny(List.of("blocked.example", "*.evil.example"));
  static final CollaborationRestrictions ALLOW =
      CollaborationRestrictions.allow(List.of("partner.example", "*.partner.example"));

  /** Spellings that are the listed name, and must be treated as it. */
  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BLOCKED.example|blocked.example",
        "blocked.example.|blocked.example",
        "blocked。example|blocked.example",
        "blocked．example|blocked.example",
        "blocked｡example|blocked.example",
        "ｂｌｏｃｋｅｄ.example|blocked.example",
        "' blocked.example '|blocked.example",
        "Sub.EVIL.example.|sub.evil.example",
        "xn--bcher-kva.evil.example|xn--bcher-kva.evil.example",
        "BÜCHER.evil.example|xn--bcher-kva.evil.example",
      })
  void aSpellingOfADeniedNameIsCanonicalAndBlocked(String spelling, String canonical) {
    DomainName name = DomainName.of(spelling);
    assertEquals(canonical, name.ascii());
    assertFalse(DENY.permits(name), spelling);
    Requestor requestor = Requestor.passcodeUser(EmailAddress.of("x@" + spelling.strip()), true);
    assertTrue(
        AccessRequestMatcher.of(OrganizationSnapshot.empty(), DENY)
            .evaluate(requestor, Fixtures.ALL_EXTERNAL_NO_APPROVAL)
            .has(ReasonCode.BLOCKED_BY_DENY_LIST));
  }

  /**
   * Spellings that hide or smuggle characters: refused outright, so nothing downstream sees them.
   */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "blocked\u200B.example", "bloc\u200Cked.example", "blocked.exam\u200Dple",
            "\u202Eelpmaxe.dekcolb", "blocked\u2066.example",
        "blocked\u00AD.example", "blocked\uFEFF.example", "blocked%2Eexample", "blocked%2eexample",
            "blo%63ked.example",
        "blocked.example/", "user@blocked.example", "blocked.example:443", "blocked .example",
            "blocked\t.example",
        "blocked..example", "*.blocked.example", "blocked.example\u0000", "blocked\u2024example",
            "[blocked.example]",
      })
  void aDomainSpellingThatHidesCharactersIsRefused(String spelling) {
    assertEquals(
        "domainName",
        assertThrows(ValidationException.class, () -> DomainName.of(spelling)).field());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "a@b@blocked.example", "\"a@x\"@blocked.example", "\"a\"@blocked.example",
            "a(comment)@blocked.example",
        "(comment)a@blocked.example", "a@blocked.example(comment)", "a@(comment)blocked.example",
            "<a@blocked.example>",
        "A <a@blocked.example>", "a@blocked.example, b@partner.example", "a@[127.0.0.1]",
            "a\u200B@partner.example",
        "a @partner.example", "a@ partner.example", "a%b@partner.example@blocked.example",
      })
  void anEmailSpellingThatCouldParseTwoWaysIsRefused(String spelling) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> EmailAddress.of(spelling));
    assertTrue(e.field().startsWith("email"), e.field());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "p\u0430rtner.example",
        "partner.examp1e",
        "partner-example.com",
        "partner.example.evil.example",
        "evilpartner.example"
      })
  void aLookAlikeIsAnotherNameAndAnAllowListRefusesIt(String lookAlike) {
    DomainName name = DomainName.of(lookAlike);
    assertNotEquals(DomainName.of("partner.example"), name);
    assertFalse(ALLOW.permits(name), lookAlike);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"PARTNER.example.", "eu.partner.example", "a.b.PARTNER.example"})
  void theAllowedNamesInAnySpellingPass(String spelling) {
    assertTrue(ALLOW.permits(DomainName.of(spelling)));
  }
}
