package dev.entente.model;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import dev.entente.errors.ValidationException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * UTS #46 processing, non-transitional, through ICU4J, the reference implementation (R-SRC-3):
 * IDNA2008 as browsers and registries apply it. The JDK's {@code java.net.IDN} implements IDNA2003,
 * which folds {@code ß} into {@code ss} and {@code ς} into {@code σ}.
 */
final class Idna {
  /**
   * Non-transitional both ways, with the Bidi and CONTEXTJ rules and STD3 ASCII rules (letters,
   * digits and hyphens only). Hyphens in the third and fourth position are allowed, as browsers
   * allow them; leading and trailing hyphens are not.
   */
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.NONTRANSITIONAL_TO_UNICODE
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ
              | IDNA.CHECK_CONTEXTO
              | IDNA.USE_STD3_RULES);

  /** NFKC_Casefold, for RFC 5892's Unstable category: a code point it changes is disallowed. */
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** UTS #46's mapping step alone, to find the code points it maps to nothing. */
  private static final Normalizer2 MAPPING =
      Normalizer2.getInstance(null, "uts46", Normalizer2.Mode.COMPOSE);

  private Idna() {}

  /** True for a code point UTS #46 maps to nothing, so that IDNA would drop it unseen. */
  static boolean dropsUnseen(int codePoint) {
    return MAPPING.normalize(Character.toString(codePoint)).isEmpty();
  }

  /**
   * The ASCII form of {@code name} (already stripped of its trailing dot), lower case, or a refusal
   * naming what UTS #46 found wrong with it.
   */
  static String toAscii(String original, String name) {
    String ascii;
    if (isAscii(name)) {
      // UTS #46 maps ASCII to itself but for case; decoding below checks every label as toASCII
      // would (STD3 rules, hyphens, empty labels, Bidi across the name), the lengths below.
      ascii = name.toLowerCase(Locale.ROOT);
    } else {
      StringBuilder out = new StringBuilder(name.length() + 16);
      IDNA.Info info = new IDNA.Info();
      UTS46.nameToASCII(name, out, info);
      Set<IDNA.Error> errors = errorsOf(info);
      if (!errors.isEmpty()) {
        throw refusal(original, errors);
      }
      ascii = out.toString().toLowerCase(Locale.ROOT);
    }
    String[] asciiLabels = ascii.split("\\.", -1);
    for (String label : asciiLabels) {
      if (label.length() > DomainName.MAX_LABEL_LENGTH) { // as toASCII checks a name not ASCII
        throw refusal(original, EnumSet.of(IDNA.Error.LABEL_TOO_LONG));
      }
    }
    if (ascii.endsWith(".")) {
      // UTS #46 takes one trailing dot as the root; the caller removed that one already.
      throw DomainName.refuse(original, "has an empty label");
    }
    if (!ascii.contains("xn--")) {
      return ascii;
    }
    // Punycode labels: decode the name once (UTS #46 checks each decoded label), then encode each
    // decoded label back with RFC 3492. A label that does not come back as written is not the
    // canonical punycode of a valid international label.
    StringBuilder unicode = new StringBuilder(ascii.length());
    IDNA.Info decoded = new IDNA.Info();
    UTS46.nameToUnicode(ascii, unicode, decoded);
    Set<IDNA.Error> errors = errorsOf(decoded);
    if (!errors.isEmpty()) {
      throw refusal(original, errors);
    }
    String[] unicodeLabels = unicode.toString().split("\\.", -1);
    for (int i = 0; i < asciiLabels.length; i++) {
      String label = asciiLabels[i];
      if (!label.startsWith("xn--")) {
        continue; // letters, digits and hyphens: the STD3 rules saw to that
      }
      String decodedLabel = i < unicodeLabels.length ? unicodeLabels[i] : "";
      if (isAscii(decodedLabel) || !label.equals("xn--" + Punycode.encode(decodedLabel))) {
        throw DomainName.refuse(
            original,
            "has the label \""
                + label
                + "\", which is not the canonical punycode of a valid international label");
      }
      int disallowed = firstDisallowed(decodedLabel);
      if (disallowed >= 0) {
        throw DomainName.refuse(
            original,
            String.format(
                "holds U+%04X (%s), which IDNA2008 does not allow in a domain name (RFC 5892:"
                    + " letters, digits and combining marks only; no symbols or punctuation)",
                disallowed, UCharacter.getName(disallowed)));
      }
    }
    return ascii;
  }

  /** Whether {@code s} holds ASCII characters only. */
  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first code point of a decoded label that RFC 5892 (IDNA2008's code points) makes
   * DISALLOWED, or -1. UTS #46, which ICU applies, is more permissive: it keeps symbols such as
   * {@code ♥} and emoji, which IDNA2008 refuses and registries do not register. A membership key is
   * safer strict.
   */
  static int firstDisallowed(CharSequence label) {
    for (int i = 0; i < label.length(); ) {
      int cp = Character.codePointAt(label, i);
      if (!idna2008Allows(cp)) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * RFC 5892 §2–§3 for one code point, over ICU's Unicode data: PVALID, CONTEXTJ and CONTEXTO are
   * allowed (ICU checks the contexts), everything else is not.
   */
  private static boolean idna2008Allows(int cp) {
    // §2.6 Exceptions (F): PVALID and CONTEXTO (allowed), then DISALLOWED.
    switch (cp) {
      case 0x00DF,
          0x03C2,
          0x06FD,
          0x06FE,
          0x0F0B,
          0x3007,
          0x00B7,
          0x0375,
          0x05F3,
          0x05F4,
          0x30FB -> {
        return true;
      }
      case 0x0640, 0x07FA, 0x302E, 0x302F, 0x303B -> {
        return false;
      }
      default -> {}
    }
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) {
      return true; // CONTEXTO digits
    }
    if (cp >= 0x3031 && cp <= 0x3035) {
      return false;
    }
    if (cp == 0x200C || cp == 0x200D) {
      return true; // §2.8 JoinControl: CONTEXTJ
    }
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '-') {
      return true; // §2.7 LDH
    }
    if ((cp >= 0x1100 && cp <= 0x11FF)
        || (cp >= 0xA960 && cp <= 0xA97F)
        || (cp >= 0xD7B0 && cp <= 0xD7FF)) {
      return false; // §2.9 OldHangulJamo
    }
    String alone = Character.toString(cp);
    if (!NFKC_CASEFOLD.isNormalized(alone)
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(cp, UProperty.WHITE_SPACE)
        || UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)) {
      return false; // §2.2 Unstable, §2.3 IgnorableProperties
    }
    if ((cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x1D100 && cp <= 0x1D24F)) {
      return false; // §2.4 IgnorableBlocks
    }
    int type = UCharacter.getType(cp);
    return type == UCharacterCategory.LOWERCASE_LETTER
        || type == UCharacterCategory.UPPERCASE_LETTER
        || type == UCharacterCategory.OTHER_LETTER
        || type == UCharacterCategory.DECIMAL_DIGIT_NUMBER
        || type == UCharacterCategory.MODIFIER_LETTER
        || type == UCharacterCategory.NON_SPACING_MARK
        || type == UCharacterCategory.COMBINING_SPACING_MARK; // §2.1 LetterDigits
  }

  /** The Unicode form of a canonical ASCII name, for display. */
  static String toUnicode(String ascii) {
    if (!ascii.contains("xn--")) {
      return ascii;
    }
    StringBuilder out = new StringBuilder(ascii.length());
    UTS46.nameToUnicode(ascii, out, new IDNA.Info());
    return out.toString();
  }

  /** The errors that refuse a name: all of UTS #46's but hyphens in the third and fourth place. */
  private static Set<IDNA.Error> errorsOf(IDNA.Info info) {
    Set<IDNA.Error> errors = info.getErrors();
    errors.remove(IDNA.Error.HYPHEN_3_4);
    return errors;
  }

  private static ValidationException refusal(String original, Set<IDNA.Error> errors) {
    IDNA.Error first = errors.iterator().next();
    String problem =
        switch (first) {
          case EMPTY_LABEL -> "has an empty label";
          case LABEL_TOO_LONG ->
              "has a label longer than " + DomainName.MAX_LABEL_LENGTH + " characters";
          case DOMAIN_NAME_TOO_LONG ->
              "is longer than " + DomainName.MAX_LENGTH + " characters in ASCII form";
          case LEADING_HYPHEN, TRAILING_HYPHEN -> "has a label that begins or ends with a hyphen";
          case LEADING_COMBINING_MARK -> "has a label that begins with a combining mark";
          case DISALLOWED -> "holds a character that no domain name may hold (IDNA2008, UTS #46)";
          case PUNYCODE, INVALID_ACE_LABEL, LABEL_HAS_DOT ->
              "has a punycode label that is not the encoding of a valid international label";
          case BIDI -> "mixes right-to-left and left-to-right labels as IDNA's Bidi rule forbids";
          case CONTEXTJ ->
              "holds a zero-width joiner or non-joiner where IDNA2008 (CONTEXTJ) does not allow one";
          default -> "is not a valid international domain name (IDNA2008: " + errors + ")";
        };
    return DomainName.refuse(original, problem);
  }
}
