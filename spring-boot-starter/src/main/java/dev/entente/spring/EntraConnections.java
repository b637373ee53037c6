package dev.entente.spring;

import dev.entente.entra.AccessTokens;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraPublicFacts;
import dev.entente.entra.MsalAccessTokens;
import dev.entente.errors.ValidationException;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import dev.entente.spi.DirectoryLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The connections to Entra of the host directories {@code entente.directories.<id>.*} configures
 * (R-DIR-1): each its own tenant, credentials and discovery, all sharing one {@link
 * EntraPublicFacts}. A class of its own, so that the starter loads {@code entente-entra} only when
 * it is there.
 */
public final class EntraConnections implements DirectoryLookups {
  private final EntraPublicFacts facts = new EntraPublicFacts();
  private final Map<HostDirectory, Entra> connections = new LinkedHashMap<>();
  private final Map<HostDirectory, DirectoryLookup> lookups = new LinkedHashMap<>();

  private EntraConnections() {}

  static EntraConnections of(Map<String, EntenteProperties.Entra> directories) {
    EntraConnections all = new EntraConnections();
    directories.forEach(
        (id, settings) -> {
          String prefix = "entente.directories." + id;
          HostDirectory directory;
          try {
            directory = HostDirectory.of(id);
          } catch (ValidationException e) {
            throw EntenteAutoConfiguration.invalid(prefix, id, e);
          }
          if (settings.getTenantId() == null) {
            throw new InvalidConfigurationPropertyValueException(
                prefix + ".tenant-id", null, "each directory's connection needs its tenant");
          }
          Entra entra =
              connection(prefix, settings, tokens(prefix, settings), all.facts)
                  .hostDirectory(directory)
                  .build();
          all.connections.put(directory, entra);
          all.lookups.put(directory, entra.directory(settings.getDiscoveryTtl()));
        });
    return all;
  }

  /** {@return what every connection's discovery shares} */
  EntraPublicFacts publicFacts() {
    return facts;
  }

  /**
   * {@return the connection of {@code directory}, when {@code entente.directories.<id>.*}
   * configures one} Its pull, push and sync write into that directory only.
   *
   * @param directory the host directory
   */
  public Optional<Entra> connection(HostDirectory directory) {
    return Optional.ofNullable(connections.get(directory));
  }

  @Override
  public Optional<DirectoryLookup> lookup(HostDirectory directory) {
    return Optional.ofNullable(lookups.get(directory));
  }

  /** The tokens {@code e} configures under {@code prefix}, its errors named with the prefix. */
  static AccessTokens tokens(String prefix, EntenteProperties.Entra e) {
    if (e.isManagedIdentity()) {
      return MsalAccessTokens.managedIdentity(Optional.ofNullable(e.getClientId()));
    }
    String secret = e.getClientSecret();
    String client = e.getClientId();
    java.nio.file.Path certificate = e.getClientCertificate();
    TenantId tenant = TenantId.of(String.valueOf(e.getTenantId())); // checked at binding
    String loginRoot = e.getLoginRoot();
    if (certificate != null && client != null) {
      String password = e.getClientCertificatePassword();
      try {
        return MsalAccessTokens.withPkcs12(
            e.getCloud(),
            tenant,
            client,
            certificate,
            password == null ? new char[0] : password.toCharArray(),
            loginRoot);
      } catch (ValidationException refused) {
        throw EntenteAutoConfiguration.invalid(
            refused.field().equals("certificate")
                ? prefix + ".client-certificate"
                : prefix + ".login-root",
            refused.field().equals("certificate") ? certificate : loginRoot,
            refused);
      }
    }
    if (secret == null || client == null) {
      throw new InvalidConfigurationPropertyValueException(
          prefix + ".client-secret",
          null,
          "Entra needs credentials: set "
              + prefix
              + ".client-id and "
              + prefix
              + ".client-secret or "
              + prefix
              + ".client-certificate, or "
              + prefix
              + ".managed-identity=true, or define an AccessTokens bean");
    }
    try {
      return loginRoot == null
          ? MsalAccessTokens.withSecret(e.getCloud(), tenant, client, secret)
          : MsalAccessTokens.withSecret(e.getCloud(), tenant, client, secret, loginRoot);
    } catch (ValidationException refused) {
      throw EntenteAutoConfiguration.invalid(prefix + ".login-root", loginRoot, refused);
    }
  }

  /** The connection {@code e} configures under {@code prefix}, to build. */
  static Entra.Builder connection(
      String prefix, EntenteProperties.Entra e, AccessTokens tokens, EntraPublicFacts facts) {
    Entra.Builder builder = Entra.builder(e.getCloud(), tokens).publicFacts(facts);
    String graphRoot = e.getGraphRoot();
    if (graphRoot != null) {
      try {
        builder.graphRoot(graphRoot);
      } catch (ValidationException refused) {
        throw EntenteAutoConfiguration.invalid(prefix + ".graph-root", graphRoot, refused);
      }
    }
    String loginRoot = e.getLoginRoot();
    if (loginRoot != null) {
      try {
        builder.loginRoot(e.getCloud(), loginRoot);
      } catch (ValidationException refused) {
        throw EntenteAutoConfiguration.invalid(prefix + ".login-root", loginRoot, refused);
      }
    }
    return builder;
  }
}
