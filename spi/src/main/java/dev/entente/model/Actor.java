package dev.entente.model;

import dev.entente.errors.ValidationException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who made a change (R-ORG-1): an administrator, an application calling the API, or the system
 * itself, as when an organization is proposed automatically for an approved requestor (R-POL-3).
 */
public final class Actor {
  /** The kinds of actor. */
  public enum Kind {
    /** A person, by their directory id or user principal name. */
    ADMINISTRATOR,
    /** An application calling the API, by its application (client) id. */
    APPLICATION,
    /** Entente itself, for changes no person or application asked for. */
    SYSTEM
  }

  /** Longest accepted actor id, in characters. */
  public static final int MAX_ID_LENGTH = 256;

  private static final Actor SYSTEM = new Actor(Kind.SYSTEM, null);

  private final Kind kind;
  private final @Nullable String id;

  private Actor(Kind kind, @Nullable String id) {
    this.kind = kind;
    this.id = id;
  }

  /**
   * {@return an administrator}
   *
   * @param id the id
   * @throws ValidationException on field {@code actor.id} unless the id is 1 to {@value
   *     #MAX_ID_LENGTH} visible ASCII characters
   */
  public static Actor administrator(String id) {
    return new Actor(Kind.ADMINISTRATOR, Text.opaqueId("actor.id", id, MAX_ID_LENGTH));
  }

  /**
   * {@return an application}
   *
   * @param id the id
   * @throws ValidationException on field {@code actor.id} unless the id is 1 to {@value
   *     #MAX_ID_LENGTH} visible ASCII characters
   */
  public static Actor application(String id) {
    return new Actor(Kind.APPLICATION, Text.opaqueId("actor.id", id, MAX_ID_LENGTH));
  }

  /**
   * Entente itself.
   *
   * @return the actor
   */
  public static Actor system() {
    return SYSTEM;
  }

  /**
   * Who acted: an administrator, an application or the system.
   *
   * @return the kind of actor
   */
  public Kind kind() {
    return kind;
  }

  /** {@return the administrator's or application's id; empty for the system} */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Actor other && kind == other.kind && java.util.Objects.equals(id, other.id);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + (id == null ? 0 : id.hashCode());
  }

  /** {@code administrator:<id>}, {@code application:<id>} or {@code system}. */
  @Override
  public String toString() {
    return id == null ? "system" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
