package dev.entente.model;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * What an identity source claims, for the uniqueness of R-SRC-2: across the organizations of one
 * store, each key belongs to at most one organization.
 *
 * <p>There are three kinds. A {@link Tenant} is a cloud and a tenant id. A {@link Domain} is a
 * domain name, whether an {@link EmailDomain} or a {@link Federation} source holds it: one domain
 * cannot be an email domain of one organization and the federated domain of another. A {@link
 * Provider} is a personal-account provider. Keys are small values, fit for a hash index or a SQL
 * unique column ({@link #toString()} is a stable, unambiguous text form).
 *
 * <p>Keys are looked up on every access decision, so equality and hashing are final here, in one
 * place: the hash is computed once, and two keys of different hashes are unequal without reading
 * their parts.
 */
@SuppressWarnings("EnumOrdinal") // an enum's ordinal makes a hash that is the same in every run
public abstract sealed class IdentitySourceKey
    permits IdentitySourceKey.Tenant, IdentitySourceKey.Domain, IdentitySourceKey.Provider {
  private final Object first;
  private final @Nullable Object second; // an enum constant or null: compared by identity
  private final int hash;

  /** {@code hash} mixes the kind in, so that keys of different kinds rarely share a hash. */
  private IdentitySourceKey(Object first, @Nullable Object second, int hash) {
    this.first = first;
    this.second = second;
    this.hash = hash;
  }

  /**
   * {@return the key of a tenant}
   *
   * @param cloud the cloud
   * @param tenantId the tenant id
   */
  public static IdentitySourceKey tenant(Cloud cloud, TenantId tenantId) {
    return new Tenant(cloud, tenantId);
  }

  /**
   * {@return the key of a domain, held by an email-domain or a federation source}
   *
   * @param domainName the domain name
   */
  public static IdentitySourceKey domain(DomainName domainName) {
    return new Domain(domainName);
  }

  /**
   * {@return the key of a personal-account provider}
   *
   * @param provider the provider
   */
  public static IdentitySourceKey provider(AccountProvider provider) {
    return new Provider(provider);
  }

  /** Keys are equal when they are of one kind and their parts are equal. */
  @Override
  public final boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof IdentitySourceKey other
            && other.hash == hash
            && other.getClass() == getClass()
            && other.first.equals(first)
            && other.second == second);
  }

  @Override
  public final int hashCode() {
    return hash;
  }

  /**
   * The key whose {@link #toString()} is {@code text}: {@code tenant:<cloud>:<tenant id>}, {@code
   * domain:<domain name>} or {@code provider:<provider>}.
   *
   * @param text a key's canonical text
   * @return the key
   * @throws ValidationException on field {@code identitySourceKey} when the text is not one of
   *     these forms, or on the part that is refused
   */
  public static IdentitySourceKey parse(String text) {
    String accepted = "tenant:<cloud>:<tenant id>, domain:<domain name> or provider:<provider>";
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    try {
      switch (kind) {
        case "tenant" -> {
          int second = rest.indexOf(':');
          if (second >= 0) {
            return tenant(
                Cloud.valueOf(rest.substring(0, second)), TenantId.of(rest.substring(second + 1)));
          }
        }
        case "domain" -> {
          return domain(DomainName.of(rest));
        }
        case "provider" -> {
          return provider(AccountProvider.valueOf(rest));
        }
        default -> {}
      }
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "identitySourceKey", text, "names no cloud or provider", accepted);
    } catch (ValidationException e) {
      throw e.within("identitySourceKey");
    }
    throw new ValidationException(
        "identitySourceKey", text, "is not an identity-source key", accepted);
  }

  /** An Entra tenant in one cloud. */
  public static final class Tenant extends IdentitySourceKey {
    private Tenant(Cloud cloud, TenantId tenantId) {
      super(
          requireNonNull(tenantId, "tenantId"),
          requireNonNull(cloud, "cloud"),
          tenantId.hashCode() * 31 + cloud.ordinal());
    }

    /** {@return the cloud} */
    public Cloud cloud() {
      return (Cloud) requireNonNull(super.second);
    }

    /** {@return the tenant id} */
    public TenantId tenantId() {
      return (TenantId) super.first;
    }

    /** {@code tenant:<cloud>:<tenant id>}. */
    @Override
    public String toString() {
      return "tenant:" + cloud() + ":" + tenantId();
    }
  }

  /** A domain name. */
  public static final class Domain extends IdentitySourceKey {
    private Domain(DomainName domainName) {
      super(requireNonNull(domainName, "domainName"), null, domainName.hashCode() * 31 + 7);
    }

    /** {@return the domain name} */
    public DomainName domainName() {
      return (DomainName) super.first;
    }

    /** {@code domain:<ASCII domain name>}. */
    @Override
    public String toString() {
      return "domain:" + domainName();
    }
  }

  /** A personal-account provider. */
  public static final class Provider extends IdentitySourceKey {
    private Provider(AccountProvider provider) {
      super(requireNonNull(provider, "provider"), null, provider.ordinal() * 31 + 13);
    }

    /** {@return the provider} */
    public AccountProvider provider() {
      return (AccountProvider) super.first;
    }

    /** {@code provider:<provider>}. */
    @Override
    public String toString() {
      return "provider:" + provider();
    }
  }
}
