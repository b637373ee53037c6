package dev.entente.model;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import dev.entente.errors.ValidationException;
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
    StringBuilder out = new StringBuilder(name.length() + 16);
    IDNA.Info info = new IDNA.Info();
    UTS46.nameToASCII(name, out, info);
    Set<IDNA.Error> errors = errorsOf(info);
    if (!errors.isEmpty()) {
      throw refusal(original, errors);
    }
    String ascii = out.toString().toLowerCase(Locale.ROOT);
    if (ascii.endsWith(".")) {
      // UTS #46 takes one trailing dot as the root; the caller removed that one already.
      throw DomainName.refuse(original, "has an empty label");
    }
    for (String label : ascii.split("\\.", -1)) {
      if (label.startsWith("xn--") && !isCanonicalPunycode(label)) {
        throw DomainName.refuse(
            original,
            "has the label \""
                + label
                + "\", which is not the canonical punycode of a valid international label");
      }
    }
    return ascii;
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

  /** True when the punycode label decodes to a valid label that encodes back to it exactly. */
  private static boolean isCanonicalPunycode(String label) {
    StringBuilder unicode = new StringBuilder();
    IDNA.Info decoded = new IDNA.Info();
    UTS46.labelToUnicode(label, unicode, decoded);
    if (!errorsOf(decoded).isEmpty()) {
      return false;
    }
    StringBuilder again = new StringBuilder();
    IDNA.Info encoded = new IDNA.Info();
    UTS46.labelToASCII(unicode, again, encoded);
    return errorsOf(encoded).isEmpty() && again.toString().equals(label);
  }

  /** The errors that refuse a name: all of UTS #46's but hyphens in the third and fourth place. */
  private static Set<IDNA.Error> errorsOf(IDNA.Info info) {
    Set<IDNA.Error> errors = info.getErrors();
    errors.remove(IDNA.Error.HYPHEN_3_4);
    return errors;
  }

  private static ValidationException refusal(String original, Set<IDNA.Error> errors) {
    IDNA.Error first = errors.iterator().next();
    String problem;
    switch (first) {
      case EMPTY_LABEL:
        problem = "has an empty label";
        break;
      case LABEL_TOO_LONG:
        problem = "has a label longer than " + DomainName.MAX_LABEL_LENGTH + " characters";
        break;
      case DOMAIN_NAME_TOO_LONG:
        problem = "is longer than " + DomainName.MAX_LENGTH + " characters in ASCII form";
        break;
      case LEADING_HYPHEN:
      case TRAILING_HYPHEN:
        problem = "has a label that begins or ends with a hyphen";
        break;
      case LEADING_COMBINING_MARK:
        problem = "has a label that begins with a combining mark";
        break;
      case DISALLOWED:
        problem = "holds a character that no domain name may hold (IDNA2008, UTS #46)";
        break;
      case PUNYCODE:
      case INVALID_ACE_LABEL:
      case LABEL_HAS_DOT:
        problem = "has a punycode label that is not the encoding of a valid international label";
        break;
      case BIDI:
        problem = "mixes right-to-left and left-to-right labels as IDNA's Bidi rule forbids";
        break;
      case CONTEXTJ:
        problem =
            "holds a zero-width joiner or non-joiner where IDNA2008 (CONTEXTJ) does not allow one";
        break;
      default:
        problem = "is not a valid international domain name (IDNA2008: " + errors + ")";
    }
    return DomainName.refuse(original, problem);
  }
}
