package dev.entente.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the command prints, by masking them where a secret stands: a
 * URL's password ({@code //user:password@host}), and the value of a parameter that names one
 * ({@code password=}, {@code sslpassword=}, {@code client_secret=}, in any case) — so that a
 * driver's message that quotes the URL (pgjdbc's "URL invalid …") or a stack trace cannot show one.
 * A password given in {@code --jdbc} is masked wherever it stands as a word of its own, since the
 * driver may echo it out of its URL (pgjdbc takes {@code user:password@host} for a host name).
 * Nothing else is touched: text that merely contains a secret's letters is left as it is, so the
 * message stays readable and does not point at the secret by its mask.
 */
final class Secrets {
  /**
   * A parameter that names a secret, any case, up to {@code &}, {@code ;}, {@code #}, a space or a
   * quote (a quoted URL keeps its closing quote).
   */
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)((?:ssl)?password=|client_secret=)([^&;#\\s\"'<>]*)");

  /** The password of a URL's user info: {@code //user:password@host}. */
  private static final Pattern USER_INFO_PASSWORD =
      Pattern.compile("(//[^/@:\\s\"']*:)([^/@\\s\"']*)(@)");

  /** Shorter passwords are masked where they stand in a URL only, never as a word elsewhere. */
  private static final int SHORTEST_WORD = 4;

  private static final String MASK = "***";

  private static final List<Pattern> given = new ArrayList<>();

  private Secrets() {}

  /** Remembers the passwords {@code url} holds, to mask them wherever they stand as a word. */
  static synchronized void rememberFrom(String url) {
    for (Pattern p : List.of(SECRET_PARAMETER, USER_INFO_PASSWORD)) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        String password = m.group(2);
        for (String spelling :
            List.of(password, URLDecoder.decode(password, StandardCharsets.UTF_8))) {
          if (spelling.length() >= SHORTEST_WORD) {
            given.add(
                Pattern.compile(
                    "(?<![\\p{Alnum}])" + Pattern.quote(spelling) + "(?![\\p{Alnum}])"));
          }
        }
      }
    }
  }

  /** Forgets what was remembered, for a new run in the same process. */
  static synchronized void forget() {
    given.clear();
  }

  /** {@return {@code text} with every password in a URL or a secret's parameter masked} */
  static synchronized String scrub(String text) {
    String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    masked = USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "$3");
    for (Pattern password : given) {
      masked = password.matcher(masked).replaceAll(MASK);
    }
    return masked;
  }
}
