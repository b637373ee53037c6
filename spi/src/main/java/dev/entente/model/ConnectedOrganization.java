package dev.entente.model;

import dev.entente.errors.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * An external organization the host has a relationship with, whose users may request access
 * (R-ORG-1).
 *
 * <p>Build one with {@link #builder()}; change one with {@link #toBuilder()}, which yields a new
 * value. The builder checks everything that concerns this one organization and refuses bad input
 * with a {@link ValidationException} naming the field:
 *
 * <ul>
 *   <li>{@code displayName}: trimmed, 1 to 256 characters, no control or invisible formatting
 *       characters;
 *   <li>{@code description}: trimmed, at most 1024 characters (tabs and line breaks allowed); empty
 *       means absent;
 *   <li>{@code identitySources}: 1 to {@value #MAX_IDENTITY_SOURCES}, in the caller's order, no two
 *       with the same {@linkplain IdentitySource#key() key} (at least one is a decision of this
 *       library: an organization with none would admit nobody);
 *   <li>{@code internalSponsors}, {@code externalSponsors}: at most {@value #MAX_SPONSORS} each, no
 *       directory id twice across both; adding an equal sponsor again is a no-op (R-SPN-1);
 *   <li>{@code createdAt}, {@code modifiedAt}: from {@link #EARLIEST} to {@link #LATEST} — what
 *       both Graph's {@code DateTimeOffset} and a PostgreSQL {@code timestamptz} hold — kept to the
 *       microsecond (finer digits are dropped, so a stored value reads back equal); {@code
 *       modifiedAt} not before {@code createdAt}.
 * </ul>
 *
 * <p>{@code state} defaults to {@link OrganizationState#CONFIGURED}, {@code modifiedAt} to {@code
 * createdAt}, {@code modifiedBy} to {@code createdBy} and {@code version} to {@link
 * Version#initial()}. That no other organization holds one of the sources (R-SRC-2) is checked by
 * the engine and the store, which see all organizations.
 */
@Value.Immutable
public abstract class ConnectedOrganization implements OrganizationFields {
  /** Most identity sources one organization may hold. */
  public static final int MAX_IDENTITY_SOURCES = 256;

  /** Most internal, and most external, sponsors one organization may hold. */
  public static final int MAX_SPONSORS = 1024;

  /** The earliest {@code createdAt} or {@code modifiedAt} accepted: 0001-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest {@code createdAt} or {@code modifiedAt} accepted: 9999-12-31T23:59:59.999999Z. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** What {@link #EARLIEST} and {@link #LATEST} accept, for error messages. */
  public static final String INSTANTS_ACCEPTED =
      "an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";

  private static final int SMALL = 8;

  ConnectedOrganization() {}

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this value's fields, to make a changed copy} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the opaque, stable id assigned on create} */
  public abstract OrganizationId id();

  /** {@return the name shown for the organization, trimmed} */
  @Override
  public abstract String displayName();

  /** {@return a description, if any} */
  @Override
  public abstract Optional<String> description();

  /**
   * Configured or proposed (R-ORG-2).
   *
   * @return the organization state
   */
  @Override
  @Value.Default
  public OrganizationState state() {
    return OrganizationState.CONFIGURED;
  }

  /** {@return who belongs, in the order given; never empty (R-SRC-1)} */
  @Override
  public abstract List<IdentitySource> identitySources();

  /**
   * Member users or groups of the host directory who sponsor this organization (R-SPN-1).
   *
   * @return the sponsors
   */
  @Override
  public abstract Set<Sponsor> internalSponsors();

  /**
   * Guest users or groups from this organization who sponsor it (R-SPN-1).
   *
   * @return the sponsors
   */
  @Override
  public abstract Set<Sponsor> externalSponsors();

  /** {@return when it was created} */
  public abstract Instant createdAt();

  /** {@return when it last changed; {@link #createdAt()} unless set} */
  @Value.Default
  public Instant modifiedAt() {
    return createdAt();
  }

  /** {@return who created it} */
  public abstract Actor createdBy();

  /** {@return who changed it last; {@link #createdBy()} unless set} */
  @Value.Default
  public Actor modifiedBy() {
    return createdBy();
  }

  /**
   * {@return the version, for optimistic concurrency (R-MGT-4); {@link Version#initial()} unless
   * set}
   */
  @Value.Default
  public Version version() {
    return Version.initial();
  }

  @Value.Check
  ConnectedOrganization normalize() {
    checkIdentitySources();
    checkSponsors();
    Instant created = instant("createdAt", createdAt());
    Instant modified = instant("modifiedAt", modifiedAt());
    if (modified.isBefore(created)) {
      throw new ValidationException(
          "modifiedAt",
          modifiedAt(),
          "is before createdAt " + createdAt(),
          "an instant not before createdAt");
    }
    String name = Text.displayName("displayName", displayName());
    Optional<String> description = description();
    Optional<String> normalized = description;
    if (description.isPresent()) {
      String d = Text.description("description", description.get());
      if (d.isEmpty()) {
        normalized = Optional.empty();
      } else if (!d.equals(description.get())) {
        normalized = Optional.of(d);
      }
    }
    if (name.equals(displayName())
        && normalized.equals(description)
        && created.equals(createdAt())
        && modified.equals(modifiedAt())) {
      return this;
    }
    return toBuilder()
        .displayName(name)
        .description(normalized)
        .createdAt(created)
        .modifiedAt(modified)
        .build();
  }

  /** {@code at} to the microsecond, or a refusal naming {@code field} when out of range. */
  private static Instant instant(String field, Instant at) {
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new ValidationException(field, at, "is out of range", INSTANTS_ACCEPTED);
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  private void checkIdentitySources() {
    List<IdentitySource> sources = identitySources();
    String accepts = "1 to " + MAX_IDENTITY_SOURCES + " identity sources, no two with the same key";
    if (sources.isEmpty()) {
      throw new ValidationException(
          "identitySources", sources, "is empty, so the organization would admit nobody", accepts);
    }
    if (sources.size() > MAX_IDENTITY_SOURCES) {
      throw new ValidationException(
          "identitySources", sources.size() + " sources", "holds too many", accepts);
    }
    // Few sources is the rule: compare pairwise rather than allocate a map on every build.
    Map<IdentitySourceKey, Integer> seen = sources.size() > SMALL ? new HashMap<>() : null;
    for (int i = 0; i < sources.size(); i++) {
      IdentitySourceKey key = sources.get(i).key();
      int earlier = -1;
      if (seen != null) {
        Integer e = seen.putIfAbsent(key, i);
        earlier = e == null ? -1 : e;
      } else {
        for (int j = 0; j < i && earlier < 0; j++) {
          earlier = sources.get(j).key().equals(key) ? j : -1;
        }
      }
      if (earlier >= 0) {
        throw new ValidationException(
            "identitySources[" + i + "]",
            key,
            "claims what identitySources[" + earlier + "] already claims",
            accepts);
      }
    }
  }

  private void checkSponsors() {
    String accepts =
        "at most "
            + MAX_SPONSORS
            + " sponsors in each list, each directory id once across both lists";
    Set<Sponsor> internal = internalSponsors();
    Set<Sponsor> external = externalSponsors();
    if (internal.size() > MAX_SPONSORS) {
      throw new ValidationException(
          "internalSponsors", internal.size() + " sponsors", "holds too many", accepts);
    }
    if (external.size() > MAX_SPONSORS) {
      throw new ValidationException(
          "externalSponsors", external.size() + " sponsors", "holds too many", accepts);
    }
    if (internal.isEmpty() && external.isEmpty()) {
      return;
    }
    if (internal.size() + external.size() <= SMALL && !sharesAnId(internal, external)) {
      return; // the common case, without a map: each set holds an id once already
    }
    Map<String, String> seen = new HashMap<>();
    checkSponsorIds("internalSponsors", internal, seen, accepts);
    checkSponsorIds("externalSponsors", external, seen, accepts);
  }

  private static boolean sharesAnId(Set<Sponsor> internal, Set<Sponsor> external) {
    for (Sponsor a : internal) {
      for (Sponsor b : external) {
        if (a.id().equals(b.id())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void checkSponsorIds(
      String field, Set<Sponsor> sponsors, Map<String, String> seen, String accepts) {
    int i = 0;
    for (Sponsor sponsor : sponsors) {
      String here = field + "[" + i++ + "]";
      String earlier = seen.putIfAbsent(sponsor.id(), here);
      if (earlier != null) {
        throw new ValidationException(
            here + ".id", sponsor.id(), "is already the id of " + earlier, accepts);
      }
    }
  }

  /**
   * Builds {@link ConnectedOrganization} values (R-ORG-1). Its setters:
   *
   * <ul>
   *   <li>{@code id(OrganizationId)}, {@code displayName(String)}, {@code createdAt(Instant)},
   *       {@code createdBy(Actor)} — required;
   *   <li>{@code addIdentitySources(IdentitySource...)}, {@code addAllIdentitySources(Iterable)},
   *       {@code identitySources(Iterable)} — at least one source, in order;
   *   <li>{@code description(String)} or {@code description(Optional)};
   *   <li>{@code state(OrganizationState)} — {@code CONFIGURED} unless set;
   *   <li>{@code addInternalSponsors(Sponsor...)}, {@code addExternalSponsors(Sponsor...)} and
   *       their {@code addAll…} and replacing forms;
   *   <li>{@code modifiedAt(Instant)}, {@code modifiedBy(Actor)} — the creation's unless set;
   *   <li>{@code version(Version)} — {@link Version#initial()} unless set;
   *   <li>{@code from(ConnectedOrganization)} copies a value; {@code build()} checks it and refuses
   *       it with a {@link dev.entente.errors.ValidationException} naming the field.
   * </ul>
   */
  public static final class Builder extends ImmutableConnectedOrganization.Builder {
    Builder() {}
  }
}
