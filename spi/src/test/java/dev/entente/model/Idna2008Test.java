package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Domain names follow IDNA2008 (UTS #46, non-transitional), as browsers and registries do
 * (R-SRC-3): the deviation characters ß, ς, ZWJ and ZWNJ are never folded, and characters UTS #46
 * would drop unseen are refused.
 */
@DisplayName("Domain names follow IDNA2008, UTS #46 non-transitional (R-SRC-3)")
class Idna2008Test {
  @Test
  void sharpSIsNotFoldedIntoSs() {
    DomainName strasse = DomainName.of("strasse.example");
    DomainName strasze = DomainName.of("straße.example");
    assertNotEquals(strasse, strasze);
    assertEquals("xn--strae-oqa.example", strasze.ascii());
    assertEquals("straße.example", strasze.unicode());
    assertEquals(strasze, DomainName.of("STRAßE.example"));
  }

  @Test
  void finalSigmaIsNotFoldedIntoSigma() {
    assertNotEquals(DomainName.of("aς.example"), DomainName.of("aσ.example"));
    assertEquals("xn--a-ymb.example", DomainName.of("aς.example").ascii());
  }

  @Test
  void aZeroWidthJoinerIsKeptWhereCONTEXTJAllowsItAndChangesTheName() {
    DomainName joined = DomainName.of("\u0915\u094D\u200D\u0937.example");
    DomainName plain = DomainName.of("\u0915\u094D\u0937.example");
    assertNotEquals(plain, joined);
    assertEquals(joined, DomainName.of(joined.ascii()));
  }

  @Test
  void aZeroWidthJoinerWhereCONTEXTJForbidsItIsRefused() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> DomainName.of("a\u200Db.example"));
    assertTrue(e.problem().contains("CONTEXTJ"), e.problem());
  }

  @ParameterizedTest(
      name = "{0} is refused: IDNA2008 disallows its symbol, though UTS #46 keeps it")
  @ValueSource(
      strings = {
        "💩.com",
        "xn--ls8h.com",
        "a♥.example",
        "xn--a-n3p.example",
        "☃.example",
        "€uro.example",
        "a·b.example",
        "a∑b.example"
      })
  void aSymbolIdna2008DisallowsIsRefused(String spelling) {
    ValidationException e = assertThrows(ValidationException.class, () -> DomainName.of(spelling));
    assertEquals("domainName", e.field());
    assertTrue(e.problem().contains("IDNA2008"), e.problem());
  }

  @ParameterizedTest(name = "{0} is accepted: letters, digits and marks of any script")
  @ValueSource(
      strings = {
        "bücher.example",
        "straße.example",
        "παράδειγμα.example",
        "пример.example",
        "例え.jp",
        "مثال.example",
        "क्ष.example",
        "l·l.example"
      })
  void lettersDigitsAndMarksOfAnyScriptAreAccepted(String spelling) {
    DomainName name = DomainName.of(spelling);
    assertEquals(name, DomainName.of(name.ascii()));
  }

  @ParameterizedTest(name = "a name holding U+{0} is refused, not silently cleaned")
  @ValueSource(ints = {0x034F, 0xFE0F, 0x180B, 0x00AD, 0x200B, 0x2060, 0xFEFF, 0x2028, 0x0007})
  void aCharacterUts46WouldDropUnseenIsRefused(int codePoint) {
    String name = "exa" + Character.toString(codePoint) + "mple.com";
    ValidationException e = assertThrows(ValidationException.class, () -> DomainName.of(name));
    assertTrue(e.problem().contains(String.format("U+%04X", codePoint)), e.problem());
  }

  @ParameterizedTest(name = "a control at either end, {0}, is refused, not dropped")
  @ValueSource(
      strings = {"example.com\n", "\u0007example.com", "\u001Fexample.com", "\texample.com"})
  void aControlAtEitherEndIsRefusedNotDropped(String name) {
    assertThrows(ValidationException.class, () -> DomainName.of(name));
    assertEquals("example.com", DomainName.of("  example.com ").ascii(), "spaces are trimmed");
  }

  @Test
  void anInvisibleCharacterAtEitherEndIsRefusedToo() {
    assertThrows(ValidationException.class, () -> DomainName.of("\u00ADexample.com"));
    assertThrows(ValidationException.class, () -> DomainName.of("example.com\uFE0F"));
  }

  @Test
  void unicodeAndPunycodeSpellingsAreStillOneName() {
    assertEquals(DomainName.of("bücher.example"), DomainName.of("XN--BCHER-KVA.example."));
    assertEquals(DomainName.of("bücher.example"), DomainName.of("bücher。example"));
  }

  @Test
  void aRightToLeftLabelThatBreaksTheBidiRuleIsRefused() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> DomainName.of("\u05D0a1.example"));
    assertTrue(e.problem().contains("Bidi"), e.problem());
  }

  @Test
  @DisplayName("hyphens in the third and fourth place are allowed, as browsers allow them")
  void hyphensInTheThirdAndFourthPlaceAreAllowedInUnicodeLabelsToo() {
    DomainName name = DomainName.of("aa--ßaaa.com"); // found by IdnaPropertyTest
    assertEquals("xn--aa--aaa-3va.com", name.ascii());
    assertEquals(name, DomainName.of(name.ascii()));
    assertEquals(DomainName.of("ab--c.com").ascii(), "ab--c.com");
  }

  @Test
  void lookAlikesInOtherScriptsStayDifferentNames() {
    assertNotEquals(DomainName.of("paypal.com"), DomainName.of("p\u0430ypal.com"));
  }
}
