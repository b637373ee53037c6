package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.chromium.Chromium;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The extension inside the Keycloak distribution as shipped (run on the lowest and the newest
 * Keycloak supported), with its organizations in PostgreSQL while Keycloak runs on its own default
 * database: the bundled driver, not Keycloak's, connects. It unpacks under {@code target/}, gets
 * the provider jar, starts in dev mode on free ports, and is configured over its admin REST API:
 * {@code upstream} stands in for Entra tenants and an unlisted OIDC provider (each client adds the
 * {@code tid} of one tenant to its ID tokens); {@code main} is made from the README's realm file
 * ({@code src/main/realm/realm-entente.json}) and brokers them; {@code second}, made from the same
 * file, is a realm the server does not give the organizations to. Logins are driven over HTTP with
 * a cookie jar, as a browser would, redirects followed by hand so that the code is seen, or its
 * absence; each door into a client is tried with a user Entente refuses.
 */
@DisplayName(
    "Entente inside a real Keycloak decides every door into a client (R-MAT-1, R-MAT-2, R-POL-1)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(
    value = 20,
    unit = TimeUnit.MINUTES) // a hang guard for a cold start on 2 cores, not a limit
class KeycloakIT {
  private static final Duration HANG_GUARD = Duration.ofMinutes(15);
  private static final String CONTOSO_TENANT = "4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f";
  private static final String UNKNOWN_TENANT = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  private static final String CALLBACK = "http://localhost:9/callback";
  private static final String DB_PASSWORD = "kc-entente-Secret-7";
  private static final Actor ADMIN = Actor.administrator("admin@host.example");

  /**
   * The ids the realms {@code main} and {@code partners} are made with: each realm's organizations
   * are its directory's, keyed by the realm's id (R-DIR-1). {@code partners} is served by its id,
   * so that a rename keeps it served.
   */
  private static final String MAIN_ID = "8d0b5e3a-2f1c-4a6e-9b7d-1c2e3f4a5b6c";

  private static final String PARTNERS_ID = "3e7a9c1d-5b2f-4d8e-a6c0-7f1e2d3c4b5a";

  private static EmbeddedPostgres postgres;
  private static Entente store; // the host's own tool, writing while Keycloak runs
  private static Entente mainRealm; // its directory of realm main
  private static Entente partnersRealm; // and of realm partners
  private static ConnectedOrganization fabrikam;
  private static ConnectedOrganization northwind;
  private static Process keycloak;
  private static String base;
  private static Path home;
  private static Path log;
  private static List<String> options;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    home = Path.of(System.getProperty("keycloak.home"));
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

    postgres = EmbeddedPostgres.builder().start();
    try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("create role entente login password '" + DB_PASSWORD + "'");
      s.execute("create database entente owner entente");
    }
    String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/entente";
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    ds.setUser("entente");
    ds.setPassword(DB_PASSWORD);
    PostgresSchema.standard().migrateIn(ds);
    store =
        Entente.builder()
            .store(PostgresOrganizationStore.of(ds, PostgresSchema.standard()))
            .build();
    mainRealm = store.directory(HostDirectory.of(MAIN_ID));
    partnersRealm = store.directory(HostDirectory.of(PARTNERS_ID));
    partnersRealm
        .organizations()
        .create(
            OrganizationDraft.named("Tailspin")
                .addIdentitySources(EmailDomain.of(DomainName.of("tailspin.com")))
                .build(),
            ADMIN);
    mainRealm
        .organizations()
        .create(
            OrganizationDraft.named("Contoso")
                .addIdentitySources(
                    EntraTenant.of(TenantId.of(CONTOSO_TENANT), Cloud.GLOBAL, "Contoso"))
                .build(),
            ADMIN);
    fabrikam =
        mainRealm
            .organizations()
            .create(
                OrganizationDraft.named("Fabrikam")
                    .addIdentitySources(EmailDomain.of(DomainName.of("fabrikam.com")))
                    .build(),
                ADMIN);
    northwind =
        mainRealm
            .organizations()
            .create(
                OrganizationDraft.named("Northwind")
                    .addIdentitySources(EmailDomain.of(DomainName.of("northwind.com")))
                    .build(),
                ADMIN);

    Path password = home.resolve("entente-db-password");
    Files.writeString(password, DB_PASSWORD + "\n");
    options =
        List.of(
            "--spi-entente--default--realms=main," + PARTNERS_ID + ",doomed",
            "--features=declarative-ui",
            "--spi-entente--default--jdbc-url=" + jdbcUrl,
            "--spi-entente--default--jdbc-user=entente",
            "--spi-entente--default--jdbc-password-file=" + password);
    int port = freePort();
    base = "http://localhost:" + port;
    log = home.resolve("keycloak.log");
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("start-dev");
    command.add("--http-port=" + port);
    command.add("--http-management-port=" + freePort());
    command.addAll(options);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
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
    if (postgres != null) {
      postgres.close();
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

  private static String realmOf(URI uri) {
    Matcher m = Pattern.compile("/realms/([^/]+)/").matcher(uri.getPath());
    return m.find() ? m.group(1) : "";
  }

  private static String realmOf(Ending ending) {
    return ending.realm();
  }

  /** A token request to {@code realm}'s token endpoint. */
  private static HttpResponse<String> tokenRequest(String realm, Map<String, String> fields)
      throws Exception {
    return plain()
        .send(
            HttpRequest.newBuilder(
                    URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The password grant in {@code realm} for {@code client}. */
  private static HttpResponse<String> passwordGrant(String realm, String client, String user)
      throws Exception {
    return tokenRequest(
        realm,
        Map.of(
            "grant_type", "password",
            "client_id", client,
            "username", user,
            "password", "pw",
            "scope", "openid"));
  }

  private static String masterToken(String user, String password) throws Exception {
    HttpResponse<String> r =
        tokenRequest(
            "master",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                user,
                "password",
                password));
    assertEquals(200, r.statusCode(), r.body());
    return field(r.body(), "access_token");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  private static String claims(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  /** An admin REST call as {@code token}'s administrator. */
  private static HttpResponse<String> adminAs(String token, String method, String path, String json)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/admin/realms" + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return plain().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An admin REST call as the server's administrator; returns the body, failing on an error. */
  private static String admin(String method, String path, String json) throws Exception {
    HttpResponse<String> r = adminAs(masterToken("admin", "admin"), method, path, json);
    assertTrue(r.statusCode() < 300, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  // ---------------------------------------------------------------------------------------------
  // the realms

  private static void configure() throws Exception {
    admin("POST", "", "{\"realm\":\"upstream\",\"enabled\":true}");
    String[][] upstreamClients = {
      {"contoso-entra", CONTOSO_TENANT}, {"other-entra", UNKNOWN_TENANT}, {"unlisted", null}
    };
    for (String[] tenant : upstreamClients) {
      StringBuilder redirects = new StringBuilder();
      for (String realm : new String[] {"main", "second"}) {
        redirects
            .append(redirects.length() == 0 ? "" : ",")
            .append("\"")
            .append(base)
            .append("/realms/")
            .append(realm)
            .append("/broker/")
            .append(tenant[0])
            .append("/endpoint\"");
      }
      String mappers =
          tenant[1] == null
              ? "[]"
              : "[{\"name\":\"tid\",\"protocol\":\"openid-connect\","
                  + "\"protocolMapper\":\"oidc-hardcoded-claim-mapper\",\"config\":{\"claim.name\":\"tid\","
                  + "\"claim.value\":\""
                  + tenant[1]
                  + "\",\"jsonType.label\":\"String\",\"id.token.claim\":\"true\","
                  + "\"access.token.claim\":\"true\"}}]";
      admin(
          "POST",
          "/upstream/clients",
          "{\"clientId\":\""
              + tenant[0]
              + "\",\"secret\":\"s3cret\",\"publicClient\":false,\"standardFlowEnabled\":true,"
              + "\"redirectUris\":["
              + redirects
              + "],\"protocolMappers\":"
              + mappers
              + "}");
    }
    for (String[] user :
        new String[][] {
          {"alice", "alice@contoso.com"},
          {"mallory", "mallory@example.org"},
          {"dan", "dan@fabrikam.com"}
        }) {
      admin("POST", "/upstream/users", user(user[0], user[1], true));
    }

    String realmFile =
        Files.readString(
            Path.of(System.getProperty("user.dir"), "src/main/realm/realm-entente.json"));
    Map<String, String> ids = Map.of("main", MAIN_ID, "partners", PARTNERS_ID);
    for (String realm : new String[] {"main", "second", "partners"}) {
      String id = ids.containsKey(realm) ? "\"id\": \"" + ids.get(realm) + "\", " : "";
      admin(
          "POST",
          "",
          realmFile.replace("\"realm\": \"main\"", id + "\"realm\": \"" + realm + "\""));
      admin(
          "PUT",
          "/" + realm,
          "{\"organizationsEnabled\":true,\"registrationAllowed\":true,\"eventsEnabled\":true}");
      String configs =
          admin(
              "GET",
              "/" + realm + "/authentication/flows/entente%20post%20broker/executions",
              null);
      String config = field(configs, "authenticationConfig");
      admin(
          "PUT",
          "/" + realm + "/authentication/config/" + config,
          "{\"id\":\""
              + config
              + "\",\"alias\":\"entente post broker\","
              + "\"config\":{\"entraProviders\":\"contoso-entra,other-entra\"}}");
      for (String alias : new String[] {"contoso-entra", "other-entra", "unlisted"}) {
        String upstream = base + "/realms/upstream/protocol/openid-connect";
        // The unlisted provider has no post-broker-login flow: a misplaced door, which the
        // client-policy executor and the browser flow's decision still close.
        String postBroker =
            alias.equals("unlisted") ? "" : ",\"postBrokerLoginFlowAlias\":\"entente post broker\"";
        admin(
            "POST",
            "/" + realm + "/identity-provider/instances",
            "{\"alias\":\""
                + alias
                + "\",\"providerId\":\"oidc\",\"enabled\":true,\"trustEmail\":true"
                + postBroker
                + ",\"config\":{\"clientId\":\""
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
      client(realm, "app", null);
      if (!realm.equals("partners")) {
        client(realm, "partner-app", "organizations:" + fabrikam.id());
      }
    }
    for (String[] user :
        new String[][] {{"tai", "tai@tailspin.com"}, {"fay", "fay@fabrikam.com"}}) {
      admin("POST", "/partners/users", user(user[0], user[1], true));
    }
    admin("POST", "/main/users", user("tam", "tam@tailspin.com", true));
    admin("POST", "", "{\"realm\":\"doomed\",\"enabled\":true}");
    for (String[] user :
        new String[][] {
          {"lee", "lee@fabrikam.com", "false"},
          {"nia", "nia@northwind.com", "true"},
          {"rex", "rex@unlisted.example", "true"},
          {"lat", "lat@fabrikam.com", "true"}
        }) {
      admin("POST", "/main/users", user(user[0], user[1], Boolean.parseBoolean(user[2])));
    }
    // Keycloak as shipped, for the latency figure: its own flows, no Entente.
    admin("POST", "", "{\"realm\":\"plain\",\"enabled\":true}");
    client("plain", "app", null);
    admin("POST", "/plain/users", user("lat", "lat@fabrikam.com", true));
  }

  private static String user(String name, String email, boolean verified) {
    return "{\"username\":\""
        + name
        + "\",\"email\":\""
        + email
        + "\",\"emailVerified\":"
        + verified
        + ",\"firstName\":\""
        + name
        + "\",\"lastName\":\"Tester\",\"enabled\":true,\"credentials\":[{\"type\":\"password\","
        + "\"value\":\"pw\",\"temporary\":false}]}";
  }

  /**
   * A public client with the organization mapper, and its own policy when {@code policy} is set.
   */
  private static void client(String realm, String clientId, String policy) throws Exception {
    admin(
        "POST",
        "/" + realm + "/clients",
        "{\"clientId\":\""
            + clientId
            + "\",\"publicClient\":true,\"standardFlowEnabled\":true,"
            + "\"directAccessGrantsEnabled\":true,\"redirectUris\":[\""
            + CALLBACK
            + "\"],\"attributes\":{"
            + (policy == null ? "" : "\"entente.policy\":\"" + policy + "\"")
            + "},\"protocolMappers\":[{\"name\":\"organization\",\"protocol\":\"openid-connect\","
            + "\"protocolMapper\":\"oidc-usersessionmodel-note-mapper\",\"config\":{"
            + "\"user.session.note\":\"entente.organization\",\"claim.name\":\"organization\","
            + "\"jsonType.label\":\"String\",\"id.token.claim\":\"true\","
            + "\"access.token.claim\":\"true\"}}]}");
  }

  // ---------------------------------------------------------------------------------------------
  // logging in, as a browser would

  /** Where a login ended: the callback with a code, or a page. */
  record Ending(int status, String location, String body, String realm) {
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
    String lastTokens = "";
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
          return new Ending(r.statusCode(), "", r.body(), realmOf(request.uri()));
        }
        if (location.startsWith(CALLBACK)) {
          return new Ending(r.statusCode(), location, r.body(), realmOf(request.uri()));
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

    /** The token response for the code {@code ending} carries, for {@code client}. */
    HttpResponse<String> exchange(Ending ending, String client) throws Exception {
      Matcher m = Pattern.compile("code=([^&]+)").matcher(ending.location());
      assertTrue(m.find(), ending.location());
      return send(
          HttpRequest.newBuilder(
                  URI.create(
                      base + "/realms/" + realmOf(ending) + "/protocol/openid-connect/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      form(
                          Map.of(
                              "grant_type",
                              "authorization_code",
                              "client_id",
                              client,
                              "redirect_uri",
                              CALLBACK,
                              "code",
                              m.group(1)))))
              .build());
    }

    /** The ID token's claims for the code {@code ending} carries, for {@code client}. */
    String token(Ending ending, String client) throws Exception {
      HttpResponse<String> r = exchange(ending, client);
      assertEquals(200, r.statusCode(), r.body());
      lastTokens = r.body();
      return claims(field(r.body(), "id_token"));
    }
  }

  private static HttpRequest authorize(String realm, String client, String idpHint) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", client);
    query.put("redirect_uri", CALLBACK);
    query.put("response_type", "code");
    query.put("scope", "openid");
    if (idpHint != null) {
      query.put("kc_idp_hint", idpHint);
    }
    return get(base + "/realms/" + realm + "/protocol/openid-connect/auth?" + form(query));
  }

  private static Ending brokeredLogin(Browser browser, String realm, String provider, String user)
      throws Exception {
    Ending login = browser.go(authorize(realm, "app", provider));
    assertEquals(200, login.status(), "the upstream login page");
    return browser.signIn(login, user);
  }

  private static String userId(String realm, String username) throws Exception {
    return field(
        admin("GET", "/" + realm + "/users?username=" + username + "&exact=true", null), "id");
  }

  /** Waits until the replica in Keycloak has seen {@code explain}'s answer change. */
  private static void awaitExplained(String username, String expected) throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!admin("GET", "/main/entente/explain?username=" + username + "&client=app", null)
        .contains(expected)) {
      assertTrue(System.nanoTime() - deadline < 0, "hang guard: the replica never saw the change");
      Thread.sleep(50);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the checks

  @Test
  @DisplayName(
      "a user of a configured tenant is admitted, the token carries the organization, and SSO to"
          + " another client decides him again as the tenant's user, not as a local one (R-MAT-1)")
  void aTenantUserIsAdmittedAndSsoKeepsHisSignIn() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "main", "contoso-entra", "alice");
    assertTrue(end.issuedCode(), "a code was issued: " + end);
    assertTrue(browser.token(end, "app").contains("\"organization\":\"Contoso\""));
    String explained = admin("GET", "/main/entente/explain?username=alice&client=app", null);
    assertTrue(explained.contains("\"eligible\":true"), explained);
    assertTrue(explained.contains("\"recorded\":true"), explained);
    assertTrue(explained.contains("MEMBER_OF_ORGANIZATION"), explained);

    // SSO into partner-app (Fabrikam only): refused, though signed in.
    Ending partner = browser.go(authorize("main", "partner-app", null));
    assertFalse(partner.issuedCode(), "no code for a client whose policy refuses: " + partner);
    assertEquals(403, partner.status());
    // SSO into app again: admitted, still as Contoso's user.
    Ending again = browser.go(authorize("main", "app", null));
    assertTrue(again.issuedCode(), "SSO to a client that admits him: " + again);
    assertTrue(browser.token(again, "app").contains("\"organization\":\"Contoso\""));
  }

  @Test
  @DisplayName(
      "a user of an unknown tenant is refused: no code, a page that tells what to do without the"
          + " host's organizations, and one error event with his user id")
  void anUnknownTenantIsRefused() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "main", "other-entra", "mallory");
    assertFalse(end.issuedCode(), "no code: " + end.location());
    assertEquals(403, end.status());
    assertTrue(end.body().contains("not admitted to this application"), end.body());
    for (String secret : new String[] {UNKNOWN_TENANT, CONTOSO_TENANT, "Contoso", "Fabrikam"}) {
      assertFalse(end.body().contains(secret), "the page shows " + secret + ":\n" + end.body());
    }
    String explained = admin("GET", "/main/entente/explain?username=mallory&client=app", null);
    assertTrue(explained.contains("\"eligible\":false"), explained);
    String id = userId("main", "mallory");
    String events = admin("GET", "/main/events?user=" + id, null);
    int refusals = events.split("\"entente_not_admitted\"", -1).length - 1;
    assertEquals(1, refusals, "one error event for one refused sign-in: " + events);
    assertTrue(events.contains(UNKNOWN_TENANT), "the event explains: " + events);
  }

  @Test
  @DisplayName(
      "a local user with an unverified email is refused, and admitted once it is verified;"
          + " the mirror makes a Keycloak organization he joins (R-POL-1)")
  void aLocalUserNeedsAVerifiedEmail() throws Exception {
    Browser first = new Browser();
    Ending refused = first.signIn(first.go(authorize("main", "app", null)), "lee");
    assertFalse(refused.issuedCode(), "no code for an unverified email");
    assertEquals(403, refused.status());
    assertTrue(refused.body().contains("not verified"), refused.body());
    String explained = admin("GET", "/main/entente/explain?username=lee&client=app", null);
    assertTrue(explained.contains("EMAIL_NOT_VERIFIED"), explained);

    String mirror = admin("POST", "/main/entente/mirror", null);
    assertTrue(mirror.contains("entente-" + fabrikam.id()), mirror);
    String mirrored = admin("GET", "/main/organizations?search=Fabrikam", null);
    assertTrue(mirrored.contains("\"name\":\"fabrikam.com\""), mirrored);

    admin("PUT", "/main/users/" + userId("main", "lee"), "{\"emailVerified\":true}");
    Browser second = new Browser();
    Ending admitted = second.signIn(second.go(authorize("main", "app", null)), "lee");
    assertTrue(admitted.issuedCode(), "a code once verified: " + admitted);
    assertTrue(second.token(admitted, "app").contains("\"organization\":\"Fabrikam\""));
    String members =
        admin("GET", "/main/organizations/" + field(mirrored, "id") + "/members", null);
    assertTrue(members.contains("\"username\":\"lee\""), "lee joined: " + members);
    Ending partner = second.go(authorize("main", "partner-app", null));
    assertTrue(partner.issuedCode(), "Fabrikam's member reaches partner-app through SSO");
  }

  @Test
  @DisplayName(
      "the password grant decides: refused for app and for the realm's own admin-cli, admitted"
          + " for a member")
  void thePasswordGrantIsDecided() throws Exception {
    for (String client : new String[] {"app", "admin-cli"}) {
      HttpResponse<String> refused = passwordGrant("main", client, "rex");
      assertEquals(400, refused.statusCode(), client + ": " + refused.body());
      assertTrue(refused.body().contains("invalid_grant"), refused.body());
      assertFalse(refused.body().contains("access_token"), refused.body());
    }
    HttpResponse<String> admitted = passwordGrant("main", "app", "nia");
    assertEquals(200, admitted.statusCode(), admitted.body());
    assertTrue(
        claims(field(admitted.body(), "id_token")).contains("\"organization\":\"Northwind\""));
  }

  @Test
  @DisplayName("self-registration decides: a new account with an unverified email gets no code")
  void registrationIsDecided() throws Exception {
    Browser browser = new Browser();
    Ending login = browser.go(authorize("main", "app", null));
    Matcher register =
        Pattern.compile("href=\"([^\"]*/registration\\?[^\"]*)\"").matcher(login.body());
    assertTrue(register.find(), "a registration link:\n" + login.body());
    Ending page =
        browser.go(
            get(URI.create(base).resolve(register.group(1).replace("&amp;", "&")).toString()));
    Ending end =
        browser.submit(
            page,
            Map.of(
                "username", "reg",
                "email", "reg@fabrikam.com",
                "firstName", "Reg",
                "lastName", "Tester",
                "password", "pw-Registered-1",
                "password-confirm", "pw-Registered-1"));
    assertFalse(end.issuedCode(), "no code for a new, unverified account: " + end);
    assertEquals(403, end.status(), end.body());
    userId("main", "reg"); // the account exists: Entente refused it, it did not fail
  }

  @Test
  @DisplayName(
      "an unlisted provider that trusts email does not make dan@fabrikam.com a verified member:"
          + " its code buys no token, SSO refuses him, and so does the password grant (R-MAT-2)")
  void theTrustEmailSpoofIsRefused() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "main", "unlisted", "dan");
    // No post-broker-login flow on this provider: Keycloak issues a code undecided ...
    assertTrue(end.issuedCode(), "a misplaced door: " + end);
    // ... which the client-policy executor refuses to exchange.
    HttpResponse<String> exchanged = browser.exchange(end, "app");
    assertEquals(400, exchanged.statusCode(), exchanged.body());
    assertTrue(exchanged.body().contains("invalid_grant"), exchanged.body());
    // The account's email is verified on the provider's word only: SSO decides it unverified.
    Ending sso = browser.go(authorize("main", "app", null));
    assertFalse(sso.issuedCode(), "SSO refuses him: " + sso);
    String explained = admin("GET", "/main/entente/explain?username=dan&client=app", null);
    assertTrue(explained.contains("EMAIL_NOT_VERIFIED"), explained);
    admin(
        "PUT",
        "/main/users/" + userId("main", "dan") + "/reset-password",
        "{\"type\":\"password\",\"value\":\"pw\",\"temporary\":false}");
    assertEquals(400, passwordGrant("main", "app", "dan").statusCode());

    String doors = admin("GET", "/main/entente/doors", null);
    assertTrue(doors.contains("\"tokensDecided\":true"), doors);
    String undecided = doors.substring(doors.indexOf("\"undecided\""));
    assertTrue(
        undecided.contains("\"name\":\"unlisted\""), "the misplaced door is reported: " + doors);
    assertFalse(undecided.contains("\"name\":\"app\""), doors);
  }

  @Test
  @DisplayName(
      "after the organization is deleted, the session's next client access through SSO and its"
          + " refresh token are refused (revocation)")
  void aDeletedOrganizationRevokes() throws Exception {
    Browser browser = new Browser();
    Ending end = browser.signIn(browser.go(authorize("main", "app", null)), "nia");
    assertTrue(end.issuedCode(), "a member of Northwind: " + end);
    browser.token(end, "app");
    String refresh = field(browser.lastTokens, "refresh_token");
    assertEquals(
        200,
        tokenRequest(
                "main",
                Map.of("grant_type", "refresh_token", "client_id", "app", "refresh_token", refresh))
            .statusCode(),
        "a refresh while Northwind is configured");

    ConnectedOrganization now = mainRealm.organizations().get(northwind.id()).orElseThrow();
    mainRealm.organizations().delete(now.id(), now.version(), ADMIN); // the host's tool, meanwhile
    awaitExplained("nia", "\"eligible\":false");

    HttpResponse<String> refreshed =
        tokenRequest(
            "main",
            Map.of("grant_type", "refresh_token", "client_id", "app", "refresh_token", refresh));
    assertEquals(400, refreshed.statusCode(), refreshed.body());
    assertTrue(refreshed.body().contains("invalid_grant"), refreshed.body());
    Ending sso = browser.go(authorize("main", "app", null));
    assertFalse(sso.issuedCode(), "SSO after the deletion: " + sso);
  }

  @Test
  @DisplayName(
      "a realm the server does not give the organizations to refuses the first realm's members,"
          + " and its endpoint lists, explains and mirrors nothing")
  void anotherRealmSeesNothing() throws Exception {
    Browser browser = new Browser();
    Ending end = brokeredLogin(browser, "second", "contoso-entra", "alice");
    assertFalse(end.issuedCode(), "Contoso is main's, not second's: " + end);
    assertTrue(end.body().contains("sign-in configuration"), end.body());
    assertFalse(end.body().contains("Contoso"), end.body());
    String token = masterToken("admin", "admin");
    for (String[] call :
        new String[][] {
          {"GET", "/second/entente/organizations"},
          {"GET", "/second/entente/explain?username=alice"},
          {"POST", "/second/entente/mirror"}
        }) {
      HttpResponse<String> r = adminAs(token, call[0], call[1], null);
      assertEquals(404, r.statusCode(), call[1] + ": " + r.body());
      assertTrue(r.body().contains("realms [main, " + PARTNERS_ID), r.body());
      assertFalse(r.body().contains("Contoso"), r.body());
    }
  }

  /** Waits until {@code realm}'s password grant for {@code user} answers {@code status}. */
  private static void awaitGrant(String realm, String user, int status) throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (passwordGrant(realm, "app", user).statusCode() != status) {
      assertTrue(System.nanoTime() - deadline < 0, "hang guard: " + user + " never got " + status);
      Thread.sleep(50);
    }
  }

  @Test
  @DisplayName(
      "each realm decides with its own organizations: admitted in one realm, refused in the other;"
          + " each administrator lists and explains only the realm's own; a change in one realm"
          + " never reaches the other's decisions; a rename keeps the realm's organizations"
          + " (R-DIR-1, R-DIR-2, R-DIR-3)")
  void eachRealmDecidesWithItsOwnOrganizations() throws Exception {
    assertEquals(200, passwordGrant("partners", "app", "tai").statusCode(), "Tailspin's, in B");
    assertEquals(400, passwordGrant("partners", "app", "fay").statusCode(), "Fabrikam is A's");
    assertEquals(400, passwordGrant("main", "app", "tam").statusCode(), "Tailspin is B's");
    assertEquals(200, passwordGrant("main", "app", "lat").statusCode(), "Fabrikam's, in A");

    String listed = admin("GET", "/partners/entente/organizations", null);
    assertTrue(listed.contains("Tailspin"), listed);
    for (String theirs : List.of("Fabrikam", "Contoso", "Northwind", fabrikam.id().toString())) {
      assertFalse(listed.contains(theirs), "B's list shows A's " + theirs + ": " + listed);
    }
    assertFalse(admin("GET", "/main/entente/organizations", null).contains("Tailspin"));
    String explained = admin("GET", "/partners/entente/explain?username=fay&client=app", null);
    assertTrue(explained.contains("\"eligible\":false"), explained);
    assertFalse(explained.contains("Fabrikam\""), "B explains with A's organization: " + explained);

    // A change in A: A now admits Tailspin's users too; B's decisions and list stay as they were.
    ConnectedOrganization inA =
        mainRealm
            .organizations()
            .create(
                OrganizationDraft.named("Tailspin in main")
                    .addIdentitySources(EmailDomain.of(DomainName.of("tailspin.com")))
                    .build(),
                ADMIN);
    try {
      awaitGrant("main", "tam", 200);
      assertEquals(400, passwordGrant("partners", "app", "fay").statusCode());
      assertFalse(
          admin("GET", "/partners/entente/organizations", null).contains(inA.id().toString()));
    } finally {
      ConnectedOrganization now = mainRealm.organizations().get(inA.id()).orElseThrow();
      mainRealm.organizations().delete(now.id(), now.version(), ADMIN);
    }

    admin("PUT", "/partners", "{\"realm\":\"partners-renamed\"}");
    try {
      assertEquals(200, passwordGrant("partners-renamed", "app", "tai").statusCode(), "renamed");
      assertTrue(
          admin("GET", "/partners-renamed/entente/organizations", null).contains("Tailspin"));
    } finally {
      admin("PUT", "/partners-renamed", "{\"realm\":\"partners\"}");
    }
  }

  @Test
  @DisplayName(
      "removing a realm deletes its organizations once the removal commits, each with its audit"
          + " record, and no other realm's (R-DIR-1)")
  void removingARealmDeletesItsOrganizations() throws Exception {
    HostDirectory doomed = HostDirectory.of(field(admin("GET", "/doomed", null), "id"));
    ConnectedOrganization kept =
        store
            .directory(doomed)
            .organizations()
            .create(
                OrganizationDraft.named("Doomed partner")
                    .addIdentitySources(EmailDomain.of(DomainName.of("doomed.example")))
                    .build(),
                ADMIN);
    assertEquals(1, store.directory(doomed).organizations().all().count());
    long before = mainRealm.organizations().all().count();
    // The console's item of the new organization comes first: a realm removed while the refresh
    // inserts an item can fail on Keycloak's foreign key (409).
    long shown = System.nanoTime() + HANG_GUARD.toNanos();
    while (!admin(
            "GET", "/doomed/components?type=org.keycloak.services.ui.extend.UiPageProvider", null)
        .contains(kept.id().toString())) {
      assertTrue(System.nanoTime() - shown < 0, "hang guard: the console's item never came");
      Thread.sleep(100);
    }
    admin("DELETE", "/doomed", null);
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (store.directory(doomed).organizations().all().count() > 0) {
      assertTrue(System.nanoTime() - deadline < 0, "hang guard: the organizations stayed");
      Thread.sleep(50);
    }
    assertEquals(before, mainRealm.organizations().all().count(), "realm main keeps its own");
    assertEquals(1, partnersRealm.organizations().all().count(), "realm partners keeps its own");
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://localhost:" + postgres.getPort() + "/entente");
    ds.setUser("entente");
    ds.setPassword(DB_PASSWORD);
    List<ChangeRecord> changes =
        PostgresOrganizationStore.of(ds, PostgresSchema.standard())
            .inDirectory(doomed)
            .changesAfter(0, 10);
    assertEquals(
        List.of(AuditEvent.Kind.CREATED, AuditEvent.Kind.DELETED),
        changes.stream().map(ChangeRecord::kind).toList());
    assertEquals(kept.id(), changes.get(1).organizationId());
    assertEquals(EntenteRuntime.REALM_REMOVED, changes.get(1).actor(), "the delete's audit record");
  }

  @Test
  @DisplayName(
      "the admin console's page lists the realm's organizations and no other realm's, creates,"
          + " edits and deletes them with Entente's validation messages on the form, and shows what"
          + " the host's tool wrote (R-DIR-1, R-MGT-1), in a real headless Chromium")
  void theAdminConsolePage() throws Exception {
    Path shots =
        Path.of(
            System.getProperty("user.dir"), "target", "screenshots", home.getFileName().toString());
    try (Chromium chromium = new Chromium(Duration.ofMinutes(3), shots)) {
      String page =
          base + "/admin/master/console/#/partners/page-section/Connected%20organizations";
      chromium.go(page);
      chromium.type(chromium.find("#username"), "admin");
      chromium.type(chromium.find("#password"), "admin");
      chromium.click(chromium.find("#kc-login"));
      chromium.awaitText("Tailspin");
      chromium.screenshot("list");
      String text = chromium.text();
      for (String theirs : List.of("Fabrikam", "Contoso", "Northwind")) {
        assertFalse(text.contains(theirs), "B's page shows A's " + theirs + ":\n" + text);
      }

      // Create: refused first, with Entente's message on the form and nothing written; then saved.
      String pageBase =
          base + "/admin/master/console/#/partners/page-section/Connected%20organizations";
      chromium.go(pageBase + "/add");
      String name = chromium.find("[data-testid='displayName']");
      String source = chromium.find("[data-testid='config.identitySources0']");
      chromium.type(name, "Wingtip");
      chromium.type(source, "domain:not a domain!");
      chromium.click(chromium.find("[data-testid='save']"));
      chromium.awaitText("not a domain!");
      chromium.screenshot("create-refused");
      assertTrue(chromium.text().contains("identitySources"), chromium.text());
      assertEquals(1, partnersRealm.organizations().all().count(), "nothing written");
      chromium.type(source, "domain:wingtiptoys.com");
      chromium.click(chromium.find("[data-testid='save']"));
      ConnectedOrganization wingtip = awaitOrganization(partnersRealm, "Wingtip");
      chromium.screenshot("created");
      assertEquals(
          List.of(EmailDomain.of(DomainName.of("wingtiptoys.com"))), wingtip.identitySources());
      assertEquals(
          0,
          mainRealm.organizations().all().filter(o -> o.displayName().equals("Wingtip")).count());

      // Edit: the name, saved as an update based on the version the form was read at.
      chromium.load(pageBase + "/" + wingtip.id());
      name = chromium.find("[data-testid='displayName']");
      awaitValue(chromium, name, "Wingtip");
      assertEquals("1", chromium.value(chromium.find("[data-testid='version']")), "read at");
      chromium.type(name, "Wingtip Toys");
      chromium.click(chromium.find("[data-testid='save']"));
      ConnectedOrganization renamed = awaitOrganization(partnersRealm, "Wingtip Toys");
      assertEquals(wingtip.version().next(), renamed.version());
      chromium.screenshot("edited");

      // A stale form: the host's tool changed the organization after the form was read.
      chromium.load(pageBase + "/" + wingtip.id());
      name = chromium.find("[data-testid='displayName']");
      awaitValue(chromium, name, "Wingtip Toys");
      assertEquals("2", chromium.value(chromium.find("[data-testid='version']")), "read at");
      partnersRealm
          .organizations()
          .update(
              renamed.id(),
              renamed.version(),
              OrganizationChanges.builder().description("changed by the host's tool").build(),
              ADMIN);
      chromium.type(name, "Wingtip Toys Ltd");
      chromium.click(chromium.find("[data-testid='save']"));
      chromium.awaitText("version");
      chromium.screenshot("stale-refused");
      assertEquals(
          "Wingtip Toys",
          partnersRealm.organizations().get(renamed.id()).orElseThrow().displayName(),
          "the stale save changed nothing");

      // What the host's tool writes shows on the page; what it deletes goes.
      ConnectedOrganization proseware =
          partnersRealm
              .organizations()
              .create(
                  OrganizationDraft.named("Proseware")
                      .addIdentitySources(EmailDomain.of(DomainName.of("proseware.com")))
                      .build(),
                  ADMIN);
      awaitListed(chromium, pageBase, "Proseware", true);
      partnersRealm.organizations().delete(proseware.id(), proseware.version(), ADMIN);
      awaitListed(chromium, pageBase, "Proseware", false);
      chromium.screenshot("refreshed");

      // Delete, from the item's page.
      chromium.load(pageBase + "/" + wingtip.id());
      chromium.click(chromium.find("[data-testid='action-dropdown']"));
      chromium.click(chromium.find("[data-testid='delete-item']"));
      chromium.click(chromium.find("[data-testid='confirm']"));
      long deadline = System.nanoTime() + HANG_GUARD.toNanos();
      while (partnersRealm.organizations().get(wingtip.id()).isPresent()) {
        assertTrue(System.nanoTime() - deadline < 0, "hang guard: the delete never came");
        Thread.sleep(50);
      }
      chromium.screenshot("deleted");
      assertEquals(
          List.of("Tailspin"),
          partnersRealm.organizations().all().map(ConnectedOrganization::displayName).toList());
    }
  }

  /** Waits until {@code realm} holds an organization named {@code name}. */
  private static ConnectedOrganization awaitOrganization(Entente realm, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (true) {
      java.util.Optional<ConnectedOrganization> found =
          realm.organizations().all().filter(o -> o.displayName().equals(name)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertTrue(System.nanoTime() - deadline < 0, "hang guard: " + name + " never came");
      Thread.sleep(50);
    }
  }

  /** Waits until the form's field shows {@code value}, read from the server. */
  private static void awaitValue(Chromium chromium, String field, String value) throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!value.equals(chromium.value(field))) {
      assertTrue(System.nanoTime() - deadline < 0, "hang guard: the form never showed " + value);
      Thread.sleep(50);
    }
  }

  /** Reloads the page's list until it shows {@code name}, or no longer does. */
  private static void awaitListed(Chromium chromium, String page, String name, boolean shown)
      throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (true) {
      chromium.load(page); // the console loads again, and its list with it
      chromium.awaitText("Tailspin");
      if (chromium.text().contains(name) == shown) {
        return;
      }
      assertTrue(
          System.nanoTime() - deadline < 0,
          "hang guard: the list never " + (shown ? "showed " : "dropped ") + name);
    }
  }

  @Test
  @DisplayName(
      "the admin endpoint asks Keycloak's permissions: view-realm to list, view-users to explain,"
          + " manage-realm to mirror")
  void theEndpointAsksKeycloaksPermissions() throws Exception {
    String client = field(admin("GET", "/master/clients?clientId=main-realm", null), "id");
    String[][] administrators = {
      {"viewrealm", "view-realm"}, {"viewusers", "view-users"}, {"managerealm", "manage-realm"}
    };
    for (String[] a : administrators) {
      admin("POST", "/master/users", user(a[0], a[0] + "@host.example", true));
      String role = admin("GET", "/master/clients/" + client + "/roles/" + a[1], null);
      admin(
          "POST",
          "/master/users/" + userId("master", a[0]) + "/role-mappings/clients/" + client,
          "[" + role + "]");
    }
    Map<String, int[]> expected = new LinkedHashMap<>(); // organizations, explain, mirror
    expected.put("viewrealm", new int[] {200, 403, 403});
    expected.put("viewusers", new int[] {403, 200, 403});
    expected.put("managerealm", new int[] {200, 403, 200});
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      String token = masterToken(e.getKey(), "pw");
      int[] got = {
        adminAs(token, "GET", "/main/entente/organizations", null).statusCode(),
        adminAs(token, "GET", "/main/entente/explain?username=lee", null).statusCode(),
        adminAs(token, "POST", "/main/entente/mirror", null).statusCode()
      };
      assertEquals(
          java.util.Arrays.toString(e.getValue()), java.util.Arrays.toString(got), e.getKey());
    }
  }

  /** One full sign-in, as a new browser: the login page, the password, the code, the tokens. */
  private static long timedSignIn(String realm) throws Exception {
    long start = System.nanoTime();
    Browser browser = new Browser();
    Ending end = browser.signIn(browser.go(authorize(realm, "app", null)), "lat");
    assertTrue(end.issuedCode(), realm + ": " + end);
    browser.token(end, "app");
    return System.nanoTime() - start;
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  @Test
  @DisplayName(
      "every one of a few hundred sign-ins is admitted; their latency with Entente's decision and"
          + " without it, in the same run, is recorded for bench/README")
  void signInLatency() throws Exception {
    int n = Integer.getInteger("entente.latency.signIns", 100);
    for (int warm = 0; warm < 20; warm++) { // the JIT and Keycloak's caches, both realms
      timedSignIn("main");
      timedSignIn("plain");
    }
    long[] with = new long[n];
    long[] without = new long[n];
    for (int i = 0; i < n; i++) { // interleaved, so that both see the same machine
      with[i] = timedSignIn("main");
      without[i] = timedSignIn("plain");
    }
    java.util.Arrays.sort(with);
    java.util.Arrays.sort(without);
    String version = home.getFileName().toString();
    String report =
        String.format(
            java.util.Locale.ROOT,
            "%s, %d sign-ins each (login page, password, code, tokens), interleaved:%n"
                + "  with Entente (browser flow, executor): p50 %.1f ms, p99 %.1f ms%n"
                + "  Keycloak's own flows:                   p50 %.1f ms, p99 %.1f ms%n"
                + "  added: p50 %+.1f ms (ratio %.2f), p99 %+.1f ms (ratio %.2f)%n",
            version,
            n,
            percentile(with, 0.5),
            percentile(with, 0.99),
            percentile(without, 0.5),
            percentile(without, 0.99),
            percentile(with, 0.5) - percentile(without, 0.5),
            percentile(with, 0.5) / percentile(without, 0.5),
            percentile(with, 0.99) - percentile(without, 0.99),
            percentile(with, 0.99) / percentile(without, 0.99));
    Files.writeString(
        Path.of(System.getProperty("user.dir"), "target", "sign-in-latency-" + version + ".txt"),
        report);
    System.out.print(report);
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it stops the database
  @DisplayName(
      "while Entente's database is down, sign-ins go on deciding from the replica and the admin"
          + " endpoint answers 503 with the reason")
  void theDatabaseGoesAway() throws Exception {
    EmbeddedPostgres database = postgres;
    postgres = null;
    database.close();
    HttpResponse<String> listed =
        adminAs(masterToken("admin", "admin"), "GET", "/main/entente/organizations", null);
    assertEquals(503, listed.statusCode(), listed.body());
    assertTrue(listed.body().contains("unreachable"), listed.body());
    assertTrue(listed.headers().firstValue("Retry-After").isPresent());
    Browser browser = new Browser();
    Ending end = browser.signIn(browser.go(authorize("main", "app", null)), "lat");
    assertTrue(end.issuedCode(), "decided from the replica: " + end);
    assertTrue(browser.token(end, "app").contains("\"organization\":\"Fabrikam\""));
  }

  @Test
  @DisplayName(
      "show-config prints the password file's path, never the password; the provider jar carries"
          + " the driver relocated, not Guava, Jackson or SLF4J")
  void secretsAndTheJar() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("show-config");
    command.addAll(options);
    Process show = new ProcessBuilder(command).redirectErrorStream(true).start();
    String shown = new String(show.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(show.waitFor(HANG_GUARD.toMinutes(), TimeUnit.MINUTES), "hang guard: show-config");
    assertTrue(shown.contains("entente-db-password"), shown);
    assertFalse(shown.contains(DB_PASSWORD), shown);
    assertFalse(Files.readString(log).contains(DB_PASSWORD), "the log never has the password");

    try (java.util.zip.ZipFile jar =
        new java.util.zip.ZipFile(System.getProperty("entente.provider"))) {
      List<String> names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertTrue(names.contains("dev/entente/keycloak/ConnectedOrganizationAuthenticator.class"));
      assertTrue(names.contains("dev/entente/keycloak/shaded/postgresql/Driver.class"));
      assertTrue(names.stream().anyMatch(n -> n.startsWith("com/ibm/icu/")), "ICU4J");
      for (String theirs :
          List.of("com/google/common/", "com/fasterxml/", "org/slf4j/", "org/postgresql/")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(theirs)), theirs);
      }
      assertFalse(names.contains("META-INF/services/java.sql.Driver"), "no DriverManager entry");
    }
  }
}
