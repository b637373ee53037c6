package dev.entente.errors;

import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;

/**
 * An identity source was refused because another organization already holds its key (R-SRC-2): a
 * tenant, a domain or a social provider belongs to at most one organization. It names the
 * organization that holds it. Nothing was written.
 */
public final class IdentitySourceConflictException extends EntenteException {
  private static final long serialVersionUID = 1L;

  // Kept as text, so the exception serializes; the accessors rebuild the values.
  /** The key claimed twice, as {@link IdentitySourceKey#toString()} writes it. */
  private final String key;

  /** The id of the organization that holds the key, as text. */
  private final String holder;

  /** That organization's display name. */
  private final String holderDisplayName;

  /**
   * A conflict over {@code key}, held by {@code holder}.
   *
   * @param key what was claimed twice
   * @param holder the id of the organization that already holds it
   * @param holderDisplayName that organization's display name, for the message
   */
  public IdentitySourceConflictException(
      IdentitySourceKey key, OrganizationId holder, String holderDisplayName) {
    super(
        "The identity source "
            + key
            + " already belongs to the organization \""
            + holderDisplayName
            + "\" ("
            + holder
            + "); a tenant, a domain or a social provider belongs to at most one organization (R-SRC-2).");
    this.key = key.toString();
    this.holder = holder.toString();
    this.holderDisplayName = holderDisplayName;
  }

  /**
   * What was claimed twice.
   *
   * @return the key
   */
  public IdentitySourceKey key() {
    return IdentitySourceKey.parse(key);
  }

  /**
   * The organization that already holds it.
   *
   * @return its id
   */
  public OrganizationId holder() {
    return OrganizationId.of(holder);
  }

  /**
   * That organization's display name.
   *
   * @return the name
   */
  public String holderDisplayName() {
    return holderDisplayName;
  }
}
