package dev.entente.model;

/**
 * An identity source was refused because another organization already holds its key (R-SRC-2):
 * a tenant, a domain or a social provider belongs to at most one organization. It names the
 * organization that holds it. Nothing was written.
 */
public final class IdentitySourceConflictException extends EntenteException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // the key types are not Serializable; the message keeps their text
  private final IdentitySourceKey key;
  @SuppressWarnings("serial")
  private final OrganizationId holder;
  private final String holderDisplayName;

  /**
   * A conflict over {@code key}, held by {@code holder}.
   *
   * @param key what was claimed twice
   * @param holder the id of the organization that already holds it
   * @param holderDisplayName that organization's display name, for the message
   */
  public IdentitySourceConflictException(IdentitySourceKey key, OrganizationId holder, String holderDisplayName) {
    super("The identity source " + key + " already belongs to the organization \"" + holderDisplayName + "\" ("
        + holder + "); a tenant, a domain or a social provider belongs to at most one organization (R-SRC-2).");
    this.key = key;
    this.holder = holder;
    this.holderDisplayName = holderDisplayName;
  }

  /** What was claimed twice. */
  public IdentitySourceKey key() {
    return key;
  }

  /** The organization that already holds it. */
  public OrganizationId holder() {
    return holder;
  }

  /** That organization's display name. */
  public String holderDisplayName() {
    return holderDisplayName;
  }
}
