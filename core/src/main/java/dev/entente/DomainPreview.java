package dev.entente;

import static java.util.Objects.requireNonNull;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySource;
import dev.entente.spi.DomainResolution;
import java.util.Optional;

/**
 * What adding "a directory or domain" would add, for the caller to confirm before creating
 * (R-MGT-3): the resolution, the identity source with its kind and name, and the organization that
 * already holds it, if one does (the create would then be refused, R-SRC-2).
 *
 * @param domain the domain searched for
 * @param resolution what it resolved to
 * @param source the identity source it would add: a tenant source when the domain belongs to an
 *     Entra tenant, a federation source, or an email-domain source
 * @param heldBy the organization that already holds the source, if any
 */
public record DomainPreview(
    DomainName domain,
    DomainResolution resolution,
    IdentitySource source,
    Optional<ConnectedOrganization> heldBy) {
  /**
   * Checks the components: none may be null.
   *
   * @param domain the domain searched for
   * @param resolution what it resolved to
   * @param source the identity source it would add: a tenant source when the domain belongs to an
   *     Entra tenant, a federation source, or an email-domain source
   * @param heldBy the organization that already holds the source, if any
   */
  public DomainPreview {
    requireNonNull(domain, "domain");
    requireNonNull(resolution, "resolution");
    requireNonNull(source, "source");
    requireNonNull(heldBy, "heldBy");
  }

  /** {@return one line for a confirmation screen: the kind, the name and what it admits} */
  public String describe() {
    return source.kind()
        + " \""
        + source.displayName()
        + "\" ("
        + source.key()
        + ")"
        + heldBy.map(o -> ", already held by \"" + o.displayName() + "\"").orElse("");
  }
}
