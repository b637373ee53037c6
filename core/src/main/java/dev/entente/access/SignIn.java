package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import dev.entente.model.TenantId;

/**
 * How a requestor authenticated (R-REQ-1), as the host states it: Entente trusts this statement,
 * and it is what matching goes by (R-MAT-1). An email domain alone is never a way of signing in
 * (R-MAT-2).
 */
public sealed interface SignIn {

  /** The kinds of sign-in, for an exhaustive {@code switch} on Java 17. */
  enum Kind {
    /** {@link Entra}. */
    ENTRA,
    /** {@link Federated}. */
    FEDERATED,
    /** {@link OneTimePasscode}. */
    ONE_TIME_PASSCODE,
    /** {@link Social}. */
    SOCIAL,
    /** {@link Directory}. */
    DIRECTORY
  }

  /** {@return which kind of sign-in this is} */
  Kind kind();

  /** Signed in to a Microsoft Entra tenant of some cloud. */
  record Entra(TenantId tenantId, Cloud cloud) implements SignIn {
    /**
     * Checks the components: none may be null.
     *
     * @param tenantId the tenant id
     * @param cloud the cloud
     */
    public Entra {
      requireNonNull(tenantId, "tenantId");
      requireNonNull(cloud, "cloud");
    }

    @Override
    public Kind kind() {
      return Kind.ENTRA;
    }
  }

  /** Signed in through a SAML/WS-Fed identity provider, for a domain. */
  record Federated(IssuerUri issuer, DomainName domain) implements SignIn {
    /**
     * Checks the components: none may be null.
     *
     * @param issuer the issuer
     * @param domain the domain
     */
    public Federated {
      requireNonNull(issuer, "issuer");
      requireNonNull(domain, "domain");
    }

    @Override
    public Kind kind() {
      return Kind.FEDERATED;
    }
  }

  /**
   * Proved an email address with a one-time passcode. The address is the requestor's email, and
   * only counts as a sign-in when it is verified.
   */
  record OneTimePasscode() implements SignIn {
    @Override
    public Kind kind() {
      return Kind.ONE_TIME_PASSCODE;
    }
  }

  /** Signed in with a personal account of a provider. */
  record Social(AccountProvider provider) implements SignIn {
    /**
     * Checks the components: none may be null.
     *
     * @param provider the provider
     */
    public Social {
      requireNonNull(provider, "provider");
    }

    @Override
    public Kind kind() {
      return Kind.SOCIAL;
    }
  }

  /**
   * A user of the host directory itself, a member or a guest: only directory-user policies can
   * admit them.
   *
   * @param userId their directory object id
   * @param guest whether they are a guest rather than a member user
   */
  record Directory(String userId, boolean guest) implements SignIn {
    /**
     * Checks the components: none may be null.
     *
     * @param userId their directory object id
     * @param guest whether they are a guest rather than a member user
     */
    public Directory {
      requireNonNull(userId, "userId");
    }

    @Override
    public Kind kind() {
      return Kind.DIRECTORY;
    }
  }
}
