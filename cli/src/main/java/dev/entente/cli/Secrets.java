package dev.entente.cli;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the command prints, by masking them where a secret stands: a
 * URL's password ({@code //user:password@host}), and the value of a parameter that names one
 * ({@code password=}, {@code sslpassword=}, {@code client_secret=}, in any case) — so that a
 * driver's message that quotes the URL (pgjdbc's "URL invalid …") or a stack trace cannot show one.
 * Nothing else is touched: a secret's text elsewhere in a message (a word that happens to spell it)
 * is left as it is, so the message stays readable and does not point at the secret by its mask.
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

  private static final String MASK = "***";

  private Secrets() {}

  /** {@return {@code text} with every password in a URL or a secret's parameter masked} */
  static String scrub(String text) {
    String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "$3");
  }
}
