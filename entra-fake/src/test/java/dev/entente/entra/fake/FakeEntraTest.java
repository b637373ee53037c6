package dev.entente.entra.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fake answers as Graph documents, and refuses what Graph refuses. */
class FakeEntraTest {
  private static final String ORGS =
      "/identityGovernance/entitlementManagement/connectedOrganizations";
  private static final String TENANT_SOURCE =
      "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\","
          + "\"tenantId\":\"11111111-1111-1111-1111-111111111111\",\"displayName\":\"Contoso\"}";
  private static final String DOMAIN_SOURCE =
      "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\","
          + "\"domainName\":\"contoso.com\",\"displayName\":\"contoso.com\"}";

  /** A status and a body. */
  private record Answer(int statusCode, String body) {}

  private static Answer send(FakeEntra entra, String method, String path, String body)
      throws IOException {
    return call(entra.graphRoot() + path, method, "Bearer " + entra.issueToken(), body);
  }

  private static Answer call(String url, String method, String authorization, String body)
      throws IOException {
    if (method.equals("PATCH")) {
      return patch(URI.create(url), authorization, body);
    }
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(30_000); // a guard against a hang, not a limit the test measures
    c.setReadTimeout(30_000);
    if (authorization != null) {
      c.setRequestProperty("Authorization", authorization);
    }
    if (body != null) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new Answer(status, text);
  }

  /** HttpURLConnection has no PATCH: one request by hand, HTTP/1.1 over a socket. */
  private static Answer patch(URI url, String authorization, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000); // a guard against a hang, not a limit the test measures
      String head =
          "PATCH "
              + url.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + url.getHost()
              + "\r\nAuthorization: "
              + authorization
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + bytes.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int at = answer.indexOf("\r\n\r\n");
      return new Answer(status, at < 0 ? "" : answer.substring(at + 4));
    }
  }

  /** The examples of Microsoft's Graph v1.0 pages, kept beside the Graph module's tests. */
  private static String docs(String name) throws IOException {
    return java.nio.file.Files.readString(
        java.nio.file.Path.of("../graph/src/test/resources/graph/docs", name));
  }

  /** The top-level property names of a JSON object, in order. */
  private static java.util.Set<String> keys(String json) throws Exception {
    return ((java.util.Map<?, ?>) Json.parse(json))
        .keySet().stream()
            .map(String::valueOf)
            .filter(k -> !k.startsWith("@odata.context"))
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void theDocumentationsRequestsAreTakenAndItsResponsesHaveTheDocumentedShape() throws Exception {
    try (FakeEntra entra = FakeEntra.start()) {
      Answer created = send(entra, "POST", ORGS, docs("create-request.json"));
      assertEquals(201, created.statusCode(), created.body());
      assertEquals(keys(docs("create-response.json")), keys(created.body()));
      String id = String.valueOf(((java.util.Map<?, ?>) Json.parse(created.body())).get("id"));
      Answer updated = send(entra, "PATCH", ORGS + "/" + id, docs("update-request.json"));
      assertEquals(202, updated.statusCode(), updated.body());
      Answer list = send(entra, "GET", ORGS, null);
      assertEquals(keys(docs("list-response.json")), keys(list.body()));
      Object first =
          ((java.util.List<?>) ((java.util.Map<?, ?>) Json.parse(list.body())).get("value")).get(0);
      assertEquals(keys(docs("get-response.json")), keys(Json.write(first)));
      assertTrue(list.body().contains("Connected organization new name"), list.body());
    }
  }

  @Test
  void aCreateTakesExactlyOneIdentitySourceAsGraphDocuments() throws Exception {
    try (FakeEntra entra = FakeEntra.start()) {
      Answer two =
          send(
              entra,
              "POST",
              ORGS,
              "{\"displayName\":\"Contoso\",\"identitySources\":["
                  + TENANT_SOURCE
                  + ","
                  + DOMAIN_SOURCE
                  + "]}");
      assertEquals(400, two.statusCode(), two.body());
      Answer one =
          send(
              entra,
              "POST",
              ORGS,
              "{\"displayName\":\"Contoso\",\"identitySources\":[" + TENANT_SOURCE + "]}");
      assertEquals(201, one.statusCode(), one.body());
      assertTrue(one.body().contains("\"state\":\"configured\""), one.body());
      Answer again =
          send(
              entra,
              "POST",
              ORGS,
              "{\"displayName\":\"Other\",\"identitySources\":[" + TENANT_SOURCE + "]}");
      assertEquals(409, again.statusCode(), "an identity source belongs to one organization");
      Answer unknown =
          send(
              entra,
              "POST",
              ORGS,
              "{\"displayName\":\"X\",\"colour\":\"red\",\"identitySources\":["
                  + DOMAIN_SOURCE
                  + "]}");
      assertEquals(400, unknown.statusCode());
      assertEquals(1, entra.organizationCount());
    }
  }

  @Test
  void aBatchHoldsAtMostTwentyRequestsEachAnsweredOnItsOwn() throws Exception {
    try (FakeEntra entra = FakeEntra.start()) {
      StringBuilder body = new StringBuilder("{\"requests\":[");
      for (int i = 0; i < 21; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"id\":\"")
            .append(i)
            .append("\",\"method\":\"GET\",\"url\":\"")
            .append(ORGS)
            .append("\"}");
      }
      assertEquals(400, send(entra, "POST", "/$batch", body + "]}").statusCode());
      Answer two =
          send(
              entra,
              "POST",
              "/$batch",
              "{\"requests\":[{\"id\":\"a\",\"method\":\"GET\",\"url\":\""
                  + ORGS
                  + "\"},"
                  + "{\"id\":\"b\",\"method\":\"GET\",\"url\":\""
                  + ORGS
                  + "/nope\"}]}");
      assertEquals(200, two.statusCode());
      assertTrue(two.body().contains("\"id\":\"a\",\"status\":200"), two.body());
      assertTrue(two.body().contains("\"id\":\"b\",\"status\":404"), two.body());
    }
  }

  @Test
  void emptyPagesCarryANextLinkAndEveryOrganizationComesOnce() throws Exception {
    try (FakeEntra entra = FakeEntra.builder().pageSize(2).emptyPages(true).start()) {
      for (int i = 0; i < 3; i++) {
        entra.addOrganization(
            "{\"displayName\":\"O"
                + i
                + "\",\"identitySources\":[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"o"
                + i
                + ".example\"}]}");
      }
      String next = entra.graphRoot() + ORGS;
      int pages = 0;
      int organizations = 0;
      while (next != null) {
        String body = send(entra, "GET", next.substring(entra.graphRoot().length()), null).body();
        pages++;
        organizations += body.split("\"displayName\":\"O", -1).length - 1;
        int at = body.indexOf("\"@odata.nextLink\":\"");
        next = at < 0 ? null : body.substring(at + 19, body.indexOf('"', at + 19));
      }
      assertEquals(3, organizations);
      assertEquals(4, pages, "empty, two, empty, one");
    }
  }

  @Test
  void aRequestWithoutAValidTokenIsRefused() throws Exception {
    try (FakeEntra entra = FakeEntra.start()) {
      Answer none = call(entra.graphRoot() + ORGS, "GET", null, null);
      assertEquals(401, none.statusCode());
      entra.issueToken();
      entra.expireTokens();
      assertEquals(
          200, send(entra, "GET", ORGS, null).statusCode(), "a token issued after expiry works");
    }
  }

  @Test
  void anUnknownDomainIsAadsts90002AtTheLoginHost() throws Exception {
    try (FakeEntra entra = FakeEntra.start()) {
      Answer response =
          call(
              entra.loginRoot(dev.entente.model.Cloud.GLOBAL)
                  + "/nobody.example/v2.0/.well-known/openid-configuration",
              "GET",
              null,
              null);
      assertEquals(400, response.statusCode());
      assertTrue(response.body().contains("AADSTS90002"));
    }
  }
}
