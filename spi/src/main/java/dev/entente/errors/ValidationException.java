package dev.entente.errors;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A value was refused: it names the {@linkplain #field() field}, the {@linkplain #rejectedValue()
 * rejected value} and {@linkplain #accepted() what is accepted}. Nothing was changed.
 *
 * <p>The rejected value is quoted in the message with control and invisible characters escaped as
 * {@code \}{@code uXXXX} and cut to {@value #MAX_QUOTED_LENGTH} characters, so an error can be
 * logged without letting the input forge log lines or hide what it held.
 */
public final class ValidationException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** How many characters of a rejected value the message and {@link #rejectedValue()} keep. */
  public static final int MAX_QUOTED_LENGTH = 120;

  /** The refused field, as a path from the value being built. */
  private final String field;

  /** The refused value, escaped and shortened. */
  private final String rejectedValue;

  /** What is wrong with the value. */
  private final String problem;

  /** What the field accepts. */
  private final String accepted;

  /**
   * A refusal.
   *
   * @param field the field, as a caller would name it ({@code "displayName"}, {@code
   *     "identitySources[1].domainName"})
   * @param rejectedValue the value as given; it is escaped and shortened for the message
   * @param problem what is wrong with it, as a sentence fragment ("is empty")
   * @param accepted what the field accepts, as a sentence fragment
   */
  public ValidationException(String field, Object rejectedValue, String problem, String accepted) {
    this(field, quote(render(rejectedValue)), problem, accepted, null);
  }

  private ValidationException(
      String field, String quoted, String problem, String accepted, @Nullable Throwable cause) {
    super(field + ": \"" + quoted + "\" " + problem + "; accepted: " + accepted + ".", cause);
    this.field = requireNonNull(field, "field");
    this.rejectedValue = quoted;
    this.problem = requireNonNull(problem, "problem");
    this.accepted = requireNonNull(accepted, "accepted");
  }

  /**
   * {@return the field that was refused, as a path from the value being built ({@code
   * "identitySources[0].tenantId"})}
   */
  public String field() {
    return field;
  }

  /** {@return the rejected value, escaped and shortened as described in the class comment} */
  public String rejectedValue() {
    return rejectedValue;
  }

  /** {@return what is wrong with the value, as a sentence fragment ("is empty")} */
  public String problem() {
    return problem;
  }

  /** {@return what the field accepts, as a sentence fragment} */
  public String accepted() {
    return accepted;
  }

  /**
   * This refusal seen from a value that holds the refused one: {@code "tenantId"} becomes {@code
   * "identitySources[0].tenantId"}. The original is kept as the cause.
   *
   * @param outerField the outer field
   * @return this refusal seen from a value that holds the refused one: {@code "tenantId"} becomes
   *     {@code "identitySources[0].tenantId"}
   */
  public ValidationException within(String outerField) {
    return new ValidationException(
        outerField + "." + field, rejectedValue, problem, accepted, this);
  }

  /** How many elements of a rejected collection a message shows. */
  private static final int MAX_QUOTED_ELEMENTS = 10;

  /**
   * The rejected value as text, without building more of it than a message shows: a collection
   * shows its first {@value #MAX_QUOTED_ELEMENTS} elements and how many there are.
   */
  static String render(Object value) {
    if (value instanceof java.util.Collection<?> collection
        && collection.size() > MAX_QUOTED_ELEMENTS) {
      StringBuilder out = new StringBuilder("[");
      java.util.Iterator<?> it = collection.iterator();
      for (int i = 0; i < MAX_QUOTED_ELEMENTS; i++) {
        out.append(i == 0 ? "" : ", ").append(it.next());
      }
      return out.append(", … ").append(collection.size()).append(" in all]").toString();
    }
    return String.valueOf(value);
  }

  /**
   * The value as a message may quote it: walked by code point, with quotes and backslashes escaped,
   * and every control, format, private-use, unassigned, separator or unpaired surrogate code point
   * written as {@code \}{@code u{XXXX}} so that nothing in a log line is hidden.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED_LENGTH) + 8);
    int i = 0;
    while (i < value.length() && out.length() < MAX_QUOTED_LENGTH) {
      int c = value.codePointAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else if (isHidden(c)) {
        out.append("\\u{")
            .append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT))
            .append('}');
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    if (i < value.length()) {
      out.append("\u2026(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }

  private static boolean isHidden(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          codePoint != ' ';
      // Combining grapheme joiner and variation selectors draw nothing on their own.
      default ->
          codePoint == 0x034F
              || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
              || (codePoint >= 0x180B && codePoint <= 0x180F)
              || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    };
  }
}
