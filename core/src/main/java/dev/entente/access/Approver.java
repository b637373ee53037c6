package dev.entente.access;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who approves at one stage of a policy (R-APR-1): a fixed user or group, or the internal or
 * external sponsors of the requestor's connected organization, resolved at decision time.
 */
public final class Approver {
  /** The kinds of approver. */
  public enum Kind {
    /** A fixed directory user or group. */
    PRINCIPAL,
    /** The internal sponsors of the requestor's organization ({@code internalSponsors} in Graph). */
    INTERNAL_SPONSORS,
    /** The external sponsors of the requestor's organization ({@code externalSponsors} in Graph). */
    EXTERNAL_SPONSORS
  }

  private static final Approver INTERNAL = new Approver(Kind.INTERNAL_SPONSORS, null);
  private static final Approver EXTERNAL = new Approver(Kind.EXTERNAL_SPONSORS, null);

  private final Kind kind;
  private final @Nullable Principal principal;

  private Approver(Kind kind, @Nullable Principal principal) {
    this.kind = kind;
    this.principal = principal;
  }

  /** A fixed user or group. */
  public static Approver of(Principal principal) {
    return new Approver(Kind.PRINCIPAL, requireNonNull(principal, "principal"));
  }

  /** A fixed user. */
  public static Approver user(String id) {
    return of(Principal.user(id));
  }

  /** A fixed group. */
  public static Approver group(String id) {
    return of(Principal.group(id));
  }

  /** The internal sponsors of the requestor's organization. */
  public static Approver internalSponsors() {
    return INTERNAL;
  }

  /** The external sponsors of the requestor's organization. */
  public static Approver externalSponsors() {
    return EXTERNAL;
  }

  public Kind kind() {
    return kind;
  }

  /** The fixed user or group of a {@link Kind#PRINCIPAL} approver. */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Nullable Principal principalOrNull() {
    return principal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Approver other && kind == other.kind && java.util.Objects.equals(principal, other.principal);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + (principal == null ? 0 : principal.hashCode());
  }

  @Override
  public String toString() {
    return principal != null ? principal.toString() : kind == Kind.INTERNAL_SPONSORS ? "internal sponsors" : "external sponsors";
  }
}
