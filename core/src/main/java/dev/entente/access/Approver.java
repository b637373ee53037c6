package dev.entente.access;

import static java.util.Objects.requireNonNull;

/**
 * Who approves at one stage of a policy (R-APR-1): a fixed user or group, or the internal or
 * external sponsors of the requestor's connected organization, resolved at decision time.
 *
 * <pre>{@code
 * ApprovalStage.of(List.of(Approver.internalSponsors()), List.of(Approver.user("it-admin")));
 * }</pre>
 */
public sealed interface Approver
    permits Approver.Fixed, Approver.InternalSponsors, Approver.ExternalSponsors {

  /** The kinds of approver, for an exhaustive {@code switch} on Java 17. */
  enum Kind {
    /** {@link Fixed}: a fixed directory user or group. */
    PRINCIPAL,
    /** {@link InternalSponsors}: {@code internalSponsors} in Graph. */
    INTERNAL_SPONSORS,
    /** {@link ExternalSponsors}: {@code externalSponsors} in Graph. */
    EXTERNAL_SPONSORS
  }

  /**
   * Which kind of approver this is.
   *
   * @return the kind matching this approver's type
   */
  Kind kind();

  /**
   * A fixed user or group.
   *
   * @param principal the directory user or group
   * @return the approver
   */
  static Approver of(Principal principal) {
    return new Fixed(principal);
  }

  /**
   * A fixed user.
   *
   * @param id the user's directory object id
   * @return the approver
   */
  static Approver user(String id) {
    return new Fixed(Principal.user(id));
  }

  /**
   * A fixed group.
   *
   * @param id the group's directory object id
   * @return the approver
   */
  static Approver group(String id) {
    return new Fixed(Principal.group(id));
  }

  /**
   * The internal sponsors of the requestor's organization.
   *
   * @return the one such approver
   */
  static Approver internalSponsors() {
    return InternalSponsors.INSTANCE;
  }

  /**
   * The external sponsors of the requestor's organization.
   *
   * @return the one such approver
   */
  static Approver externalSponsors() {
    return ExternalSponsors.INSTANCE;
  }

  /**
   * A fixed directory user or group.
   *
   * @param principal the user or group
   */
  record Fixed(Principal principal) implements Approver {
    /**
     * A fixed approver.
     *
     * @param principal the user or group
     */
    public Fixed {
      requireNonNull(principal, "principal");
    }

    @Override
    public Kind kind() {
      return Kind.PRINCIPAL;
    }

    @Override
    public String toString() {
      return principal.toString();
    }
  }

  /** The internal sponsors of the requestor's organization, resolved at decision time. */
  enum InternalSponsors implements Approver {
    /** The one value. */
    INSTANCE;

    @Override
    public Kind kind() {
      return Kind.INTERNAL_SPONSORS;
    }

    @Override
    public String toString() {
      return "internal sponsors";
    }
  }

  /** The external sponsors of the requestor's organization, resolved at decision time. */
  enum ExternalSponsors implements Approver {
    /** The one value. */
    INSTANCE;

    @Override
    public Kind kind() {
      return Kind.EXTERNAL_SPONSORS;
    }

    @Override
    public String toString() {
      return "external sponsors";
    }
  }
}
