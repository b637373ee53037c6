package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.model.Sponsor;

/**
 * A user or group of the host directory, as an approver resolves to one.
 *
 * @param kind user or group
 * @param id the directory object id
 */
public record Principal(Sponsor.Kind kind, String id) {
  public Principal {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
  }

  /** A user. */
  public static Principal user(String id) {
    return new Principal(Sponsor.Kind.USER, id);
  }

  /** A group. */
  public static Principal group(String id) {
    return new Principal(Sponsor.Kind.GROUP, id);
  }

  /** The principal a sponsor refers to. */
  public static Principal of(Sponsor sponsor) {
    return new Principal(sponsor.kind(), sponsor.id());
  }

  @Override
  public String toString() {
    return (kind == Sponsor.Kind.USER ? "user " : "group ") + id;
  }
}
