package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A SAML/WS-Fed identity provider the host configured, as Graph lists it ({@code GET
 * /directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation}): as much as
 * discovery needs.
 *
 * @param displayName its name (the issuer when it has none)
 * @param issuerUri its issuer, as written: not yet checked to be a URL Entente accepts
 * @param domains the ids of the domains it is configured for, as written
 */
public record GraphFederation(String displayName, String issuerUri, List<String> domains) {
  /**
   * Copies the list.
   *
   * @param displayName the name
   * @param issuerUri the issuer
   * @param domains the domains
   */
  public GraphFederation {
    requireNonNull(displayName, "displayName");
    requireNonNull(issuerUri, "issuerUri");
    domains = List.copyOf(domains);
  }
}
