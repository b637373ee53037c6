package dev.entente.model;

import dev.entente.errors.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A host directory: the host's own tenant to which a set of connected organizations belongs — an
 * Entra tenant, a Keycloak realm, one customer of a multi-tenant product (R-DIR-1). Every
 * organization, identity-source uniqueness (R-SRC-2), change sequence, audit record and decision
 * belongs to exactly one; nothing of one is visible to another. Not to be confused with a sponsor's
 * directory object id ({@link Sponsor#id()}), an object <em>in</em> Entra's directory.
 *
 * <p>Accepted: 1 to {@value #MAX_LENGTH} visible ASCII characters, no spaces, compared exactly
 * (case counts). The host chooses the form: a realm's id, a tenant's id, a customer's key. {@link
 * #DEFAULT} is the directory of code written before directories, and of a database upgraded from a
 * release without them (R-DIR-4).
 */
public final class HostDirectory implements Comparable<HostDirectory> {
  /** Longest accepted identifier, in characters. */
  public static final int MAX_LENGTH = 128;

  /** The directory {@code default}: where the single-directory API reads and writes (R-DIR-4). */
  public static final HostDirectory DEFAULT = new HostDirectory("default");

  private final String value;

  private HostDirectory(String value) {
    this.value = value;
  }

  /**
   * {@return the directory with this identifier}
   *
   * @param value the identifier
   * @throws ValidationException on field {@code directory} when it is empty, longer than {@value
   *     #MAX_LENGTH} characters, or holds spaces, control or non-ASCII characters
   */
  public static HostDirectory of(String value) {
    String checked = Text.opaqueId("directory", value, MAX_LENGTH);
    return checked.equals(DEFAULT.value) ? DEFAULT : new HostDirectory(checked);
  }

  /** {@return the identifier, as given} */
  public String value() {
    return value;
  }

  /** {@return whether this is {@link #DEFAULT}} */
  public boolean isDefault() {
    return this.equals(DEFAULT);
  }

  @Override
  public int compareTo(HostDirectory other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HostDirectory other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The identifier, as given. */
  @Override
  public String toString() {
    return value;
  }
}
