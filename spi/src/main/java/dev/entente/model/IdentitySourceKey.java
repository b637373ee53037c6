package dev.entente.model;

import static java.util.Objects.requireNonNull;

/**
 * What an identity source claims, for the uniqueness of R-SRC-2: across the organizations of one
 * store, each key belongs to at most one organization.
 *
 * <p>There are three kinds. A {@link Tenant} is a cloud and a tenant id. A {@link Domain} is a
 * domain name, whether an {@link EmailDomain} or a {@link Federation} source holds it: one domain
 * cannot be an email domain of one organization and the federated domain of another. A {@link
 * Provider} is a personal-account provider. Keys are small values, fit for a hash index or a SQL
 * unique column ({@link #toString()} is a stable, unambiguous text form).
 */
public sealed interface IdentitySourceKey {

  /** The key of a tenant. */
  static IdentitySourceKey tenant(Cloud cloud, TenantId tenantId) {
    return new Tenant(cloud, tenantId);
  }

  /** The key of a domain, held by an email-domain or a federation source. */
  static IdentitySourceKey domain(DomainName domainName) {
    return new Domain(domainName);
  }

  /** The key of a personal-account provider. */
  static IdentitySourceKey provider(AccountProvider provider) {
    return new Provider(provider);
  }

  /** An Entra tenant in one cloud. */
  record Tenant(Cloud cloud, TenantId tenantId) implements IdentitySourceKey {
    public Tenant {
      requireNonNull(cloud, "cloud");
      requireNonNull(tenantId, "tenantId");
    }

    /** {@code tenant:<cloud>:<tenant id>}. */
    @Override
    public String toString() {
      return "tenant:" + cloud + ":" + tenantId;
    }
  }

  /** A domain name. */
  record Domain(DomainName domainName) implements IdentitySourceKey {
    public Domain {
      requireNonNull(domainName, "domainName");
    }

    /** {@code domain:<ASCII domain name>}. */
    @Override
    public String toString() {
      return "domain:" + domainName;
    }
  }

  /** A personal-account provider. */
  record Provider(AccountProvider provider) implements IdentitySourceKey {
    public Provider {
      requireNonNull(provider, "provider");
    }

    /** {@code provider:<provider>}. */
    @Override
    public String toString() {
      return "provider:" + provider;
    }
  }
}
