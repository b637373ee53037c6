package dev.entente.entra.fake;

import dev.entente.model.Cloud;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fake's login hosts, one path per cloud: each tenant's OpenID configuration (as discovery
 * reads it) and the token endpoint MSAL asks for client credentials, with a secret or a certificate
 * (an assertion whose signature is checked). They share the fake's tenant state and its lock.
 */
final class LoginHosts {
  private final FakeEntra fake;

  LoginHosts(FakeEntra fake) {
    this.fake = fake;
  }

  /** The login hosts' answer to {@code method} {@code target}. */
  Answer answer(String method, String target, String body) {
    synchronized (fake) {
      fake.loginRequestCount++;
      return unguarded(method, target, body);
    }
  }

  private Answer unguarded(String method, String target, String body) {
    String[] parts = target.split("/", 5); // "", "login", cloud, tenant, rest
    if (parts.length < 5) {
      return Answer.of(404, Json.object("error", "not_found"));
    }
    Cloud cloud =
        switch (parts[2]) {
          case "global" -> Cloud.GLOBAL;
          case "usgov" -> Cloud.US_GOVERNMENT;
          case "china" -> Cloud.CHINA;
          default -> null;
        };
    String tenant = Requests.decode(parts[3]).toLowerCase(Locale.ROOT);
    String rest = parts[4];
    if (cloud == null) {
      return Answer.of(404, Json.object("error", "not_found"));
    }
    if (method.equals("GET") && rest.equals("v2.0/.well-known/openid-configuration")) {
      for (FakeEntra.Tenant t : fake.tenants) {
        boolean known =
            t.cloud() == cloud || (cloud == Cloud.GLOBAL && t.cloud() == Cloud.US_GOVERNMENT);
        if (known && (t.domains().contains(tenant) || t.tenantId().equals(tenant))) {
          String instance = instance(t.cloud());
          String login = "https://login." + instance + "/" + t.tenantId();
          return Answer.of(
              200,
              Json.object(
                  "token_endpoint",
                  login + "/oauth2/v2.0/token",
                  "authorization_endpoint",
                  login + "/oauth2/v2.0/authorize",
                  "issuer",
                  login + "/v2.0",
                  "tenant_region_scope",
                  t.cloud() == Cloud.US_GOVERNMENT
                      ? "USGov"
                      : t.cloud() == Cloud.CHINA ? "AS" : "NA",
                  "cloud_instance_name",
                  instance,
                  "cloud_graph_host_name",
                  "graph.windows.net",
                  "msgraph_host",
                  switch (t.cloud()) {
                    case GLOBAL -> "graph.microsoft.com";
                    case US_GOVERNMENT -> "graph.microsoft.us";
                    case CHINA -> "microsoftgraph.chinacloudapi.cn";
                  }));
        }
      }
      return Answer.of(
          400,
          Json.object(
              "error",
              "invalid_tenant",
              "error_description",
              "AADSTS90002: Tenant '"
                  + tenant
                  + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
              "error_codes",
              List.of(90002L)));
    }
    if (method.equals("POST") && rest.equals("oauth2/v2.0/token")) {
      Map<String, String> form = Requests.form(body);
      String clientId = form.getOrDefault("client_id", "");
      String secret = fake.applications.get(clientId);
      java.security.cert.X509Certificate certificate = fake.certificates.get(clientId);
      if (!"client_credentials".equals(form.get("grant_type"))) {
        return Answer.of(
            400,
            Json.object(
                "error",
                "unsupported_grant_type",
                "error_description",
                "AADSTS70003: the grant type is not supported."));
      }
      if (secret == null && certificate == null) {
        return Answer.of(
            400,
            Json.object(
                "error",
                "unauthorized_client",
                "error_description",
                "AADSTS700016: Application with identifier '"
                    + clientId
                    + "' was not found in the directory."));
      }
      String assertion = form.get("client_assertion");
      if (assertion != null) {
        if (certificate == null || !signedBy(assertion, certificate, clientId)) {
          return Answer.of(
              401,
              Json.object(
                  "error", "invalid_client",
                  "error_description",
                      "AADSTS700027: Client assertion failed signature validation."));
        }
      } else if (secret == null || !secret.equals(form.get("client_secret"))) {
        return Answer.of(
            401,
            Json.object(
                "error", "invalid_client",
                "error_description", "AADSTS7000215: Invalid client secret provided."));
      }
      if (java.util.Arrays.stream(String.valueOf(form.get("scope")).split(" ", -1))
          .noneMatch(scope -> scope.endsWith("/.default"))) {
        return Answer.of(
            400,
            Json.object(
                "error",
                "invalid_scope",
                "error_description",
                "AADSTS1002012: The scope must end with /.default."));
      }
      String token = fake.issueToken();
      return Answer.of(
          200,
          Json.object(
              "token_type",
              "Bearer",
              "expires_in",
              fake.tokenLifetime.toSeconds(),
              "ext_expires_in",
              fake.tokenLifetime.toSeconds(),
              "access_token",
              token));
    }
    return Answer.of(404, Json.object("error", "not_found"));
  }

  /**
   * Whether {@code assertion} is a JWT of {@code clientId} (issuer and subject), for a token
   * endpoint, unexpired, signed (RS256 or PS256) by the key of {@code certificate}.
   */
  private static boolean signedBy(
      String assertion, java.security.cert.X509Certificate certificate, String clientId) {
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      Map<?, ?> header =
          (Map<?, ?>) Json.parse(new String(b64.decode(parts[0]), StandardCharsets.UTF_8));
      Map<?, ?> claims =
          (Map<?, ?>) Json.parse(new String(b64.decode(parts[1]), StandardCharsets.UTF_8));
      java.security.Signature signature;
      if ("RS256".equals(header.get("alg"))) {
        signature = java.security.Signature.getInstance("SHA256withRSA");
      } else if ("PS256".equals(header.get("alg"))) {
        signature = java.security.Signature.getInstance("RSASSA-PSS");
        signature.setParameter(
            new java.security.spec.PSSParameterSpec(
                "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        return false;
      }
      signature.initVerify(certificate.getPublicKey());
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      boolean valid = signature.verify(b64.decode(parts[2]));
      // The assertion is signed with the client's real time, whatever clock the fake runs on.
      long now = System.currentTimeMillis() / 1000;
      return valid
          && clientId.equals(claims.get("iss"))
          && clientId.equals(claims.get("sub"))
          && String.valueOf(claims.get("aud")).endsWith("/oauth2/v2.0/token")
          && claims.get("exp") instanceof Long exp
          && exp > now;
    } catch (Json.Malformed
        | ClassCastException
        | IllegalArgumentException
        | java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static String instance(Cloud cloud) {
    return switch (cloud) {
      case GLOBAL -> "microsoftonline.com";
      case US_GOVERNMENT -> "microsoftonline.us";
      case CHINA -> "partner.microsoftonline.cn";
    };
  }
}
