package dev.entente.model;

import dev.entente.errors.ValidationException;

/** Checks for the free-text and opaque-identifier fields of the model. */
final class Text {
  /** Longest display name, in characters (code points), after trimming (R-ORG-1). */
  static final int MAX_DISPLAY_NAME = 256;

  /** Longest description, in characters (code points), after trimming (R-ORG-1). */
  static final int MAX_DESCRIPTION = 1024;

  static final String DISPLAY_NAME_ACCEPTS =
      "1 to "
          + MAX_DISPLAY_NAME
          + " characters after trimming, with no control, line-break or"
          + " invisible formatting characters";
  static final String DESCRIPTION_ACCEPTS =
      "up to "
          + MAX_DESCRIPTION
          + " characters after trimming; tabs and line breaks, but no other"
          + " control or invisible formatting characters";

  private Text() {}

  /** A display name, trimmed, or a refusal naming {@code field}. */
  static String displayName(String field, String value) {
    if (value.length() > 4 * MAX_DISPLAY_NAME) {
      throw new ValidationException(field, value, "is too long", DISPLAY_NAME_ACCEPTS);
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new ValidationException(field, value, "is empty", DISPLAY_NAME_ACCEPTS);
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_DISPLAY_NAME) {
      throw new ValidationException(field, value, "is too long", DISPLAY_NAME_ACCEPTS);
    }
    int bad = firstForbidden(trimmed, false);
    if (bad >= 0) {
      throw new ValidationException(
          field,
          value,
          "holds " + describe(trimmed, bad) + " at index " + bad,
          DISPLAY_NAME_ACCEPTS);
    }
    return trimmed;
  }

  /** A description, trimmed, or a refusal naming {@code field}. Empty after trimming is allowed. */
  static String description(String field, String value) {
    if (value.length() > 4 * MAX_DESCRIPTION) {
      throw new ValidationException(field, value, "is too long", DESCRIPTION_ACCEPTS);
    }
    String trimmed = value.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_DESCRIPTION) {
      throw new ValidationException(field, value, "is too long", DESCRIPTION_ACCEPTS);
    }
    int bad = firstForbidden(trimmed, true);
    if (bad >= 0) {
      throw new ValidationException(
          field,
          value,
          "holds " + describe(trimmed, bad) + " at index " + bad,
          DESCRIPTION_ACCEPTS);
    }
    return trimmed;
  }

  /**
   * An opaque identifier: 1 to {@code max} visible ASCII characters (no spaces), or a refusal
   * naming {@code field}.
   */
  static String opaqueId(String field, String value, int max) {
    if (value.isEmpty()) {
      throw new ValidationException(field, value, "is empty", opaqueIdAccepts(max));
    }
    if (value.length() > max) {
      throw new ValidationException(field, value, "is too long", opaqueIdAccepts(max));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new ValidationException(
            field, value, "holds " + describe(value, i) + " at index " + i, opaqueIdAccepts(max));
      }
    }
    return value;
  }

  private static String opaqueIdAccepts(int max) {
    return "1 to " + max + " visible ASCII characters (no spaces)";
  }

  /**
   * True for characters that change how text reads without being seen: bidirectional controls,
   * zero-width spaces, soft hyphens and the other format characters of Unicode category Cf, except
   * the zero-width (non-)joiners that some scripts and emoji need.
   */
  static boolean isInvisible(char c) {
    return Character.getType(c) == Character.FORMAT && c != '\u200C' && c != '\u200D';
  }

  static boolean isPairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return true;
  }

  /**
   * The index of the first code point free text may not hold, or -1: controls (but tabs and line
   * breaks where {@code allowLineBreaks}), line and paragraph separators, format characters of
   * every plane (bidirectional controls, zero-width spaces, tag characters …) except the zero-width
   * (non-)joiners that scripts and emoji need, private-use and unassigned code points, and unpaired
   * surrogates. It walks code points, so supplementary characters are checked too.
   */
  private static int firstForbidden(String s, boolean allowLineBreaks) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c >= 0x20 && c < 0x7f) {
        i++; // printable ASCII, the common case: never forbidden
        continue;
      }
      boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
      if (!(allowLineBreaks && lineBreak) && isForbidden(c)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  private static boolean isForbidden(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SURROGATE -> // only an unpaired one reaches here: codePointAt joins pairs
          true;
      case Character.FORMAT -> c != 0x200C && c != 0x200D;
      default -> false;
    };
  }

  private static String describe(String s, int i) {
    int c = s.codePointAt(i);
    String name = Character.getName(c);
    return String.format("the character U+%04X%s", c, name == null ? " (unassigned)" : " " + name);
  }
}
