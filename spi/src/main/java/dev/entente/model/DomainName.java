package dev.entente.model;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import dev.entente.errors.ValidationException;
import java.net.IDN;
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
 * <p>Names that merely look alike are different names: {@code pаypal.com} with a Cyrillic {@code а}
 * is {@code xn--pypal-4ve.com}, not {@code paypal.com}. Unicode labels are mapped with IDNA2003 as
 * {@link IDN} implements it (Unicode 3.2, no unassigned code points); one consequence is that
 * {@code ß} maps to {@code ss}.
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
    String s = name.strip();
    if (s.isEmpty()) {
      throw refuse(name, "is empty");
    }
    s = s.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    checkCharacters(name, s);
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (InetAddresses.isInetAddress(s)) {
      throw refuse(name, "is an IP address, not a domain name");
    }
    String[] labels = s.split("\\.", -1);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (String label : labels) {
      if (label.isEmpty()) {
        throw refuse(name, "has an empty label");
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(asciiLabel(name, label));
    }
    String ascii = out.toString();
    if (ascii.length() > MAX_LENGTH) {
      throw refuse(name, "is " + ascii.length() + " characters long in ASCII form");
    }
    if (labels.length < 2) {
      throw refuse(name, "is a single label");
    }
    if (isNumeric(ascii.substring(ascii.lastIndexOf('.') + 1))) {
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
   * The canonical ASCII form: lower case, punycode for international labels, no trailing dot.
   *
   * @return the canonical ASCII form: lower case, punycode for international labels, no trailing
   *     dot
   */
  public String ascii() {
    return ascii;
  }

  /**
   * The name with its punycode labels shown in Unicode, for display only.
   *
   * @return the name with its punycode labels shown in Unicode, for display only
   */
  public String unicode() {
    return IDN.toUnicode(ascii);
  }

  /**
   * The labels of the ASCII form, from the leftmost.
   *
   * @return the labels of the ASCII form, from the leftmost
   */
  public List<String> labels() {
    return ImmutableList.copyOf(ascii.split("\\."));
  }

  /**
   * True when this name lies strictly below {@code parent}: {@code eu.contoso.com} is a subdomain
   * of {@code contoso.com}; {@code contoso.com} is not a subdomain of itself, and {@code
   * notcontoso.com} is not one of {@code contoso.com}.
   *
   * @param parent the parent
   * @return true when this name lies strictly below {@code parent}: {@code eu.contoso.com} is a
   *     subdomain of {@code contoso.com}; {@code contoso.com} is not a subdomain of itself, and
   *     {@code notcontoso.com} is not one of {@code contoso.com}
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

  private static void checkCharacters(String original, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*') {
        throw refuse(original, "is a wildcard");
      }
      boolean ldh =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.';
      if (ldh) {
        continue;
      }
      if (c < 0x80
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.getType(c) == Character.FORMAT
          || Character.isISOControl(c)
          || (Character.isSurrogate(c) && !Text.isPairedAt(s, i))) {
        throw refuse(
            original,
            String.format("holds the character U+%04X, which no domain name may hold", (int) c));
      }
    }
  }

  private static String asciiLabel(String original, String label) {
    String ascii;
    if (label.chars().allMatch(c -> c < 0x80)) {
      ascii = label.toLowerCase(Locale.ROOT);
    } else {
      try {
        ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw refuse(
            original,
            "has a label that is not a valid international name (" + e.getMessage() + ")");
      }
    }
    if (ascii.isEmpty()) {
      throw refuse(original, "has an empty label");
    }
    if (ascii.length() > MAX_LABEL_LENGTH) {
      throw refuse(original, "has a label of " + ascii.length() + " characters");
    }
    if (ascii.startsWith("-") || ascii.endsWith("-")) {
      throw refuse(original, "has a label that begins or ends with a hyphen");
    }
    if (ascii.startsWith("xn--") && !isCanonicalPunycode(ascii)) {
      throw refuse(
          original,
          "has the label \""
              + ascii
              + "\", which is not the canonical punycode of a valid international label");
    }
    return ascii;
  }

  /**
   * True when {@code label} decodes to a Unicode label that encodes back to exactly {@code label}.
   */
  private static boolean isCanonicalPunycode(String label) {
    String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
    if (unicode.equals(label)) {
      return false; // IDN.toUnicode hands back its input when it cannot decode it
    }
    try {
      return IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT).equals(label);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isNumeric(String label) {
    return !label.isEmpty() && label.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static ValidationException refuse(String value, String problem) {
    return new ValidationException(FIELD, value, problem, ACCEPTS);
  }
}
