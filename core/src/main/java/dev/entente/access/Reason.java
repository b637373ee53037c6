package dev.entente.access;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One reason of an {@link AccessDecision} (R-DEC-1): a machine-readable {@link ReasonCode} and the
 * values that fill its sentence. The sentence is made only when asked for.
 */
public final class Reason {
  private final ReasonCode code;
  private final Object[] args;

  private Reason(ReasonCode code, Object[] args) {
    this.code = code;
    this.args = args;
  }

  static Reason of(ReasonCode code, Object... args) {
    return new Reason(requireNonNull(code, "code"), args);
  }

  /** {@return the code} */
  public ReasonCode code() {
    return code;
  }

  /** {@return the values the sentence is made of, in order} */
  public List<Object> arguments() {
    return List.of(args);
  }

  /** {@return the reason as a sentence a person can read} */
  public String sentence() {
    return String.format(code.template(), args);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Reason other && code == other.code && Arrays.equals(args, other.args);
  }

  @Override
  public int hashCode() {
    return code.hashCode() * 31 + Arrays.hashCode(args);
  }

  /** {@code CODE: sentence}. */
  @Override
  public String toString() {
    return code + ": " + sentence();
  }
}
