package dev.entente.model;

import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A reference to a user or group of the host directory who is a point of contact for a connected
 * organization (R-SPN-1). Internal sponsors are member users or groups; external sponsors are guest
 * users or groups from the organization, already in the directory. Sponsors can serve as approvers
 * (R-APR-1).
 *
 * <p>A sponsor is identified by its directory object id: one organization cannot list the same id
 * twice, nor as both an internal and an external sponsor.
 */
@Value.Immutable
public abstract class Sponsor {
  /** Longest accepted directory object id, in characters. */
  public static final int MAX_ID_LENGTH = 128;

  /** What a sponsor refers to. */
  public enum Kind {
    /** A user. */
    USER,
    /** A group; each of its members may act as the sponsor. */
    GROUP
  }

  Sponsor() {}

  /**
   * {@return a user sponsor by directory object id}
   *
   * @param id the id
   */
  public static Sponsor user(String id) {
    return builder().kind(Kind.USER).id(id).build();
  }

  /**
   * {@return a group sponsor by directory object id}
   *
   * @param id the id
   */
  public static Sponsor group(String id) {
    return builder().kind(Kind.GROUP).id(id).build();
  }

  /**
   * {@return a sponsor with a display name}
   *
   * @param kind the kind
   * @param id the id
   * @param displayName the display name
   */
  public static Sponsor of(Kind kind, String id, String displayName) {
    return builder().kind(kind).id(id).displayName(displayName).build();
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * User or group.
   *
   * @return the kind
   */
  @Value.Auxiliary
  public abstract Kind kind();

  /** {@return the directory object id: 1 to {@value #MAX_ID_LENGTH} visible ASCII characters} */
  public abstract String id();

  /** {@return the name shown for the sponsor, if known} */
  @Value.Auxiliary
  public abstract Optional<String> displayName();

  @Value.Check
  Sponsor normalize() {
    String id = checkDirectoryObjectId("id", id());
    Optional<String> name = displayName().map(n -> Text.displayName("displayName", n));
    return name.equals(displayName()) && id.equals(id())
        ? this
        : toBuilder().id(id).displayName(name).build();
  }

  /**
   * A directory object id in its canonical form (R-SPN-1): an id that is a GUID in lower case, as
   * directory object ids compare case-insensitively; any other id as given.
   *
   * @param field the field to name when the id is refused
   * @param id the id
   * @return the canonical id
   * @throws dev.entente.errors.ValidationException on {@code field} unless 1 to {@value
   *     #MAX_ID_LENGTH} visible ASCII characters
   */
  public static String checkDirectoryObjectId(String field, String id) {
    Text.opaqueId(field, id, MAX_ID_LENGTH);
    return isGuid(id) ? id.toLowerCase(Locale.ROOT) : id;
  }

  private static boolean isGuid(String s) {
    return s.length() == 36 && TenantId.firstNonGuidCharacter(s) < 0;
  }

  @Override
  public String toString() {
    return kind().name().toLowerCase(Locale.ROOT)
        + ":"
        + id()
        + displayName().map(n -> " (" + n + ")").orElse("");
  }

  /**
   * Builds {@link Sponsor} values. Its setters: {@code kind(Sponsor.Kind)} and {@code id(String)}
   * (both required), {@code displayName(String)} or {@code displayName(Optional)}; {@code
   * from(Sponsor)} copies a value; {@code build()} checks it (R-SPN-1).
   */
  public static final class Builder extends ImmutableSponsor.Builder {
    Builder() {}
  }
}
