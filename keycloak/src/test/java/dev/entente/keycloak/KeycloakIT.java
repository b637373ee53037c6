package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The extension inside the Keycloak distribution as shipped (R-MAT-1, R-POL-1): it unpacks under
 * {@code target/}, gets the provider jars, starts in dev mode on free ports, and is configured over
 * its admin REST API with two realms — {@code upstream}, standing in for Entra tenants (each of its
 * two clients adds the {@code tid} of one tenant to its ID tokens), brokered into {@code main} as
 * two OIDC identity providers trusted as Entra. Logins are driven over HTTP with a cookie jar, as a
 * browser would, redirects followed by hand so that the code is seen, or its absence.
 */
@DisplayName("Entente inside a real Keycloak decides membership at sign-in (R-MAT-1, R-POL-1)")
@Timeout(
    value = 20,
    unit = TimeUnit.MINUTES) // a hang guard for a cold start on 2 cores, not a limit
class KeycloakIT {
  private static final Duration HANG_GUARD = Duration.ofMinutes(15);
  private static final String CONTOSO_TENANT = "4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f";
  private static final String UNKNOWN_TENANT = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  private static final String CALLBACK = "http://localhost:9/callback";

  private static Process keycloak;
  private static String base;
  private static Path log;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path home = Path.of(System.getProperty("keycloak.home"));
    Path data = home.resolve("data"); // a fresh server: no realm left from an earlier run
    if (Files.exists(data)) {
      try (Stream<Path> files = Files.walk(data)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    Path providers = home.resolve("providers");
    Path provider = Path.of(System.getProperty("entente.provider"));
    Files.copy(
        provider, providers.resolve(provider.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    Path export = home.resolve("connected-organizations.json");
    Files.writeString(
        export,
        "{\"value\":["
            + "{\"id\":\"8a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b\",\"displayName\":\"Contoso\","
            + "\"state\":\"configured\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\""
            + CONTOSO_TENANT
            + "\",\"displayName\":\"Contoso\"}]},"
            + "{\"id\":\"1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d\",\"displayName\":\"Fabrikam\","
            + "\"state\":\"configured\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"fabrikam.com\","
            + "\"displayName\":\"fabrikam.com\"}]}]}");
    int port = freePort();
    base = "http://localhost:" + port;
    log = home.resolve("keycloak.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + freePort(),
                "--spi-authenticator-entente-export-file=" + export)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    keycloak = pb.start();
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (true) {
      if (!keycloak.isAlive()) {
        throw new AssertionError("Keycloak stopped:\n" + Files.readString(log));
      }
      try {
        if (plain()
                .send(get(base + "/realms/master"), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("hang guard: Keycloak did not start:\n" + Files.readString(log));
      }
      Thread.sleep(500);
    }
    configure();
  }

  @AfterAll
  static void stop() throws Exception {
    if (keycloak != null) {
      keycloak.descendants().forEach(ProcessHandle::destroy);
      keycloak.destroy();
      keycloak.waitFor(2, TimeUnit.MINUTES);
      keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
      keycloak.destroyForcibly();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private static HttpClient plain() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String adminToken() throws Exception {
    HttpResponse<String> r =
        plain()
            .send(
                HttpRequest.newBuilder(
                        URI.create(base + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            form(
                                Map.of(
                                    "grant_type", "password",
                                    "client_id", "admin-cli",
                                    "username", "admin",
                                    "password", "admin"))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return field(r.body(), "access_token");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  /** An admin REST call; returns the body, failing on an error status. */
  private static String admin(String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/admin/realms" + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + adminToken())
            .header("Content-Type", "application/json");
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = plain().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  // ---------------------------------------------------------------------------------------------
  // the realms

  private static void configure() throws Exception {
    admin("POST", "", "{\"realm\":\"upstream\",\"enabled\":true}");
    for (String[] tenant :
        new String[][] {{"contoso-entra", CONTOSO_TENANT}, {"other-entra", UNKNOWN_TENANT}}) {
      admin(
          "POST",
          "/upstream/clients",
          "{\"clientId\":\""
              + tenant[0]
              + "\",\"secret\":\"s3cret\",\"publicClient\":false,\"standardFlowEnabled\":true,"
              + "\"redirectUris\":[\""
              + base
              + "/realms/main/broker/"
              + tenant[0]
              + "/endpoint\"],\"protocolMappers\":[{\"name\":\"tid\",\"protocol\":\"openid-connect\","
              + "\"protocolMapper\":\"oidc-hardcoded-claim-mapper\",\"config\":{\"claim.name\":\"tid\","
              + "\"claim.value\":\""
              + tenant[1]
              + "\",\"jsonType.label\":\"String\",\"id.token.claim\":\"true\","
              + "\"access.token.claim\":\"true\"}}]}");
    }
    for (String[] user :
        new String[][] {{"alice", "alice@contoso.com"}, {"mallory", "mallory@example.org"}}) {
      admin(
          "POST",
          "/upstream/users",
          "{\"username\":\""
              + user[0]
              + "\",\"email\":\""
              + user[1]
              + "\",\"emailVerified\":true,\"firstName\":\""
              + user[0]
              + "\",\"lastName\":\"Tester\",\"enabled\":true,\"credentials\":[{\"type\":\"password\","
              + "\"value\":\"pw\",\"temporary\":false}]}");
    }

    admin("POST", "", "{\"realm\":\"main\",\"enabled\":true,\"organizationsEnabled\":true}");
    admin(
        "POST",
        "/main/authentication/flows",
        "{\"alias\":\"entente-post-broker\",\"providerId\":\"basic-flow\",\"topLevel\":true,"
            + "\"builtIn\":false}");
    addEntente("entente-post-broker");
    for (String alias : new String[] {"contoso-entra", "other-entra"}) {
      String upstream = base + "/realms/upstream/protocol/openid-connect";
      admin(
          "POST",
          "/main/identity-provider/instances",
          "{\"alias\":\""
              + alias
              + "\",\"providerId\":\"oidc\",\"enabled\":true,\"trustEmail\":true,"
              + "\"postBrokerLoginFlowAlias\":\"entente-post-broker\",\"config\":{"
              + "\"clientId\":\""
              + alias
              + "\",\"clientSecret\":\"s3cret\",\"clientAuthMethod\":\"client_secret_post\","
              + "\"authorizationUrl\":\""
              + upstream
              + "/auth\",\"tokenUrl\":\""
              + upstream
              + "/token\",\"jwksUrl\":\""
              + upstream
              + "/certs\",\"useJwksUrl\":\"true\",\"validateSignature\":\"true\","
              + "\"issuer\":\""
              + base
              + "/realms/upstream\",\"defaultScope\":\"openid email profile\","
              + "\"syncMode\":\"IMPORT\"}}");
    }
    // The browser flow, for local users: a copy of Keycloak's with Entente after the password.
    admin("POST", "/main/authentication/flows/browser/copy", "{\"newName\":\"entente-browser\"}");
    addEntente("entente-browser forms");
    admin("PUT", "/main", "{\"browserFlow\":\"entente-browser\"}");
    admin(
        "POST",
        "/main/clients",
        "{\"clientId\":\"app\",\"publicClient\":true,\"standardFlowEnabled\":true,"
            + "\"redirectUris\":[\""
            + CALLBACK
            + "\"],\"attributes\":{\"entente.policy\":\"all-configured\"},"
            + "\"protocolMappers\":[{\"name\":\"organization\",\"protocol\":\"openid-connect\","
            + "\"protocolMapper\":\"oidc-usersessionmodel-note-mapper\",\"config\":{"
            + "\"user.session.note\":\"entente.organization\",\"claim.name\":\"organization\","
            + "\"jsonType.label\":\"String\",\"id.token.claim\":\"true\","
            + "\"access.token.claim\":\"true\"}}]}");
    admin(
        "POST",
        "/main/users",
        "{\"username\":\"lee\",\"email\":\"lee@fabrikam.com\",\"emailVerified\":false,"
            + "\"firstName\":\"Lee\",\"lastName\":\"Tester\",\"enabled\":true,"
            + "\"credentials\":[{\"type\":\"password\",\"value\":\"pw\",\"temporary\":false}]}");
  }

  /** Adds the Entente authenticator, REQUIRED and configured, to {@code flow}. */
  private static void addEntente(String flow) throws Exception {
    String path = "/main/authentication/flows/" + flow.replace(" ", "%20") + "/executions";
    admin("POST", path + "/execution", "{\"provider\":\"entente\"}");
    String executions = admin("GET", path, null);
    Matcher m =
        Pattern.compile("\\{[^{}]*\"providerId\"\\s*:\\s*\"entente\"[^{}]*\\}").matcher(executions);
    assertTrue(m.find(), executions);
    String execution = m.group();
    String id = field(execution, "id");
    admin(
        "PUT",
        path,
        execution.replaceAll("\"requirement\"\\s*:\\s*\"[A-Z]+\"", "\"requirement\":\"REQUIRED\""));
    admin(
        "POST",
        "/main/authentication/executions/" + id + "/config",
        "{\"alias\":\"entente-"
            + flow.replace(' ', '-')
            + "\",\"config\":{\"policy\":\"all-configured\","
            + "\"entraProviders\":\"contoso-entra,other-entra\"}}");
  }

  // ---------------------------------------------------------------------------------------------
  // logging in, as a browser would

  /** Where a login ended: the callback with a code, or a page. */
  record Ending(int status, String location, String body) {
    boolean issuedCode() {
      return location.startsWith(CALLBACK) && location.contains("code=");
    }
  }

  /**
   * A browser: a cookie jar by name and path, and redirects followed by hand. Not the JDK's
   * CookieManager, which never sends a {@code Secure} cookie over http, as browsers do to
   * localhost.
   */
  private static final class Browser {
    private final HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String[]> cookies =
        new LinkedHashMap<>(); // name|path -> {name=value, path}

    private HttpResponse<String> send(HttpRequest request) throws Exception {
      String path = request.uri().getPath();
      String header =
          cookies.values().stream()
              .filter(c -> path.startsWith(c[1]))
              .map(c -> c[0])
              .collect(Collectors.joining("; "));
      HttpRequest.Builder b = HttpRequest.newBuilder(request, (n, v) -> true);
      if (!header.isEmpty()) {
        b.header("Cookie", header);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        String[] parts = set.split(";");
        String pair = parts[0].strip();
        String cookiePath = "/";
        boolean expired = false;
        for (String attribute : parts) {
          String a = attribute.strip().toLowerCase(java.util.Locale.ROOT);
          if (a.startsWith("path=")) {
            cookiePath = attribute.strip().substring(5);
          }
          if (a.startsWith("max-age=0") || a.startsWith("expires=thu, 01 jan 1970")) {
            expired = true;
          }
        }
        String key = pair.substring(0, pair.indexOf('=')) + "|" + cookiePath;
        if (expired) {
          cookies.remove(key);
        } else {
          cookies.put(key, new String[] {pair, cookiePath});
        }
      }
      return r;
    }

    Ending go(HttpRequest first) throws Exception {
      HttpRequest request = first;
      for (int hops = 0; hops < 30; hops++) {
        HttpResponse<String> r = send(request);
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() / 100 != 3) {
          return new Ending(r.statusCode(), "", r.body());
        }
        if (location.startsWith(CALLBACK)) {
          return new Ending(r.statusCode(), location, r.body());
        }
        request = get(request.uri().resolve(location).toString());
      }
      throw new AssertionError("more than 30 redirects");
    }

    Ending submit(Ending page, Map<String, String> fields) throws Exception {
      Matcher m = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
      assertTrue(m.find(), "a form in:\n" + page.body());
      String action = m.group(1).replace("&amp;", "&");
      return go(
          HttpRequest.newBuilder(URI.create(action))
              .timeout(Duration.ofMinutes(2))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
              .build());
    }

    /**
     * Signs in on a login page: username and password, again on the next login page while there is
     * one (with Organizations on, Keycloak asks for the username alone first, then the password).
     */
    Ending signIn(Ending page, String user) throws Exception {
      Ending now = page;
      for (int pages = 0;
          pages < 3 && now.status() == 200 && now.body().contains("id=\"kc-form-login\"");
          pages++) {
        now = submit(now, Map.of("username", user, "password", "pw"));
      }
      return now;
    }

    String token(Ending ending) throws Exception {
      Matcher m = Pattern.compile("code=([^&]+)").matcher(ending.location());
      assertTrue(m.find(), ending.location());
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(
                      URI.create(base + "/realms/main/protocol/openid-connect/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(
                              Map.of(
                                  "grant_type",
                                  "authorization_code",
                                  "client_id",
                                  "app",
                                  "redirect_uri",
                                  CALLBACK,
                                  "code",
                                  m.group(1)))))
                  .build());
      assertEquals(200, r.statusCode(), r.body());
      String jwt = field(r.body(), "id_token");
      return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
  }

  private static HttpRequest authorize(String idpHint) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", "app");
    query.put("redirect_uri", CALLBACK);
    query.put("response_type", "code");
    query.put("scope", "openid");
    if (idpHint != null) {
      query.put("kc_idp_hint", idpHint);
    }
    return get(base + "/realms/main/protocol/openid-connect/auth?" + form(query));
  }

  private static Ending brokeredLogin(Browser browser, String provider, String user)
      throws Exception {
    Ending login = browser.go(authorize(provider));
    assertEquals(200, login.status(), "the upstream login page");
    return browser.signIn(login, user);
  }

  // ---------------------------------------------------------------------------------------------
  // the checks

  @Test
  @DisplayName(
      "a user of a configured tenant is admitted and the token carries the organization (R-MAT-1)")
  void aTenantUserIsAdmitted() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "contoso-entra", "alice");
    assertTrue(end.issuedCode(), "a code was issued: " + end);
    String claims = browser.token(end);
    assertTrue(claims.contains("\"organization\":\"Contoso\""), claims);
    String explained = admin("GET", "/main/entente/explain?username=alice&client=app", null);
    assertTrue(explained.contains("\"eligible\":true"), explained);
    assertTrue(explained.contains("MEMBER_OF_ORGANIZATION"), explained);
  }

  @Test
  @DisplayName("a user of an unknown tenant is refused with the explanation, and no code is issued")
  void anUnknownTenantIsRefused() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "other-entra", "mallory");
    assertFalse(end.issuedCode(), "no code: " + end.location());
    assertEquals(403, end.status());
    assertTrue(
        end.body().contains(UNKNOWN_TENANT), "the explanation names the tenant:\n" + end.body());
    assertTrue(
        end.body().contains("requestor&#39;s sign-in")
            || end.body().contains("requestor's sign-in"),
        "the explanation as written, apostrophes kept:\n" + end.body());
    String explained = admin("GET", "/main/entente/explain?username=mallory&client=app", null);
    assertTrue(explained.contains("\"eligible\":false"), explained);
    assertTrue(explained.contains("NOT_IN_ANY_ORGANIZATION"), explained);
  }

  @Test
  @DisplayName(
      "a local user with an unverified email is refused, and admitted once it is verified"
          + " (R-POL-1)")
  void aLocalUserNeedsAVerifiedEmail() throws Exception {
    Browser first = new Browser();
    Ending page = first.go(authorize(null));
    Ending refused = first.signIn(page, "lee");
    assertFalse(refused.issuedCode(), "no code for an unverified email");
    assertEquals(403, refused.status());
    String explained = admin("GET", "/main/entente/explain?username=lee&client=app", null);
    assertTrue(explained.contains("EMAIL_NOT_VERIFIED"), explained);

    // Mirror the connected organizations to Keycloak's: Fabrikam by its domain; Contoso, a
    // tenant's, has no domain to give a Keycloak organization.
    String mirror = admin("POST", "/main/entente/mirror", null);
    assertTrue(mirror.contains("entente-1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"), mirror);
    assertTrue(
        mirror.contains("8a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"), "Contoso not mirrored: " + mirror);
    String mirrored = admin("GET", "/main/organizations?search=Fabrikam", null);
    assertTrue(mirrored.contains("\"name\":\"fabrikam.com\""), mirrored);

    String users = admin("GET", "/main/users?username=lee&exact=true", null);
    String id = field(users, "id");
    admin("PUT", "/main/users/" + id, "{\"emailVerified\":true}");
    Browser second = new Browser();
    Ending admitted = second.signIn(second.go(authorize(null)), "lee");
    assertTrue(admitted.issuedCode(), "a code once verified: " + admitted);
    assertTrue(second.token(admitted).contains("\"organization\":\"Fabrikam\""));
    String organization = field(mirrored, "id");
    String members = admin("GET", "/main/organizations/" + organization + "/members", null);
    assertTrue(
        members.contains("\"username\":\"lee\""),
        "lee joined the mirrored organization: " + members);
    String organizations = admin("GET", "/main/entente/organizations", null);
    assertTrue(
        organizations.contains("Contoso") && organizations.contains("Fabrikam"), organizations);
  }

  @Test
  @DisplayName(
      "the provider jar holds Entente and ICU4J, not Guava, Jackson, SLF4J or the driver: the"
          + " logins above ran on Keycloak's own")
  void theProviderAddsOnlyWhatKeycloakLacks() throws Exception {
    Path home = Path.of(System.getProperty("keycloak.home"));
    try (java.util.zip.ZipFile jar =
        new java.util.zip.ZipFile(System.getProperty("entente.provider"))) {
      java.util.List<String> names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertTrue(names.contains("dev/entente/keycloak/ConnectedOrganizationAuthenticator.class"));
      assertTrue(names.contains("dev/entente/access/AccessRequestMatcher.class"));
      assertTrue(names.stream().anyMatch(n -> n.startsWith("com/ibm/icu/")), "ICU4J");
      for (String theirs :
          java.util.List.of(
              "com/google/common/", "com/fasterxml/", "org/slf4j/", "org/postgresql/")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(theirs)), theirs + " is Keycloak's");
      }
    }
    try (Stream<Path> server = Files.list(home.resolve("lib/lib/main"))) {
      assertTrue(
          server.anyMatch(p -> p.getFileName().toString().startsWith("com.google.guava.guava-")),
          "Keycloak carries Guava");
    }
  }
}
