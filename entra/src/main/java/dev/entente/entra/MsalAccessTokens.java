package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import dev.entente.errors.ValidationException;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Tokens from Microsoft's own library, MSAL for Java: client credentials of an app registration (a
 * secret or a certificate) or a managed identity. MSAL caches tokens and renews them before they
 * expire; after Graph refuses one (401) the connection asks for a fresh one, which skips the cache.
 * Secrets never appear in a message, a log line or {@link #toString()}.
 *
 * <pre>{@code
 * AccessTokens tokens =
 *     MsalAccessTokens.withSecret(Cloud.GLOBAL, tenantId, clientId, System.getenv("CLIENT_SECRET"));
 * }</pre>
 */
public final class MsalAccessTokens implements AccessTokens {
  private interface Acquire {
    IAuthenticationResult acquire(Set<String> scopes, boolean refresh) throws Exception;
  }

  private final String description;
  private final Acquire acquire;

  private MsalAccessTokens(String description, Acquire acquire) {
    this.description = description;
    this.acquire = acquire;
  }

  /**
   * Client credentials with a client secret.
   *
   * @param cloud the cloud of the tenant: its login host
   * @param tenantId the tenant of the app registration
   * @param clientId the application (client) id
   * @param secret the client secret
   * @return the tokens
   */
  public static MsalAccessTokens withSecret(
      Cloud cloud, TenantId tenantId, String clientId, String secret) {
    requireNonNull(secret, "secret");
    return confidential(
        cloud,
        tenantId,
        clientId,
        ClientCredentialFactory.createFromSecret(secret),
        null,
        "secret");
  }

  /**
   * Client credentials with a certificate: its private key and chain (the leaf first).
   *
   * @param cloud the cloud of the tenant: its login host
   * @param tenantId the tenant of the app registration
   * @param clientId the application (client) id
   * @param key the certificate's private key
   * @param chain the certificate and its chain, the leaf first
   * @return the tokens
   */
  public static MsalAccessTokens withCertificate(
      Cloud cloud,
      TenantId tenantId,
      String clientId,
      PrivateKey key,
      List<X509Certificate> chain) {
    return confidential(cloud, tenantId, clientId, certificate(key, chain), null, "certificate");
  }

  /**
   * The same client credentials, with MSAL's requests to the login host sent to {@code root}
   * instead, such as a {@code FakeEntra}'s {@code loginRoot(cloud)}, over the JDK's HTTP client.
   *
   * @param cloud the cloud of the tenant
   * @param tenantId the tenant of the app registration
   * @param clientId the application (client) id
   * @param key the certificate's private key
   * @param chain the certificate and its chain, the leaf first
   * @param root the login host's root: https, or http to a loopback address
   * @return the tokens
   */
  public static MsalAccessTokens withCertificate(
      Cloud cloud,
      TenantId tenantId,
      String clientId,
      PrivateKey key,
      List<X509Certificate> chain,
      String root) {
    Entra.checkedRoot("root", cloud, root);
    return confidential(cloud, tenantId, clientId, certificate(key, chain), root, "certificate");
  }

  /**
   * Client credentials with a certificate read from a PKCS #12 file (a {@code .p12} or {@code
   * .pfx}): the first entry that holds a private key with its certificate chain. What every
   * front-end reads a certificate with: the {@code entente} command's {@code --client-certificate}
   * among them.
   *
   * @param cloud the cloud of the tenant: its login host
   * @param tenantId the tenant of the app registration
   * @param clientId the application (client) id
   * @param file the PKCS #12 file
   * @param password its password (empty for none); not kept
   * @param root the login host's root, such as a {@code FakeEntra}'s, or null for the cloud's
   * @return the tokens
   * @throws ValidationException on field {@code certificate} when the file cannot be read, is not
   *     PKCS #12 under that password, or holds no private key with its certificate; the message
   *     names the file, never the password
   */
  public static MsalAccessTokens withPkcs12(
      Cloud cloud,
      TenantId tenantId,
      String clientId,
      java.nio.file.Path file,
      char[] password,
      @org.jspecify.annotations.Nullable String root) {
    requireNonNull(file, "file");
    requireNonNull(password, "password");
    java.security.KeyStore store;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      store = java.security.KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : java.util.Collections.list(store.aliases())) {
        java.security.Key key = store.getKey(alias, password);
        java.security.cert.Certificate[] chain = store.getCertificateChain(alias);
        if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
          List<X509Certificate> certificates = new java.util.ArrayList<>();
          for (java.security.cert.Certificate c : chain) {
            certificates.add((X509Certificate) c);
          }
          return root == null
              ? withCertificate(cloud, tenantId, clientId, privateKey, certificates)
              : withCertificate(cloud, tenantId, clientId, privateKey, certificates, root);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ValidationException(
          "certificate", file.toString(), "does not exist", "a PKCS #12 file that can be read");
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new ValidationException(
          "certificate",
          file.toString(),
          "cannot be read as PKCS #12 under the password given",
          "a PKCS #12 file (.p12, .pfx) and its password");
    }
    throw new ValidationException(
        "certificate",
        file.toString(),
        "holds no private key with its certificate",
        "a PKCS #12 file with the application's private key and certificate");
  }

  private static IClientCredential certificate(PrivateKey key, List<X509Certificate> chain) {
    requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new ValidationException(
          "chain", "[]", "is empty", "the certificate and its chain, the leaf first");
    }
    return ClientCredentialFactory.createFromCertificateChain(key, List.copyOf(chain));
  }

  /**
   * The same client credentials, with MSAL's requests to the login host sent to {@code root}
   * instead, such as a {@code FakeEntra}'s {@code loginRoot(cloud)}, over the JDK's HTTP client.
   *
   * @param cloud the cloud of the tenant
   * @param tenantId the tenant of the app registration
   * @param clientId the application (client) id
   * @param secret the client secret
   * @param root the login host's root: https, or http to a loopback address
   * @return the tokens
   */
  public static MsalAccessTokens withSecret(
      Cloud cloud, TenantId tenantId, String clientId, String secret, String root) {
    requireNonNull(secret, "secret");
    Entra.checkedRoot("root", cloud, root);
    return confidential(
        cloud,
        tenantId,
        clientId,
        ClientCredentialFactory.createFromSecret(secret),
        root,
        "secret");
  }

  private static MsalAccessTokens confidential(
      Cloud cloud,
      TenantId tenantId,
      String clientId,
      IClientCredential credential,
      @Nullable String loginRoot,
      String kind) {
    requireNonNull(cloud, "cloud");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(clientId, "clientId");
    String authority = "https://" + cloud.loginHost() + "/" + tenantId + "/";
    ConfidentialClientApplication app;
    try {
      ConfidentialClientApplication.Builder builder =
          ConfidentialClientApplication.builder(clientId, credential).authority(authority);
      String host = "https://" + cloud.loginHost();
      if (loginRoot != null) {
        builder.instanceDiscovery(false).validateAuthority(false);
      }
      // Every login-host answer read whole within a bound, a local root or the real host alike.
      builder.httpClient(new Redirected(host, loginRoot == null ? host : loginRoot));
      app = builder.build();
    } catch (MalformedURLException e) {
      throw new ValidationException("tenantId", tenantId, "makes no authority URL", "a tenant id");
    }
    return new MsalAccessTokens(
        "client credentials (" + kind + ") of " + clientId + " in " + tenantId,
        (scopes, refresh) ->
            app.acquireToken(ClientCredentialParameters.builder(scopes).skipCache(refresh).build())
                .get());
  }

  /**
   * The managed identity of the Azure resource the host runs on: system-assigned, or the
   * user-assigned one with {@code clientId}.
   *
   * @param clientId the user-assigned identity's client id; empty for the system-assigned one
   * @return the tokens
   */
  public static MsalAccessTokens managedIdentity(Optional<String> clientId) {
    requireNonNull(clientId, "clientId");
    ManagedIdentityApplication app =
        ManagedIdentityApplication.builder(
                clientId
                    .map(ManagedIdentityId::userAssignedClientId)
                    .orElseGet(ManagedIdentityId::systemAssigned))
            .build();
    return new MsalAccessTokens(
        "managed identity " + clientId.orElse("(system-assigned)"),
        (scopes, refresh) -> {
          // A managed identity asks for a resource, not scopes: the scope without "/.default".
          String scope = scopes.iterator().next();
          String resource =
              scope.endsWith("/.default")
                  ? scope.substring(0, scope.length() - "/.default".length())
                  : scope;
          return app.acquireTokenForManagedIdentity(
                  ManagedIdentityParameters.builder(resource).forceRefresh(refresh).build())
              .get();
        });
  }

  @Override
  public AccessToken token(Set<String> scopes, boolean refresh) {
    requireNonNull(scopes, "scopes");
    IAuthenticationResult result;
    try {
      result = acquire.acquire(scopes, refresh);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "MSAL gave no token for " + description + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while MSAL acquired a token", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "MSAL gave no token for " + description + ": " + e.getMessage(), e);
    }
    return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
  }

  /** {@return which credentials, never a secret} */
  @Override
  public String toString() {
    return "MsalAccessTokens[" + description + "]";
  }

  /**
   * MSAL's requests over the JDK's HTTP client, each answer read whole (headers and body) within
   * {@link #ANSWER_TIMEOUT}, so a login host that stalls after its headers cannot hold a token
   * request for ever; those to {@code from} are sent to {@code to} (a local login host for tests).
   */
  private static final class Redirected implements IHttpClient {
    /** The bound of one answer of a login host. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final String from;
    private final String to;
    private final HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Redirected(String from, String to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
      String url = request.url().toString();
      if (url.startsWith(from)) {
        url = to + url.substring(from.length());
      }
      HttpRequest.Builder jdk =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
      Map<String, String> headers = request.headers();
      if (headers != null) {
        headers.forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host")) {
                jdk.header(k, v);
              }
            });
      }
      String body = request.body();
      jdk.method(
          request.httpMethod().methodName,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      HttpResponse<String> response =
          GraphHttp.whole(
              client, jdk.build(), HttpResponse.BodyHandlers.ofString(), ANSWER_TIMEOUT);
      com.microsoft.aad.msal4j.HttpResponse answer =
          new com.microsoft.aad.msal4j.HttpResponse()
              .statusCode(response.statusCode())
              .body(response.body());
      answer.addHeaders(response.headers().map());
      return answer;
    }
  }
}
