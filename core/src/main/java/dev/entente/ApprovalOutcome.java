package dev.entente;

import static java.util.Objects.requireNonNull;

import dev.entente.model.ConnectedOrganization;
import java.util.Optional;

/**
 * What approving a request did to connected organizations (R-POL-3): the organization the requestor
 * now belongs to, if any, and whether this approval created it.
 *
 * @param organization the requestor's organization after approval; empty when none was matched or
 *     proposed
 * @param created whether this approval created it as a proposed organization; false when it
 *     existed, including when a racing approval created it first
 */
public record ApprovalOutcome(Optional<ConnectedOrganization> organization, boolean created) {
  /**
   * Checks the components: none may be null.
   *
   * @param organization the requestor's organization after approval; empty when none was matched or
   *     proposed
   * @param created whether this approval created it as a proposed organization; false when it
   *     existed, including when a racing approval created it first
   */
  public ApprovalOutcome {
    requireNonNull(organization, "organization");
  }
}
