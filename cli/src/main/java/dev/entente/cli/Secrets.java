package dev.entente.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the command prints. A URL the command echoes is masked
 * ({@link #maskUrl}); and every line it prints on a failure is scrubbed of each secret it was given
 * ({@link #scrub}), so that a driver's message that quotes the URL (pgjdbc's "URL invalid …") or a
 * stack trace cannot show one either.
 */
final class Secrets {
  /**
   * {@code password=…} and {@code sslpassword=…} in a query, any case, up to {@code &} or {@code
   * ;}.
   */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:ssl)?password=)([^&;#\\s]*)");

  /** The password of a URL's user info: {@code //user:password@host}. */
  private static final Pattern USER_INFO_PASSWORD =
      Pattern.compile("(//[^/@:\\s]*:)([^/@\\s]*)(@)");

  private static final String MASK = "***";

  private static final List<String> known = new ArrayList<>();

  private Secrets() {}

  /** {@return {@code url} with every password in it replaced by {@code ***}} */
  static String maskUrl(String url) {
    String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + MASK);
    return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "$3");
  }

  /** Remembers the passwords {@code url} holds, to scrub them from what is printed. */
  static synchronized void rememberFrom(String url) {
    for (Pattern p : List.of(PASSWORD_PARAMETER, USER_INFO_PASSWORD)) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        remember(m.group(2));
      }
    }
  }

  /** Remembers a secret, such as {@code PGPASSWORD}'s value, to scrub it from what is printed. */
  static synchronized void remember(String secret) {
    if (!secret.isEmpty() && !known.contains(secret)) {
      known.add(secret);
      // A URL-encoded password shows decoded in a driver's message, and the other way round.
      String decoded = java.net.URLDecoder.decode(secret, java.nio.charset.StandardCharsets.UTF_8);
      if (!decoded.equals(secret)) {
        known.add(decoded);
      }
    }
  }

  /** {@return {@code text} with every password masked: in URLs, and each secret remembered} */
  static synchronized String scrub(String text) {
    String out = maskUrl(text);
    for (String secret : known) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** Forgets what was remembered, for a new run in the same process. */
  static synchronized void forget() {
    known.clear();
  }
}
