package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.DomainName;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Domain names under IDNA2008, for all generated names (R-SRC-3)")
class IdnaPropertyTest {
  /** A deviation character with what IDNA2003 (transitional processing) would fold it into. */
  record Deviation(String kept, String folded) {}

  private static final Deviation[] DEVIATIONS = {
    new Deviation("ß", "ss"),
    new Deviation("ς", "σ"),
    // ZWJ and ZWNJ are valid after a virama (CONTEXTJ); transitional processing drops them.
    new Deviation("\u0915\u094D\u200D\u0937", "\u0915\u094D\u0937"),
    new Deviation("\u0915\u094D\u200C\u0937", "\u0915\u094D\u0937"),
  };

  record Case(DomainName domain, Deviation deviation, int at) {}

  static Case draw(RandomGenerator random) {
    DomainName domain = EntenteGenerators.domainName(random);
    String first = domain.unicode().substring(0, domain.unicode().indexOf('.'));
    return new Case(
        domain, DEVIATIONS[random.nextInt(DEVIATIONS.length)], random.nextInt(first.length() + 1));
  }

  @Test
  @DisplayName("the Unicode and the ASCII spelling of every generated name are one name")
  void theUnicodeAndAsciiSpellingsAreOneName() {
    Property.forAll(EntenteGenerators::domainName)
        .examples(2_000)
        .checkAssert(
            d -> {
              assertEquals(d, DomainName.of(d.unicode()));
              assertEquals(d, DomainName.of(d.ascii()));
              assertEquals(d, DomainName.of(d.unicode().toUpperCase(java.util.Locale.ROOT)));
            });
  }

  @Test
  @DisplayName("ß, ς, ZWJ and ZWNJ are never folded: the name with them is another name")
  void deviationCharactersAreNeverFolded() {
    Property.forAll(IdnaPropertyTest::draw)
        .examples(1_000)
        .checkAssert(
            c -> {
              String unicode = c.domain().unicode();
              String kept =
                  unicode.substring(0, c.at()) + c.deviation().kept() + unicode.substring(c.at());
              String folded =
                  unicode.substring(0, c.at()) + c.deviation().folded() + unicode.substring(c.at());
              DomainName withDeviation = DomainName.of(kept);
              assertNotEquals(DomainName.of(folded), withDeviation, kept);
              assertTrue(withDeviation.unicode().contains(c.deviation().kept()), kept);
              assertEquals(withDeviation, DomainName.of(withDeviation.ascii()));
            });
  }
}
