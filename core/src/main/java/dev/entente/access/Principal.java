package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import dev.entente.model.Sponsor;

/**
 * A user or group of the host directory, as an approver resolves to one.
 *
 * @param kind user or group
 * @param id the directory object id
 */
public record Principal(Sponsor.Kind kind, String id) {
  /**
   * A principal.
   *
   * @param kind the kind
   * @param id the id
   * @throws ValidationException on field {@code id} unless 1 to {@value Sponsor#MAX_ID_LENGTH}
   *     visible ASCII characters, as a directory object id is
   */
  public Principal {
    requireNonNull(kind, "kind");
    id = checkDirectoryObjectId("id", id);
  }

  /**
   * The canonical directory object id (a GUID in lower case), or a refusal of anything but 1 to
   * {@value Sponsor#MAX_ID_LENGTH} visible ASCII characters.
   */
  static String checkDirectoryObjectId(String field, String id) {
    return Sponsor.checkDirectoryObjectId(field, id);
  }

  /**
   * {@return a user}
   *
   * @param id the id
   */
  public static Principal user(String id) {
    return new Principal(Sponsor.Kind.USER, id);
  }

  /**
   * {@return a group}
   *
   * @param id the id
   */
  public static Principal group(String id) {
    return new Principal(Sponsor.Kind.GROUP, id);
  }

  /**
   * {@return the principal a sponsor refers to}
   *
   * @param sponsor the sponsor
   */
  public static Principal of(Sponsor sponsor) {
    return new Principal(sponsor.kind(), sponsor.id());
  }

  @Override
  public String toString() {
    return (kind == Sponsor.Kind.USER ? "user " : "group ") + id;
  }
}
