package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.OrganizationDraft;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the extension's organizations come from: PostgreSQL, or a Graph export. */
@DisplayName("The extension reads its organizations from PostgreSQL or a Graph export")
class EntenteRuntimeTest {
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
  private static final Requestor LEE =
      Requestor.passcodeUser(EmailAddress.of("lee@fabrikam.com"), true);

  /** A hang guard, not a limit: how long a replica may take before the test calls it a hang. */
  private static final Duration HANG_GUARD = Duration.ofMinutes(10);

  @Test
  @DisplayName(
      "with a JDBC URL, the schema is migrated at start-up and two Keycloak nodes share the"
          + " organizations through their replicas (R-IDX-2)")
  void postgres() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      EntenteRuntime.Settings settings =
          new EntenteRuntime.Settings(
              server.getJdbcUrl("postgres", "postgres"),
              "postgres",
              null,
              "entente_kc",
              null,
              Cloud.GLOBAL);
      try (EntenteRuntime one = EntenteRuntime.open(settings);
          EntenteRuntime two = EntenteRuntime.open(settings)) {
        assertTrue(one.source().contains("entente_kc"), one.source());
        one.entente()
            .organizations()
            .create(
                OrganizationDraft.named("Fabrikam")
                    .addIdentitySources(EmailDomain.of(DomainName.of("fabrikam.com")))
                    .build(),
                Actor.administrator("admin@host.example"));
        assertTrue(one.entente().matcher().evaluate(LEE, PARTNERS).eligible(), "its own write");
        AccessRequestMatcher other = two.entente().matcher();
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!other.evaluate(LEE, PARTNERS).eligible()) {
          assertTrue(System.nanoTime() - deadline < 0, "hang guard: the other node never saw it");
          Thread.sleep(20);
        }
      }
    }
  }

  @Test
  @DisplayName("with an export file, the Graph export's organizations, read at start-up")
  void export(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("export.json");
    Files.writeString(
        file,
        "{\"value\":[{\"id\":\"1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d\",\"displayName\":\"Fabrikam\","
            + "\"state\":\"configured\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"fabrikam.com\","
            + "\"displayName\":\"fabrikam.com\"}]}]}");
    try (EntenteRuntime runtime =
        EntenteRuntime.open(
            new EntenteRuntime.Settings(
                null, null, null, "entente", file.toString(), Cloud.GLOBAL))) {
      assertTrue(runtime.entente().matcher().evaluate(LEE, PARTNERS).eligible());
      assertEquals(1, runtime.entente().organizations().all().count());
    }
  }

  @Test
  @DisplayName("with neither, the server does not start, and the message names both options")
  void neither() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                EntenteRuntime.open(
                    new EntenteRuntime.Settings(null, null, null, "entente", null, Cloud.GLOBAL)));
    assertTrue(e.getMessage().contains("jdbc-url") && e.getMessage().contains("export-file"));
  }
}
