package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.entente.errors.EntenteException;
import dev.entente.errors.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Graph JSON that Entente cannot take, named by its place: a JSON pointer (RFC 6901) into the
 * document, and the line and column where reading stopped (R-GPH-2). Thrown for broken JSON
 * (truncated, a wrong token, a duplicate key, nesting or a string past the reader's limits), for a
 * property of the wrong JSON type, for an identity-source type Graph v1.0 does not have, and for
 * values the model refuses, which then carry the model's {@link ValidationException} as the cause.
 *
 * <p>Whether reading can go on after one is told by {@link #recoverable()}: a problem inside one
 * organization leaves the reader at the next organization; broken JSON ends the document.
 */
public final class GraphFormatException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /** Where: a JSON pointer. */
  private final String pointer;

  /** The offending value, quoted. */
  private final String rejectedValue;

  /** What is wrong. */
  private final String problem;

  /** What would be accepted. */
  private final String accepted;

  /** The line, or -1. */
  private final long line;

  /** The column, or -1. */
  private final long column;

  /** Whether reading can go on. */
  private final boolean recoverable;

  /**
   * A problem at {@code pointer}, told by {@code what}: the model's refusal, or one this module
   * makes with the pointer as its field.
   */
  GraphFormatException(
      String pointer,
      ValidationException what,
      long line,
      long column,
      boolean recoverable,
      @Nullable Throwable cause) {
    super(
        (pointer.isEmpty() ? "(document)" : pointer)
            + (line > 0 ? " (line " + line + ", column " + column + ")" : "")
            + (what.rejectedValue().isEmpty() && cause instanceof JsonProcessingException
                ? ": "
                : ": \"" + what.rejectedValue() + "\" ")
            + what.problem()
            + "; accepted: "
            + what.accepted()
            + ".",
        cause);
    this.pointer = requireNonNull(pointer, "pointer");
    this.rejectedValue = what.rejectedValue();
    this.problem = what.problem();
    this.accepted = what.accepted();
    this.line = line;
    this.column = column;
    this.recoverable = recoverable;
  }

  /** The model refused a value read at {@code pointer}; the reader can go on. */
  static GraphFormatException refused(String pointer, ValidationException refusal) {
    return new GraphFormatException(pointer, refusal, -1, -1, true, refusal);
  }

  /**
   * Where in the document: a JSON pointer such as {@code /value/3/identitySources/0/@odata.type};
   * empty for the document itself. In a file of several concatenated pages, the pointer is within
   * the page, and {@link #line()} tells which.
   *
   * @return the JSON pointer of the offending value
   */
  public String pointer() {
    return pointer;
  }

  /**
   * The offending value, quoted and shortened as {@link ValidationException#rejectedValue()} does.
   *
   * @return the offending value
   */
  public String rejectedValue() {
    return rejectedValue;
  }

  /** {@return what is wrong with it} */
  public String problem() {
    return problem;
  }

  /** {@return what would have been accepted} */
  public String accepted() {
    return accepted;
  }

  /**
   * The line, from 1, where reading stopped; -1 when the problem was found after reading (a value
   * the model refused).
   *
   * @return the line, or -1
   */
  public long line() {
    return line;
  }

  /**
   * The column, from 1, where reading stopped; -1 when not known.
   *
   * @return the column, or -1
   */
  public long column() {
    return column;
  }

  /**
   * Whether the reader skipped just the organization at fault and can read on; false when the
   * document itself is broken.
   *
   * @return whether reading can go on
   */
  public boolean recoverable() {
    return recoverable;
  }
}
