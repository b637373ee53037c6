package dev.entente.spring.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.model.Actor;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.spring.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux application: Entente's exceptions answer as problem details there too (R-EMB-2). */
@DisplayName("A WebFlux application answers Entente's exceptions as problem details (R-EMB-2)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class ReactiveApplicationTest {
  /** The application: one reactive controller over Entente's service. */
  @SpringBootApplication
  @RestController
  static class ReactiveApplication {
    private final ConnectedOrganizations organizations;

    ReactiveApplication(ConnectedOrganizations organizations) {
      this.organizations = organizations;
    }

    @PostMapping("/partners")
    Mono<String> add(@RequestParam("domain") String domain) {
      return Mono.fromCallable(
          () ->
              organizations
                  .create(
                      OrganizationDraft.named(domain)
                          .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                          .build(),
                      Actor.administrator("admin@host.example"))
                  .id()
                  .toString());
    }
  }

  @Test
  @DisplayName("R-EMB-2: a taken identity source 409, an invalid domain 400, from WebFlux")
  void problemDetailsFromWebFlux() throws Exception {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ReactiveApplication.class)
            .properties(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.main.web-application-type=reactive",
                "spring.datasource.url=" + TestDatabase.url(TestDatabase.fresh()),
                "spring.datasource.username=postgres")
            .run()) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      java.util.function.Function<String, HttpResponse<String>> post =
          domain -> {
            try {
              return http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/partners?domain=" + domain))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      assertEquals(200, post.apply("contoso.com").statusCode());
      HttpResponse<String> taken = post.apply("contoso.com");
      assertEquals(409, taken.statusCode(), taken.body());
      assertTrue(
          taken.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
          taken.headers().toString());
      assertTrue(taken.body().contains("\"code\":\"IdentitySourceConflict\""), taken.body());
      HttpResponse<String> invalid = post.apply("co.uk");
      assertEquals(400, invalid.statusCode(), invalid.body());
    }
  }
}
