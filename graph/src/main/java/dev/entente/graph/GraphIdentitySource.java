package dev.entente.graph;

import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code connectedOrganization}'s {@code identitySources}, as Graph v1.0 writes it
 * (R-GPH-1): its type and the properties of that type, as text, not yet checked against the model.
 * {@link GraphJson#toOrganization} checks them; {@link GraphJson#toGraph} makes them from the
 * model.
 *
 * <p>Besides Graph's properties it holds {@link #accountProvider()}, Entente's instance annotation
 * {@code @entente.accountProvider} for the social providers Graph's {@code
 * socialIdentitySourceType} cannot name (see {@link GraphJson}).
 */
@Value.Immutable
@GraphValueStyle
public abstract class GraphIdentitySource {
  GraphIdentitySource() {}

  /** The five identity-source types of Graph v1.0, told apart by {@code @odata.type}. */
  public enum Type {
    /** {@code #microsoft.graph.azureActiveDirectoryTenant}: a tenant of the host's own cloud. */
    AZURE_ACTIVE_DIRECTORY_TENANT("azureActiveDirectoryTenant"),
    /** {@code #microsoft.graph.crossCloudAzureActiveDirectoryTenant}: a tenant of another cloud. */
    CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT("crossCloudAzureActiveDirectoryTenant"),
    /** {@code #microsoft.graph.domainIdentitySource}: an email domain. */
    DOMAIN_IDENTITY_SOURCE("domainIdentitySource"),
    /** {@code #microsoft.graph.externalDomainFederation}: a SAML/WS-Fed federation. */
    EXTERNAL_DOMAIN_FEDERATION("externalDomainFederation"),
    /** {@code #microsoft.graph.socialIdentitySource}: a social identity provider. */
    SOCIAL_IDENTITY_SOURCE("socialIdentitySource");

    private static final Type[] ALL = values();

    private final String name;
    private final String odataType;

    Type(String name) {
      this.name = name;
      this.odataType = "#microsoft.graph." + name;
    }

    /**
     * The {@code @odata.type} Graph writes, such as {@code #microsoft.graph.domainIdentitySource}.
     *
     * @return the {@code @odata.type}
     */
    public String odataType() {
      return odataType;
    }

    /**
     * The type an {@code @odata.type} names, read as real files write it (R-GPH-2): with or without
     * the leading {@code #} and the {@code microsoft.graph.} namespace, in any letter case; {@code
     * socialIdentitySourceType}, which Graph's own documentation prints for the social source,
     * names the social source.
     *
     * @param odataType the {@code @odata.type}
     * @return the type, or empty when Graph v1.0 has no such identity source
     */
    public static Optional<Type> ofODataType(String odataType) {
      for (Type type : ALL) {
        if (odataType.equals(type.odataType)) {
          return Optional.of(type); // as Graph writes it: no case folding needed
        }
      }
      String name = odataType.startsWith("#") ? odataType.substring(1) : odataType;
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("microsoft.graph.")) {
        lower = lower.substring("microsoft.graph.".length());
      }
      if (lower.equals("socialidentitysourcetype")) {
        return Optional.of(SOCIAL_IDENTITY_SOURCE);
      }
      for (Type type : ALL) {
        if (type.name.toLowerCase(Locale.ROOT).equals(lower)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }

    /**
     * The base type {@code #microsoft.graph.identitySource}, which some files write instead of the
     * subtype; the properties then tell the type.
     */
    static boolean isBaseType(String odataType) {
      return odataType.toLowerCase(Locale.ROOT).endsWith("microsoft.graph.identitysource");
    }
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity-source type.
   *
   * @return the type
   */
  public abstract Type type();

  /**
   * {@code displayName}.
   *
   * @return the display name, if given
   */
  public abstract Optional<String> displayName();

  /**
   * {@code tenantId}, of the two tenant types.
   *
   * @return the tenant id, if given
   */
  public abstract Optional<String> tenantId();

  /**
   * {@code cloudInstance}, of {@code crossCloudAzureActiveDirectoryTenant}: {@code
   * microsoftonline.com}, {@code microsoftonline.us} or {@code partner.microsoftonline.cn}.
   *
   * @return the cloud instance, if given
   */
  public abstract Optional<String> cloudInstance();

  /**
   * {@code domainName}, of {@code domainIdentitySource} and {@code externalDomainFederation}.
   *
   * @return the domain name, if given
   */
  public abstract Optional<String> domainName();

  /**
   * {@code issuerUri}, of {@code externalDomainFederation}.
   *
   * @return the issuer URI, if given
   */
  public abstract Optional<String> issuerUri();

  /**
   * {@code socialIdentitySourceType}, of {@code socialIdentitySource}: {@code facebook} or {@code
   * unknownFutureValue}.
   *
   * @return the social identity source type, if given
   */
  public abstract Optional<String> socialIdentitySourceType();

  /**
   * Entente's {@code @entente.accountProvider} annotation: {@code microsoftAccount}, {@code
   * facebook} or {@code google}, for the providers {@link #socialIdentitySourceType()} cannot name.
   *
   * @return the account provider, if annotated
   */
  public abstract Optional<String> accountProvider();

  /**
   * Builds {@link GraphIdentitySource}s: {@code type(Type)} (required), then any of the optional
   * properties by name; {@code build()}.
   */
  public static final class Builder extends ImmutableGraphIdentitySource.Builder {
    Builder() {}

    /** Sets the property Graph calls {@code name}; false when this type has none of that name. */
    boolean property(String name, @Nullable String value) {
      Optional<String> v = Optional.ofNullable(value);
      return switch (name) {
        case "displayName" -> {
          displayName(v);
          yield true;
        }
        case "tenantId" -> {
          tenantId(v);
          yield true;
        }
        case "cloudInstance" -> {
          cloudInstance(v);
          yield true;
        }
        case "domainName" -> {
          domainName(v);
          yield true;
        }
        case "issuerUri" -> {
          issuerUri(v);
          yield true;
        }
        case "socialIdentitySourceType" -> {
          socialIdentitySourceType(v);
          yield true;
        }
        case "@entente.accountProvider" -> {
          accountProvider(v);
          yield true;
        }
        default -> false;
      };
    }
  }
}
