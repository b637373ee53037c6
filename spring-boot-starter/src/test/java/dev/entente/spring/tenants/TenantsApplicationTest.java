package dev.entente.spring.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entente.spring.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring Boot application serving two host directories over one PostgreSQL database, driven
 * over HTTP: the injected beans act in the request's directory, told by a header or by the signed
 * token's claim; nothing of one directory reaches the other; the application's transactions still
 * hold Entente's writes (R-DIR-1, R-DIR-2, R-DIR-3, R-LOG-4).
 */
@DisplayName("A multi-tenant Spring Boot application: one directory a request (R-DIR-1, R-DIR-3)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class TenantsApplicationTest {
  private static final String HEADER = "X-Tenant";

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private final String db = TestDatabase.fresh();

  @AfterEach
  void stop() {
    running.forEach(ConfigurableApplicationContext::close);
  }

  private ConfigurableApplicationContext start(String... more) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.datasource.url=" + TestDatabase.url(db),
                "spring.datasource.username=postgres",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always"));
    properties.addAll(List.of(more));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TenantsApplication.class)
            .properties(properties.toArray(String[]::new))
            .run();
    running.add(context);
    return context;
  }

  private HttpResponse<String> send(
      ConfigurableApplicationContext app, String method, String path, String... headers)
      throws Exception {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName(
      "by header: each directory's partners, decisions and audit are its own; the same domain is"
          + " a partner of both; a request naming none, or a bad one, is refused and writes nothing;"
          + " a rolled-back transaction leaves nothing in its directory")
  void byHeader() throws Exception {
    ConfigurableApplicationContext app =
        start("entente.directory.resolver=header", "entente.directory.header=" + HEADER);
    assertEquals(
        200, send(app, "POST", "/partners/fabrikam.com", HEADER, "customer-a").statusCode());
    assertEquals(
        200, send(app, "POST", "/partners/contoso.com", HEADER, "customer-b").statusCode());
    assertEquals(
        200,
        send(app, "POST", "/partners/contoso.com", HEADER, "customer-a").statusCode(),
        "a domain of B is free in A: keys are a directory's own");

    String a = send(app, "GET", "/partners", HEADER, "customer-a").body();
    String b = send(app, "GET", "/partners", HEADER, "customer-b").body();
    assertTrue(a.contains("\"directory\":\"customer-a\""), a);
    assertTrue(a.contains("fabrikam.com") && a.contains("contoso.com"), a);
    assertTrue(b.contains("contoso.com") && !b.contains("fabrikam.com"), "B sees A's: " + b);
    assertEquals(
        "true", send(app, "GET", "/admits?email=lee@fabrikam.com", HEADER, "customer-a").body());
    assertEquals(
        "false",
        send(app, "GET", "/admits?email=lee@fabrikam.com", HEADER, "customer-b").body(),
        "A's partner decides nothing in B");

    HttpResponse<String> none = send(app, "POST", "/partners/tailspin.com");
    assertEquals(400, none.statusCode(), none.body());
    assertTrue(none.body().contains("directory"), none.body());
    HttpResponse<String> bad = send(app, "POST", "/partners/tailspin.com", HEADER, "no spaces");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("header " + HEADER), bad.body());

    HttpResponse<String> regretted =
        send(app, "POST", "/partners/tailspin.com/regretted", HEADER, "customer-a");
    assertEquals(500, regretted.statusCode(), regretted.body());
    DataSource database = TestDatabase.direct(db);
    assertEquals(
        0,
        TestDatabase.first(
            database,
            "SELECT count(*) FROM entente.organization WHERE display_name = 'tailspin.com'"),
        "no organization stayed, in any directory");
    assertEquals(
        2,
        TestDatabase.first(
            database,
            "SELECT count(*) FROM entente.change_log WHERE host_directory = 'customer-a'"),
        "and no audit record: A's two creates only");
    assertEquals(
        2,
        TestDatabase.first(
            database,
            "SELECT count(*) FROM entente.organization WHERE host_directory = 'customer-a'"));
    assertEquals(
        List.of("contoso.com"),
        List.of(
            send(app, "GET", "/directories/customer-b/partners")
                .body()
                .replaceAll("[\\[\\]\"]", "")),
        "a directory the application names, without any header");

    String health = send(app, "GET", "/actuator/health/entente").body();
    assertTrue(health.contains("\"loadedDirectories\":2"), health);
    assertTrue(health.contains("\"lag\":0"), health);
    MeterRegistry registry = app.getBean(MeterRegistry.class);
    assertTrue(
        registry.find("entente.decisions").meters().stream()
            .noneMatch(m -> m.getId().getTag("directory") != null),
        "no directory tag unless asked for");
  }

  @Test
  @DisplayName(
      "by the signed token's claim, and with the opt-in directory tag on the decisions counter")
  void byClaim() throws Exception {
    KeyPair issuer = Keys.generate();
    ConfigurableApplicationContext app =
        start(
            "entente.directory.resolver=claim",
            "entente.metrics.directory-tag=true",
            "test.jwt.public-key=" + Keys.encoded(issuer));
    String a = "Bearer " + token(issuer, "11111111-aaaa-4aaa-8aaa-111111111111");
    String b = "Bearer " + token(issuer, "22222222-bbbb-4bbb-8bbb-222222222222");
    assertEquals(200, send(app, "POST", "/partners/fabrikam.com", "Authorization", a).statusCode());
    assertEquals(
        "true", send(app, "GET", "/admits?email=lee@fabrikam.com", "Authorization", a).body());
    assertEquals(
        "false", send(app, "GET", "/admits?email=lee@fabrikam.com", "Authorization", b).body());
    assertFalse(send(app, "GET", "/partners", "Authorization", b).body().contains("fabrikam"));
    assertEquals(
        400, send(app, "POST", "/partners/contoso.com").statusCode(), "no token, no directory");

    MeterRegistry registry = app.getBean(MeterRegistry.class);
    assertEquals(
        1.0,
        registry
            .get("entente.decisions")
            .tag("directory", "11111111-aaaa-4aaa-8aaa-111111111111")
            .tag("outcome", "eligible")
            .functionCounter()
            .count());
    assertEquals(
        1.0,
        registry
            .get("entente.decisions")
            .tag("directory", "22222222-bbbb-4bbb-8bbb-222222222222")
            .tag("outcome", "refused")
            .functionCounter()
            .count());
  }

  private static String token(KeyPair issuer, String tenant) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.RS256),
            new JWTClaimsSet.Builder()
                .subject("admin")
                .issuer("https://login.microsoftonline.com/" + tenant + "/v2.0")
                .claim("tid", tenant)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());
    jwt.sign(new RSASSASigner(issuer.getPrivate()));
    return jwt.serialize();
  }
}
