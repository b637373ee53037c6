package dev.entente.spi;

import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.TenantId;
import java.util.Optional;

/**
 * Resolves domains and tenants, as the portal's "add directory + domain" search does (R-MGT-3). A
 * host backs it with Microsoft Graph (tenant information by domain name), its federation
 * configuration, or a static table; Entente's default is a static table.
 */
public interface DirectoryLookup {

  /**
   * {@return what {@code domain} belongs to: an Entra tenant (the organization then gets the tenant
   * source, not a domain source), a federation, or nothing known}
   *
   * @param domain the domain
   */
  DomainResolution resolve(DomainName domain);

  /**
   * {@return the name of a tenant, for the proposed organizations of R-POL-3}
   *
   * @param cloud the cloud
   * @param tenantId the tenant id
   */
  Optional<String> tenantName(Cloud cloud, TenantId tenantId);
}
