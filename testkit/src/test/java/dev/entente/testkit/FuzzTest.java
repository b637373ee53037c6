package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.PageCursor;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parser under random inputs: arbitrary strings, and near-misses made by mutating valid
 * spellings, must either parse or be refused with a {@link ValidationException} — nothing else may
 * escape. This complements the coverage-guided Jazzer fuzz tests of the {@code fuzz} module: it
 * runs the whole generator space on every build, and keeps the inputs found interesting (by either)
 * below as regression cases.
 */
@DisplayName("Random inputs to the parsers: nothing escapes but ValidationException")
class FuzzTest {
  /** The parsers, by name. */
  static final Map<String, Consumer<String>> PARSERS =
      Map.of(
          "DomainName.of", DomainName::of,
          "TenantId.of", TenantId::of,
          "IssuerUri.of", IssuerUri::of,
          "EmailAddress.of", EmailAddress::of,
          "OrganizationId.of", OrganizationId::of,
          "PageCursor.parse", PageCursor::parse,
          "CollaborationRestrictions.deny", s -> CollaborationRestrictions.deny(List.of(s)),
          "OrganizationQuery.nameContains", s -> OrganizationQuery.builder().nameContains(s),
          "StaticDirectoryLookup.parse", s -> StaticDirectoryLookup.parse(new StringReader(s)));

  /** Inputs fuzzing found interesting, kept as regression cases. */
  static final List<String> REGRESSIONS =
      List.of(
          "",
          " ",
          ".",
          "..",
          "-",
          "xn--",
          "xn--.com",
          "xn--a.com",
          "a.xn--",
          "0.0",
          "1.2.3.4",
          "::1",
          "[::1]",
          "\u0000",
          "\uD800",
          "\uDC00.com",
          "a\uD800b.com",
          "\u3002",
          "a\u3002",
          "\uFF0E\uFF0E",
          "\u2024",
          "a\u2024b",
          "ß.de",
          "ς.gr",
          "İ.com",
          "ı.com",
          "\u0130stanbul.com",
          "\u200D",
          "a\u200Db.com",
          "\u0600.com",
          "א.com",
          "aא.com",
          "@",
          "@@",
          "a@",
          "@b.com",
          "a@b@c.com",
          "\"@\"@a.com",
          "(",
          "a(b@c.com",
          "%",
          "%00",
          "%2e",
          "https://",
          "https://@",
          "https://:443",
          "https://a.com:99999/",
          "https://a.com:-1/",
          "https://a.com:0/",
          "https://user:pw@a.com/",
          "https://[::1]:443/",
          "https://a.com/%ZZ",
          "https://a.com/#",
          "https://a.com?",
          "HTTPS://A.COM",
          "https://xn--.com/",
          "https://-a.com/",
          "javascript:alert(1)",
          "file:///etc/passwd",
          "00000000-0000-0000-0000-000000000000",
          "{00000000-0000-0000-0000-000000000001}",
          "g0000000-0000-0000-0000-000000000000",
          "12345678-1234-1234-1234-1234567890123",
          "tenant",
          "tenant 1 2 3 4",
          "federation a b c",
          "tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 GLOBAL , Name",
          "federation co.uk https://a.com/ X",
          "djE6",
          "djE6 ",
          "v1:",
          "====",
          "*",
          "*.",
          "*.*",
          "**.a.com",
          "*.co.uk",
          ".a.com",
          "a.com.",
          "a.com..",
          "a".repeat(64) + ".com",
          "a".repeat(254),
          "a@" + "b".repeat(250) + ".com");

  static List<String> regressions() {
    return REGRESSIONS;
  }

  @ParameterizedTest(name = "regression \"{0}\"")
  @MethodSource("regressions")
  void aKeptInputParsesOrIsRefusedWithATypedError(String input) {
    PARSERS.forEach((name, parser) -> onlyTypedErrors(name, parser, input));
  }

  /**
   * Any string of up to 80 code points: a third of any code point (surrogates and unassigned ones
   * included), a third printable ASCII, a third of the Basic Multilingual Plane.
   */
  static String anything(RandomGenerator random) {
    int kind = random.nextInt(3);
    int length = random.nextInt(0, kind == 2 ? 41 : 81);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(
          switch (kind) {
            case 0 -> random.nextInt(0x20, 0x7f);
            case 1 -> random.nextInt(0, Character.MAX_CODE_POINT + 1);
            default -> random.nextInt(0x20, 0x10000);
          });
    }
    return out.toString();
  }

  @Test
  void arbitraryStringsParseOrAreRefusedWithATypedError() {
    Property.forAll(FuzzTest::anything)
        .examples(3_000)
        .checkAssert(
            input -> PARSERS.forEach((name, parser) -> onlyTypedErrors(name, parser, input)));
  }

  @Test
  void nearMissesOfValidSpellingsParseOrAreRefusedWithATypedError() {
    Property.forAll(FuzzTest::nearMiss)
        .examples(3_000)
        .checkAssert(
            input -> PARSERS.forEach((name, parser) -> onlyTypedErrors(name, parser, input)));
  }

  @Test
  void aDomainThatParsesIsCanonicalWhateverItWasMadeOf() {
    Property.forAll(FuzzTest::nearMiss)
        .examples(3_000)
        .checkAssert(
            input -> {
              DomainName name;
              try {
                name = DomainName.of(input);
              } catch (ValidationException refused) {
                return;
              }
              assertEquals(name, DomainName.of(name.ascii()));
              assertEquals(name, DomainName.of(name.unicode()));
            });
  }

  /**
   * A valid domain, email or issuer spelling with one to three characters inserted, deleted or
   * replaced.
   */
  static String nearMiss(RandomGenerator random) {
    DomainName domain = EntenteGenerators.domainName(random);
    String base =
        switch (random.nextInt(4)) {
          case 0 -> EntenteGenerators.spelling(random, domain);
          case 1 -> "ana@" + EntenteGenerators.spelling(random, domain).strip();
          case 2 -> "https://sts." + domain.ascii() + "/adfs";
          default -> domain.unicode();
        };
    StringBuilder s = new StringBuilder(base);
    String specials = "@.%*\"()[]:/\\ \t\n\u0000\u200B\u200D\u202E\u3002\uFF0E\u00AD\uD800-_~#?=";
    for (int edits = random.nextInt(1, 4); edits > 0; edits--) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length());
      char c =
          random.nextBoolean()
              ? specials.charAt(random.nextInt(specials.length()))
              : (char) random.nextInt(0x20, 0x3000);
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, c);
        case 1 -> {
          if (s.length() > 0) s.deleteCharAt(at);
        }
        default -> {
          if (s.length() > 0) s.setCharAt(at, c);
        }
      }
    }
    return s.toString();
  }

  private static void onlyTypedErrors(String name, Consumer<String> parser, String input) {
    try {
      parser.accept(input);
    } catch (ValidationException expected) {
      // refused with the library's typed error: fine
    } catch (RuntimeException e) {
      fail(name + " threw " + e + " for \"" + escape(input) + "\"", e);
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f
                        ? String.valueOf((char) c)
                        : String.format("\\u%04X", c)));
    return out.toString();
  }
}
