package dev.entente.access;

import dev.entente.errors.ValidationException;
import dev.entente.model.DomainName;
import org.jspecify.annotations.Nullable;

/**
 * An email address as a requestor presents it: a local part and a {@link DomainName}.
 *
 * <p>{@link #of(String)} accepts the common form {@code local@domain}: a dot-atom local part of at
 * most {@value #MAX_LOCAL_LENGTH} characters (letters, including non-ASCII letters for
 * internationalised mail, digits, and {@code !#$%&'*+-/=?^_`{|}~}, with dots only between them),
 * exactly one {@code @}, and a domain that {@link DomainName#of(String)} accepts. The domain is
 * canonicalised ({@code Alice@Contoso.COM} is {@code Alice@contoso.com}); the local part is kept as
 * given, as mail systems may treat its case as significant.
 *
 * <p>Refused with a {@link ValidationException} on field {@code email} (or {@code email.domainName}
 * for the domain): more than one {@code @} or none, quoted local parts, comments in parentheses,
 * spaces, control and invisible characters, and anything longer than {@value #MAX_LENGTH}
 * characters. These are legal in RFC 5322 but are not how anyone signs in, and each is a way to
 * make one address read as another.
 */
public final class EmailAddress {
  /** Longest accepted address, in characters (RFC 5321's limit for a path). */
  public static final int MAX_LENGTH = 254;

  /** Longest accepted local part, in characters. */
  public static final int MAX_LOCAL_LENGTH = 64;

  private static final String FIELD = "email";
  private static final String ACCEPTS =
      "local@domain with a dot-atom local part of at most "
          + MAX_LOCAL_LENGTH
          + " characters (no quotes,"
          + " comments or spaces), one @, and a valid domain name; at most "
          + MAX_LENGTH
          + " characters";
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private final String localPart;
  private final DomainName domain;

  private EmailAddress(String localPart, DomainName domain) {
    this.localPart = localPart;
    this.domain = domain;
  }

  /**
   * Parses an address.
   *
   * @param address the address
   * @return the email address
   * @throws ValidationException on field {@code email} or {@code email.domainName} when refused
   */
  public static EmailAddress of(String address) {
    if (address.length() > MAX_LENGTH) {
      throw refuse(address, "is too long");
    }
    String s = trimSpaces(address); // a control at either end is refused, not dropped
    int at = s.indexOf('@');
    if (at < 0) {
      throw refuse(address, "has no @");
    }
    if (s.indexOf('@', at + 1) >= 0) {
      throw refuse(address, "has more than one @");
    }
    String local = s.substring(0, at);
    checkLocalPart(address, local);
    String domainPart = s.substring(at + 1);
    if (!domainPart.isEmpty() && Character.isWhitespace(domainPart.charAt(0))) {
      throw refuse(address, "has a space after the @");
    }
    DomainName domain;
    try {
      domain = DomainName.of(domainPart);
    } catch (ValidationException e) {
      throw e.within(FIELD);
    }
    return new EmailAddress(local, domain);
  }

  /** {@return the part before the {@code @}, as given} */
  public String localPart() {
    return localPart;
  }

  /** {@return the domain, canonical} */
  public DomainName domain() {
    return domain;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EmailAddress other
        && localPart.equals(other.localPart)
        && domain.equals(other.domain);
  }

  @Override
  public int hashCode() {
    return localPart.hashCode() * 31 + domain.hashCode();
  }

  /** {@code local@domain}, the domain in its canonical ASCII form. */
  @Override
  public String toString() {
    return localPart + "@" + domain;
  }

  private static void checkLocalPart(String address, String local) {
    if (local.isEmpty()) {
      throw refuse(address, "has an empty local part");
    }
    if (local.length() > MAX_LOCAL_LENGTH) {
      throw refuse(address, "has a local part longer than " + MAX_LOCAL_LENGTH + " characters");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw refuse(address, "has a local part with a leading, trailing or doubled dot");
    }
    for (int i = 0; i < local.length(); i += Character.charCount(local.codePointAt(i))) {
      int c = local.codePointAt(i);
      boolean ok =
          c < 0x80
              ? c == '.'
                  || (c >= 'a' && c <= 'z')
                  || (c >= 'A' && c <= 'Z')
                  || (c >= '0' && c <= '9')
                  || ATEXT_SYMBOLS.indexOf(c) >= 0
              : Character.isLetterOrDigit(c);
      if (!ok) {
        String what =
            c == '"'
                ? "a quoted local part"
                : c == '(' || c == ')' ? "a comment" : String.format("the character U+%04X", c);
        throw refuse(address, "holds " + what + " in its local part");
      }
    }
  }

  private static ValidationException refuse(String value, String problem) {
    return new ValidationException(FIELD, value, problem, ACCEPTS);
  }

  /**
   * {@code text} without the U+0020 spaces at either end: unlike {@link String#strip()}, it leaves
   * tabs, line breaks and other controls in place for the checks to refuse.
   */
  static String trimSpaces(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && text.charAt(from) == ' ') {
      from++;
    }
    while (to > from && text.charAt(to - 1) == ' ') {
      to--;
    }
    return text.substring(from, to);
  }
}
