package dev.entente.model;

import dev.entente.errors.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The issuer (SAML entity id or WS-Fed issuer) of a federated identity provider: an absolute {@code
 * https} URI (R-SRC-1).
 *
 * <p>Issuers are compared exactly, as federation protocols compare them, after the only
 * normalisation RFC 3986 makes safe for {@code https}: scheme and host in lower case and the
 * default port {@code :443} dropped. The path, query and their case are kept as given, so {@code
 * https://sts.fabrikam.com/adfs} and {@code https://sts.fabrikam.com/ADFS} are different issuers.
 *
 * <p>Refused with a {@link ValidationException} on field {@code issuerUri}: anything longer than
 * {@value #MAX_LENGTH} characters, holding spaces, control or non-ASCII characters (percent-encode
 * them), not a URI, not absolute, another scheme than {@code https}, no host or a non-ASCII host
 * (use punycode), user information ({@code https://user@host}), a port outside 1 to 65535, or a
 * fragment.
 */
public final class IssuerUri {
  /** Longest accepted issuer, in characters. */
  public static final int MAX_LENGTH = 2048;

  private static final String FIELD = "issuerUri";
  static final String ACCEPTS =
      "an absolute https URI of ASCII characters, with no user information and no fragment, such as"
          + " https://sts.fabrikam.com/adfs/services/trust, at most "
          + MAX_LENGTH
          + " characters";

  private final String value;

  private IssuerUri(String value) {
    this.value = value;
  }

  /**
   * Parses an issuer.
   *
   * @param uri the issuer URI
   * @return the issuer uri
   * @throws ValidationException on field {@code issuerUri} when refused (see the class comment)
   */
  public static IssuerUri of(String uri) {
    if (uri.length() > MAX_LENGTH) {
      throw refuse(uri, "is too long");
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw refuse(uri, String.format("holds the character U+%04X at index %d", (int) c, i));
      }
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw refuse(uri, "is not a URI (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    if (!parsed.isAbsolute() || parsed.isOpaque()) {
      throw refuse(uri, "is not an absolute hierarchical URI");
    }
    if (!"https".equalsIgnoreCase(parsed.getScheme())) {
      throw refuse(uri, "does not use https");
    }
    if (parsed.getRawUserInfo() != null) {
      throw refuse(uri, "holds user information");
    }
    if (parsed.getRawFragment() != null) {
      throw refuse(uri, "holds a fragment");
    }
    String host = parsed.getHost();
    if (host == null || host.isEmpty()) { // ASCII: every character was checked above
      throw refuse(uri, "has no host");
    }
    int port = parsed.getPort();
    if (port == 0 || port > 65_535) {
      throw refuse(uri, "has the port " + port + ", outside 1 to 65535");
    }
    StringBuilder out =
        new StringBuilder(uri.length()).append("https://").append(host.toLowerCase(Locale.ROOT));
    if (port != -1 && port != 443) {
      out.append(':').append(port);
    }
    out.append(parsed.getRawPath() == null ? "" : parsed.getRawPath());
    if (parsed.getRawQuery() != null) {
      out.append('?').append(parsed.getRawQuery());
    }
    return new IssuerUri(out.toString());
  }

  /** {@return the issuer as a {@link URI}} */
  public URI toUri() {
    return URI.create(value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IssuerUri other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The normalised issuer. */
  @Override
  public String toString() {
    return value;
  }

  private static ValidationException refuse(String value, String problem) {
    return new ValidationException(FIELD, value, problem, ACCEPTS);
  }
}
