package dev.entente.entra;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a server's text may put into Entente's messages (R-ENT-4). A gateway in front of Graph, or
 * anything answering in its place, can echo the request — its {@code Authorization} header, a
 * token, a secret — into an error's text, and a message ends up in logs. So:
 *
 * <ul>
 *   <li>an error code is kept only when it has the shape of one (letters, digits, {@code _ . -}, at
 *       most 100 characters), else dropped;
 *   <li>a message is cut to {@value #MAX_MESSAGE} characters, control characters become spaces, and
 *       every run of 20 or more characters of the alphabets tokens and secrets are written in
 *       (base64, base64url, hexadecimal, with dots: a JWT, an opaque token, a client secret) that
 *       is not a GUID is replaced by {@code ***}, and so is whatever follows {@code Bearer} or
 *       {@code Basic}.
 * </ul>
 *
 * Graph's own messages ("Insufficient privileges to complete the operation.", "Resource '8a1e…'
 * does not exist") pass unchanged.
 */
final class ServerText {
  /** The longest message kept, in characters. */
  static final int MAX_MESSAGE = 300;

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+\\S+");
  private static final Pattern CREDENTIAL_SHAPED = Pattern.compile("[A-Za-z0-9+=_.~-]{20,}");
  private static final Pattern DIGIT = Pattern.compile("[0-9]");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.?");

  private ServerText() {}

  /** {@return {@code code} when it has the shape of an error code, else null} */
  static @Nullable String code(@Nullable String code) {
    return code != null && CODE.matcher(code).matches() ? code : null;
  }

  /** {@return {@code text} as a message may carry it; empty for none} */
  static String message(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    StringBuilder plain = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> plain.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String scrubbed = SCHEME.matcher(plain).replaceAll("$1 ***");
    return CREDENTIAL_SHAPED
        .matcher(scrubbed)
        .replaceAll(m -> credential(m.group()) ? "***" : m.group());
  }

  /**
   * Whether a run of a token's alphabet is one: random text mixes letters and digits, and is no
   * GUID (which messages name objects by), nor a word of letters (a path segment such as {@code
   * entitlementManagement}).
   */
  private static boolean credential(String run) {
    return DIGIT.matcher(run).find() && LETTER.matcher(run).find() && !GUID.matcher(run).matches();
  }
}
