package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DomainName (R-SRC-3)")
class DomainNameTest {

  @Nested
  @DisplayName("canonical form")
  class Canonical {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
      "contoso.com, contoso.com",
      "Contoso.COM, contoso.com",
      "contoso.com., contoso.com",
      "'  contoso.com ', contoso.com",
      "eu.sales.contoso.com, eu.sales.contoso.com",
      "bücher.example, xn--bcher-kva.example",
      "BÜCHER.example, xn--bcher-kva.example",
      "XN--BCHER-KVA.example, xn--bcher-kva.example",
      "例え.jp, xn--r8jz45g.jp",
      "example。com, example.com",
      "example．com, example.com",
      "example｡com, example.com",
      "ｃｏｎｔｏｓｏ.com, contoso.com",
    })
    void isAsciiLowerCaseWithoutTrailingDot(String spelling, String canonical) {
      assertEquals(canonical, DomainName.of(spelling).ascii());
    }

    @Test
    void unicodeAndPunycodeSpellingsAreTheSameName() {
      DomainName unicode = DomainName.of("bücher.example");
      DomainName punycode = DomainName.of("xn--bcher-kva.example");
      assertEquals(unicode, punycode);
      assertEquals(unicode.hashCode(), punycode.hashCode());
      assertEquals("bücher.example", punycode.unicode());
    }

    @Test
    void lookAlikeLettersFromAnotherScriptMakeAnotherName() {
      DomainName latin = DomainName.of("paypal.com");
      DomainName cyrillicA = DomainName.of("p\u0430ypal.com");
      assertNotEquals(latin, cyrillicA);
      assertTrue(cyrillicA.ascii().startsWith("xn--"), cyrillicA.ascii());
    }

    @Test
    void subdomainIsStrictlyBelowItsParent() {
      DomainName contoso = DomainName.of("contoso.com");
      assertAll(
          () -> assertTrue(DomainName.of("eu.contoso.com").isSubdomainOf(contoso)),
          () -> assertTrue(DomainName.of("a.b.contoso.com").isSubdomainOf(contoso)),
          () -> assertFalse(contoso.isSubdomainOf(contoso)),
          () -> assertFalse(DomainName.of("notcontoso.com").isSubdomainOf(contoso)),
          () -> assertFalse(contoso.isSubdomainOf(DomainName.of("eu.contoso.com"))));
    }

    @Test
    void labelsAreTheAsciiLabelsFromTheLeft() {
      assertEquals(
          java.util.List.of("xn--bcher-kva", "example"), DomainName.of("bücher.example").labels());
    }
  }

  @Nested
  @DisplayName("refusals name the field domainName")
  class Refusals {
    private ValidationException refused(String spelling) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> DomainName.of(spelling));
      assertEquals("domainName", e.field());
      assertTrue(e.getMessage().startsWith("domainName: "), e.getMessage());
      return e;
    }

    @Test
    void emptyIsRefused() {
      assertEquals("is empty", refused("").problem());
      assertEquals("is empty", refused("   ").problem());
    }

    @Test
    void longerThan253CharactersIsRefused() {
      String label = "a".repeat(60);
      String name = String.join(".", label, label, label, label, "com"); // 4*61 + 3 = 247
      assertEquals(247, DomainName.of(name).ascii().length());
      String tooLong = "abcdefg." + name; // 255
      assertTrue(refused(tooLong).problem().contains("255 characters"));
    }

    @Test
    void aLabelLongerThan63CharactersIsRefused() {
      assertEquals(63 + 4, DomainName.of("a".repeat(63) + ".com").ascii().length());
      assertTrue(refused("a".repeat(64) + ".com").problem().contains("64 characters"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "con toso.com", "contoso_x.com", "cont%6Fso.com", "user@contoso.com", "contoso.com/x",
          "contoso.com:443", "exa\u200Bmple.com", "exa\u202Emple.com", "exa\u00ADmple.com",
              "conto\nso.com",
          "con\u0000toso.com", "[::1]", "contoso\uD800.com"
        })
    void badCharactersAreRefused(String spelling) {
      assertTrue(refused(spelling).problem().contains("character"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-contoso.com", "contoso-.com", "contoso.-com", "a.b-.com"})
    void aLabelBeginningOrEndingWithAHyphenIsRefused(String spelling) {
      assertTrue(refused(spelling).problem().contains("hyphen"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"192.168.0.1", "10.0.0.1.", "1.2.3"})
    void anIpAddressIsRefused(String spelling) {
      String problem = refused(spelling).problem();
      assertTrue(problem.contains("IP address"), problem);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"*.contoso.com", "*", "con*so.com"})
    void aWildcardIsRefused(String spelling) {
      assertEquals("is a wildcard", refused(spelling).problem());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"com", "co.uk", "CO.UK.", "github.io", "xn--p1ai"})
    void aPublicSuffixItselfIsRefused(String spelling) {
      String problem = refused(spelling).problem();
      assertTrue(problem.contains("public suffix") || problem.contains("single label"), problem);
    }

    @Test
    void aPublicSuffixOfTwoLabelsIsRefusedAsAPublicSuffix() {
      assertTrue(refused("co.uk").problem().contains("public suffix"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"contoso..com", ".contoso.com", "contoso.com.."})
    void anEmptyLabelIsRefused(String spelling) {
      assertEquals("has an empty label", refused(spelling).problem());
    }

    @Test
    void aSingleLabelIsRefused() {
      assertEquals("is a single label", refused("localhost").problem());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"xn--.com", "xn--zzzzzzzz-.com", "xn--a.com"})
    void punycodeThatIsNotTheCanonicalEncodingOfAValidLabelIsRefused(String spelling) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> DomainName.of(spelling));
      assertEquals("domainName", e.field());
    }

    @Test
    void hugeInputIsRefusedBeforeAnyWork() {
      assertEquals("is too long", refused("a".repeat(100_000) + ".com").problem());
    }

    @Test
    void theMessageEscapesInvisibleCharactersOfTheRejectedValue() {
      ValidationException e = refused("exa\u200Bmple.com");
      assertEquals("exa\\u{200B}mple.com", e.rejectedValue());
      assertTrue(e.getMessage().contains("accepted: "));
    }
  }
}
