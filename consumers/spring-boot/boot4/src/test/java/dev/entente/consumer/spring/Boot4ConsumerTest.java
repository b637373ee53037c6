package dev.entente.consumer.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.live.LiveDirectories;
import dev.entente.model.Actor;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.postgres.PostgresOrganizationStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A user's application on Spring Boot 4.0: the starter wires PostgreSQL, a replica, decisions. */
class Boot4ConsumerTest {
  /** The user's application. */
  @SpringBootApplication
  static class App {}

  @Test
  void theStarterRunsOnSpringBoot4WithThePostgresStore() throws Exception {
    assertTrue(SpringBootVersion.getVersion().startsWith("4.0."), SpringBootVersion.getVersion());
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(App.class)
                .properties(
                    "spring.main.banner-mode=off",
                    "spring.datasource.url=" + server.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username=postgres")
                .run()) {
      app.getBean(PostgresOrganizationStore.class); // not the in-memory store
      app.getBean(ConnectedOrganizations.class)
          .create(
              OrganizationDraft.named("Contoso")
                  .addIdentitySources(EmailDomain.of(DomainName.of("contoso.com")))
                  .build(),
              Actor.administrator("admin@host.example"));
      assertEquals(
          1, app.getBean(LiveDirectories.class).loadedOrganizations(), "the replica holds it");
      assertTrue(
          app.getBean(AccessRequestMatcher.class)
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("ana@contoso.com"), true),
                  Policy.withoutApproval(
                      "partners", RequestorScope.allConfiguredConnectedOrganizations()))
              .eligible());
    }
  }
}
