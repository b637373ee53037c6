package dev.entente.model;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import dev.entente.errors.ValidationException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A DNS domain name in its one canonical form: ASCII, lower case, no trailing dot (R-SRC-3).
 *
 * <p>{@link #of(String)} accepts a name as a person or a system spells it and canonicalises it:
 *
 * <ul>
 *   <li>case is folded, and one trailing dot is dropped ({@code "Contoso.COM."} → {@code
 *       contoso.com});
 *   <li>Unicode labels become their punycode ({@code "bücher.example"} → {@code
 *       xn--bcher-kva.example}), so the Unicode and punycode spellings of one name are the same
 *       {@code DomainName}; the ideographic and full-width full stops ({@code 。．｡}) separate labels
 *       as IDNA says;
 *   <li>a punycode label must be the canonical encoding of a valid Unicode label, or it is refused.
 * </ul>
 *
 * <p>Refused with a {@link ValidationException} on field {@code domainName}: an empty name; one
 * longer than {@value #MAX_LENGTH} characters or with a label longer than {@value
 * #MAX_LABEL_LENGTH}; an empty label; a character other than letters, digits and hyphens (this
 * includes spaces, {@code _}, {@code %}, {@code @}, invisible and bidirectional control
 * characters); a label that begins or ends with a hyphen; an IP address or a numeric last label; a
 * wildcard; a single label; and a public suffix itself ({@code com}, {@code co.uk}, as Guava's
 * {@link InternetDomainName} knows them).
 *
 * <p>Unicode names are processed as UTS #46 says, non-transitionally (IDNA2008, as browsers and
 * registries do): {@code straße.example} and {@code strasse.example} are different names, and so
 * are {@code ς} and {@code σ}; a zero-width joiner or non-joiner is kept where IDNA2008's CONTEXTJ
 * rule allows it (it changes the name) and refused elsewhere; the Bidi rule applies. A name typed
 * with a character that UTS #46 would silently drop — soft hyphen, U+034F, variation selectors,
 * U+200B, U+2060, U+FEFF — or with a control or separator is refused, not cleaned, so that what was
 * typed is what is compared. Names that merely look alike are different names: {@code pаypal.com}
 * with a Cyrillic {@code а} is {@code xn--pypal-4ve.com}, not {@code paypal.com}. The processing is
 * ICU4J's, the reference implementation of UTS #46.
 */
public final class DomainName implements Comparable<DomainName> {
  /** Longest accepted name, in ASCII characters, without the trailing dot. */
  public static final int MAX_LENGTH = 253;

  /** Longest accepted label, in ASCII characters. */
  public static final int MAX_LABEL_LENGTH = 63;

  /** Input longer than this is refused before any work is done on it. */
  private static final int MAX_INPUT_LENGTH = 4 * MAX_LENGTH;

  private static final String FIELD = "domainName";
  static final String ACCEPTS =
      "a full domain name such as contoso.com or bücher.example: labels of letters, digits and"
          + " inner hyphens; at least two labels, at most "
          + MAX_LABEL_LENGTH
          + " characters a label and "
          + MAX_LENGTH
          + " in all in ASCII form; not an IP address, a wildcard or a public suffix itself";

  private final String ascii;

  private DomainName(String ascii) {
    this.ascii = ascii;
  }

  /**
   * Parses and canonicalises a domain name.
   *
   * @param name the name
   * @return the domain name
   * @throws ValidationException on field {@code domainName} when the name is refused (see the class
   *     comment)
   */
  public static DomainName of(String name) {
    if (name.length() > MAX_INPUT_LENGTH) {
      throw refuse(name, "is too long");
    }
    String s = trimSpaces(name); // only spaces: a control at either end is refused, not dropped
    if (s.isEmpty()) {
      throw refuse(name, "is empty");
    }
    checkCharacters(name, s);
    if (s.endsWith(".") || s.endsWith("\u3002") || s.endsWith("\uFF0E") || s.endsWith("\uFF61")) {
      s = s.substring(0, s.length() - 1);
    }
    if (mayBeInetAddress(s) && InetAddresses.isInetAddress(s)) {
      throw refuse(name, "is an IP address, not a domain name");
    }
    String ascii = isPlainAscii(s) ? plainAscii(name, s) : Idna.toAscii(name, s);
    if (ascii.length() > MAX_LENGTH) {
      throw refuse(name, "is " + ascii.length() + " characters long in ASCII form");
    }
    if (ascii.indexOf('.') < 0) {
      throw refuse(name, "is a single label");
    }
    if (isNumeric(ascii, ascii.lastIndexOf('.') + 1)) {
      throw refuse(name, "ends in a numeric label, like an IP address");
    }
    InternetDomainName idn;
    try {
      idn = InternetDomainName.from(ascii);
    } catch (IllegalArgumentException e) {
      throw refuse(name, "is not a valid domain name (" + e.getMessage() + ")");
    }
    if (idn.isPublicSuffix()) {
      throw refuse(name, "is a public suffix, which no single organization holds");
    }
    return new DomainName(ascii);
  }

  /**
   * {@return the canonical ASCII form: lower case, punycode for international labels, no trailing
   * dot}
   */
  public String ascii() {
    return ascii;
  }

  /** {@return the name with its punycode labels shown in Unicode, for display only} */
  public String unicode() {
    return Idna.toUnicode(ascii);
  }

  /** {@return the labels of the ASCII form, from the leftmost} */
  public List<String> labels() {
    return List.of(ascii.split("\\."));
  }

  /**
   * {@return true when this name lies strictly below {@code parent}: {@code eu.contoso.com} is a
   * subdomain of {@code contoso.com}; {@code contoso.com} is not a subdomain of itself, and {@code
   * notcontoso.com} is not one of {@code contoso.com}}
   *
   * @param parent the parent
   */
  public boolean isSubdomainOf(DomainName parent) {
    return ascii.length() > parent.ascii.length() + 1
        && ascii.endsWith(parent.ascii)
        && ascii.charAt(ascii.length() - parent.ascii.length() - 1) == '.';
  }

  @Override
  public int compareTo(DomainName other) {
    return ascii.compareTo(other.ascii);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DomainName other && ascii.equals(other.ascii);
  }

  @Override
  public int hashCode() {
    return ascii.hashCode();
  }

  /** The canonical ASCII form. */
  @Override
  public String toString() {
    return ascii;
  }

  /**
   * Refuses a wildcard, and any code point no domain name may hold or that UTS #46 would drop
   * unseen: controls, separators other than the full stops, format characters other than ZWJ and
   * ZWNJ, and everything UTS #46 maps to nothing.
   */
  private static void checkCharacters(String original, String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '*') {
        throw refuse(original, "is a wildcard");
      }
      if (c < 0x80) {
        if (c <= 0x20 || c == 0x7F) {
          throw refuse(original, holds(c));
        }
        continue; // other ASCII is judged by the label rules
      }
      int type = Character.getType(c);
      boolean hidden =
          type == Character.CONTROL
              || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR
              || type == Character.SPACE_SEPARATOR
              || type == Character.SURROGATE
              || (type == Character.FORMAT && c != 0x200C && c != 0x200D)
              || Idna.dropsUnseen(c);
      if (hidden) {
        throw refuse(original, holds(c) + ", which IDNA would drop unseen or no domain may hold");
      }
    }
  }

  /** {@code s} without the U+0020 spaces at either end; other characters are judged. */
  static String trimSpaces(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private static String holds(int c) {
    String name = Character.getName(c);
    return String.format("holds the character U+%04X%s", c, name == null ? "" : " " + name);
  }

  private static boolean isPlainAscii(String s) {
    if (!Idna.isAscii(s)) {
      return false;
    }
    for (int i = 0; i + 4 <= s.length(); i++) {
      if (s.regionMatches(true, i, "xn--", 0, 4)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fast path for a name of ASCII letters, digits and hyphens without punycode labels, where
   * UTS #46 only folds case: the same rules, without the mapping tables.
   */
  private static String plainAscii(String original, String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int start = 0;
    while (true) {
      int dot = lower.indexOf('.', start);
      int end = dot < 0 ? lower.length() : dot;
      checkLabel(original, lower, start, end);
      if (dot < 0) {
        return lower;
      }
      start = dot + 1;
    }
  }

  private static void checkLabel(String original, String s, int start, int end) {
    if (start == end) {
      throw refuse(original, "has an empty label");
    }
    if (end - start > MAX_LABEL_LENGTH) {
      throw refuse(original, "has a label of " + (end - start) + " characters");
    }
    if (s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
      throw refuse(original, "has a label that begins or ends with a hyphen");
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        throw refuse(original, holds(c) + ", which no domain name may hold");
      }
    }
  }

  /** Whether {@code s} could be an IP address: IPv6 has a colon, IPv4 only digits and dots. */
  private static boolean mayBeInetAddress(String s) {
    if (s.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} from {@code start} to its end is digits only, and not empty. */
  private static boolean isNumeric(String s, int start) {
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return start < s.length();
  }

  static ValidationException refuse(String value, String problem) {
    return new ValidationException(FIELD, value, problem, ACCEPTS);
  }
}
