package dev.entente.model;

import dev.entente.errors.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The version of a stored organization, for optimistic concurrency (R-ORG-1, R-MGT-4): a positive
 * number that a store raises by one on every write. An update or delete names the version it was
 * based on, and a store refuses it when that is no longer the current one.
 */
public final class Version implements Comparable<Version> {
  private static final Version INITIAL = new Version(1);

  private final long value;

  private Version(long value) {
    this.value = value;
  }

  /** {@return the version of a newly created organization: 1} */
  public static Version initial() {
    return INITIAL;
  }

  /**
   * {@return a version by number}
   *
   * @param value the value
   * @throws ValidationException on field {@code version} when {@code value} is below 1
   */
  public static Version of(long value) {
    if (value < 1) {
      throw new ValidationException("version", value, "is below 1", "a whole number from 1 up");
    }
    return value == 1 ? INITIAL : new Version(value);
  }

  /** {@return the number} */
  public long value() {
    return value;
  }

  /**
   * {@return the version after this one}
   *
   * @throws ValidationException on field {@code version} for the last version there is, {@link
   *     Long#MAX_VALUE}
   */
  public Version next() {
    if (value == Long.MAX_VALUE) {
      throw new ValidationException(
          "version", value, "is the last version there is", "a version below " + Long.MAX_VALUE);
    }
    return new Version(value + 1);
  }

  @Override
  public int compareTo(Version other) {
    return Long.compare(value, other.value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Version other && value == other.value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
