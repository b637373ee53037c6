package dev.entente.model;

import dev.entente.errors.ValidationException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The opaque, stable id of a connected organization, assigned when it is created (R-ORG-1).
 *
 * <p>Stores choose the form; Entente's own store uses random UUIDs, as Microsoft Graph does.
 * Accepted: 1 to {@value #MAX_LENGTH} visible ASCII characters, no spaces.
 */
public final class OrganizationId implements Comparable<OrganizationId> {
  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 128;

  private final String value;

  private OrganizationId(String value) {
    this.value = value;
  }

  /**
   * {@return an id as a store issued it}
   *
   * @param value the value
   * @throws ValidationException on field {@code id} when it is empty, too long, or holds spaces,
   *     control or non-ASCII characters
   */
  public static OrganizationId of(String value) {
    return new OrganizationId(Text.opaqueId("id", value, MAX_LENGTH));
  }

  /** {@return a new random id (a UUID in its lower-case text form)} */
  public static OrganizationId random() {
    return new OrganizationId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(OrganizationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof OrganizationId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The id as issued. */
  @Override
  public String toString() {
    return value;
  }
}
