package dev.entente.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

@DisplayName("The Spring Boot sample runs as the Spring Boot guide says (R-EMB-1)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class SpringSampleTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName(
      "adds an organization, admits its user, refuses a deny-listed domain, answers a taken"
          + " domain 409 and an invalid one 400 as problem details, reports health")
  void theSampleDecidesOverHttp() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext app =
            SpringSample.start(server.getJdbcUrl("postgres", "postgres"), "--server.port=0")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      assertEquals(200, send(port, "POST", "/organizations?domain=contoso.com").statusCode());
      String ana = send(port, "GET", "/access?email=ana@contoso.com").body();
      assertTrue(ana.contains("\"eligible\":true"), ana);
      assertTrue(ana.contains("\"reason\":\"MEMBER_OF_ORGANIZATION\""), ana);
      String blocked = send(port, "GET", "/access?email=eve@blocked.example").body();
      assertTrue(blocked.contains("\"reason\":\"BLOCKED_BY_DENY_LIST\""), blocked);
      HttpResponse<String> taken = send(port, "POST", "/organizations?domain=contoso.com");
      assertEquals(409, taken.statusCode(), taken.body());
      assertTrue(taken.body().contains("\"code\":\"IdentitySourceConflict\""), taken.body());
      HttpResponse<String> invalid = send(port, "POST", "/organizations?domain=co.uk");
      assertEquals(400, invalid.statusCode(), invalid.body());
      assertTrue(invalid.body().contains("\"accepted\""), invalid.body());
      HttpResponse<String> health = send(port, "GET", "/actuator/health");
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.body().contains("\"store\":\"postgres\""), health.body());
    }
  }
}
