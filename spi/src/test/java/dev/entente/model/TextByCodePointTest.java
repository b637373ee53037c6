package dev.entente.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Free text is checked by code point, in every plane (R-ORG-1): tag characters ("ASCII smuggling"),
 * supplementary format characters, private-use and unassigned code points are refused, and the
 * message shows them escaped so that a log line never hides text.
 */
@DisplayName("Free text is checked by code point, in every plane (R-ORG-1)")
class TextByCodePointTest {
  @ParameterizedTest(name = "a display name holding U+{0} is refused and shown escaped")
  @ValueSource(
      ints = {
        0xE0001, // LANGUAGE TAG
        0xE0041, // TAG LATIN CAPITAL LETTER A
        0xE007F, // CANCEL TAG
        0x1D173, // MUSICAL SYMBOL BEGIN BEAM (format)
        0x1BCA0, // SHORTHAND FORMAT LETTER OVERLAP
        0xF0000, // supplementary private use
        0xE000, // private use
        0x0378, // unassigned
        0x2028, // LINE SEPARATOR
        0x202E, // RIGHT-TO-LEFT OVERRIDE
        0x200B, // ZERO WIDTH SPACE
      })
  void aHiddenCodePointIsRefusedInEveryTextField(int codePoint) {
    String text = "Contoso" + Character.toString(codePoint) + "Ltd";
    String hex = Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT);
    for (Runnable build :
        new Runnable[] {
          () -> ConnectedOrganizationTest.contoso().displayName(text).build(),
          () -> ConnectedOrganizationTest.contoso().description(text).build(),
          () -> Sponsor.of(Sponsor.Kind.USER, "dana", text),
          () -> EmailDomain.of(DomainName.of("contoso.com"), text),
        }) {
      ValidationException e = assertThrows(ValidationException.class, build::run);
      assertTrue(e.getMessage().contains("\\u{" + hex + "}"), e.getMessage());
      assertTrue(e.problem().contains(String.format("U+%04X", codePoint)), e.problem());
    }
  }

  @ParameterizedTest(name = "the visible text {0} is accepted as it is")
  @ValueSource(
      strings = {
        "Contoso \uD83D\uDC69\u200D\uD83D\uDCBB", // woman technologist: ZWJ sequence
        "Contoso \u2764\uFE0F", // heart with variation selector 16
        "\uD840\uDC00 Holdings", // CJK Extension B
        "\u0645\u0631\u0643\u0632", // Arabic
        "\u0915\u094D\u200D\u0937", // Devanagari with ZWJ
      })
  void visibleTextOfEveryPlaneIsAccepted(String name) {
    assertEquals(name, ConnectedOrganizationTest.contoso().displayName(name).build().displayName());
  }
}
