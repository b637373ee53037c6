package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;
import java.util.Set;

/**
 * What a domain name resolves to (R-MGT-3): an Entra tenant that verified it, a SAML/WS-Fed
 * federation configured for it, or nothing known.
 */
public sealed interface DomainResolution {

  /** A Microsoft Entra tenant with this domain among its verified domains. */
  record Tenant(TenantId tenantId, Cloud cloud, String name, Set<DomainName> verifiedDomains)
      implements DomainResolution {
    /**
     * Checks the components: none may be null.
     *
     * @param tenantId the tenant id
     * @param cloud the cloud
     * @param name the name
     * @param verifiedDomains the verified domains
     */
    public Tenant {
      requireNonNull(tenantId, "tenantId");
      requireNonNull(cloud, "cloud");
      requireNonNull(name, "name");
      verifiedDomains = ImmutableSet.copyOf(verifiedDomains);
    }
  }

  /** A SAML/WS-Fed identity provider configured for the domain. */
  record Federated(DomainName domain, IssuerUri issuer, String name) implements DomainResolution {
    /**
     * Checks the components: none may be null.
     *
     * @param domain the domain
     * @param issuer the issuer
     * @param name the name
     */
    public Federated {
      requireNonNull(domain, "domain");
      requireNonNull(issuer, "issuer");
      requireNonNull(name, "name");
    }
  }

  /** Nothing known: the domain becomes a plain email-domain source. */
  record Unknown(DomainName domain) implements DomainResolution {
    /**
     * Checks the components: none may be null.
     *
     * @param domain the domain
     */
    public Unknown {
      requireNonNull(domain, "domain");
    }
  }
}
