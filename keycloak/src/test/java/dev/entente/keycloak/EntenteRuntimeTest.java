package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.OrganizationDraft;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the extension's organizations come from: PostgreSQL on its own pool, or a Graph export. */
@DisplayName("The extension reads its organizations from PostgreSQL or a Graph export")
class EntenteRuntimeTest {
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
  private static final Requestor LEE =
      Requestor.passcodeUser(EmailAddress.of("lee@fabrikam.com"), true);

  /** A hang guard, not a limit: how long a replica may take before the test calls it a hang. */
  private static final Duration HANG_GUARD = Duration.ofMinutes(10);

  private static EntenteOptions options(Map<String, String> given) {
    Map<String, String> all = new HashMap<>(given);
    all.putIfAbsent("realms", "main");
    return EntenteOptions.from(all::get);
  }

  private static final HostDirectory REALM_A = HostDirectory.of("6a1e7c52-realm-a");
  private static final HostDirectory REALM_B = HostDirectory.of("0d3f9b18-realm-b");
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final OrganizationDraft FABRIKAM =
      OrganizationDraft.named("Fabrikam")
          .addIdentitySources(EmailDomain.of(DomainName.of("fabrikam.com")))
          .build();

  @Test
  @DisplayName(
      "with a JDBC URL, the schema is migrated at start-up, two Keycloak nodes share each realm's"
          + " organizations through their replicas, and another realm sees none of them (R-IDX-2,"
          + " R-DIR-1, R-DIR-3)")
  void postgres(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      EntenteOptions options =
          options(
              Map.of(
                  "jdbc-url",
                  server.getJdbcUrl("postgres", "postgres"),
                  "jdbc-user",
                  "postgres",
                  "jdbc-password-file",
                  Files.writeString(dir.resolve("pw"), "postgres").toString(),
                  "schema",
                  "entente_kc"));
      try (EntenteRuntime one = EntenteRuntime.open(options);
          EntenteRuntime two = EntenteRuntime.open(options)) {
        assertTrue(one.options().source().contains("entente_kc"), one.options().source());
        one.in(REALM_A).organizations().create(FABRIKAM, ADMIN);
        assertTrue(one.in(REALM_A).matcher().evaluate(LEE, PARTNERS).eligible(), "its own write");
        AccessRequestMatcher other = two.in(REALM_A).matcher();
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!other.evaluate(LEE, PARTNERS).eligible()) {
          assertTrue(System.nanoTime() - deadline < 0, "hang guard: the other node never saw it");
          Thread.sleep(20);
        }
        for (EntenteRuntime node : List.of(one, two)) {
          assertFalse(node.in(REALM_B).matcher().evaluate(LEE, PARTNERS).eligible(), "realm B");
          assertEquals(0, node.in(REALM_B).organizations().all().count());
        }

        one.in(REALM_B).organizations().create(FABRIKAM, ADMIN);
        assertEquals(1, one.deleteAll(REALM_A, "a"), "realm A removed");
        assertEquals(0, one.in(REALM_A).organizations().all().count());
        assertTrue(one.in(REALM_B).matcher().evaluate(LEE, PARTNERS).eligible(), "B keeps its own");
        List<ChangeRecord> realmA =
            PostgresOrganizationStore.of(
                    server.getPostgresDatabase(), PostgresSchema.named("entente_kc"))
                .inDirectory(REALM_A)
                .changesAfter(0, 10);
        assertEquals(
            List.of(AuditEvent.Kind.CREATED, AuditEvent.Kind.DELETED),
            realmA.stream().map(ChangeRecord::kind).toList(),
            "the delete has its audit record, in realm A");
        assertEquals(EntenteRuntime.REALM_REMOVED, realmA.get(1).actor());
      }
    }
  }

  @Test
  @DisplayName(
      "with an export file, the Graph export's organizations, imported into each realm at its first"
          + " use: a change in one realm stays in it (R-DIR-1)")
  void export(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("export.json");
    Files.writeString(
        file,
        "{\"value\":[{\"id\":\"1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d\",\"displayName\":\"Fabrikam\","
            + "\"state\":\"configured\",\"identitySources\":[{\"@odata.type\":"
            + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"fabrikam.com\","
            + "\"displayName\":\"fabrikam.com\"}]}]}");
    try (EntenteRuntime runtime =
        EntenteRuntime.open(options(Map.of("export-file", file.toString())))) {
      for (HostDirectory realm : List.of(REALM_A, REALM_B)) {
        assertTrue(runtime.in(realm).matcher().evaluate(LEE, PARTNERS).eligible());
        assertEquals(1, runtime.in(realm).organizations().all().count());
      }
      assertEquals(1, runtime.deleteAll(REALM_A, "a"));
      assertFalse(runtime.in(REALM_A).matcher().evaluate(LEE, PARTNERS).eligible());
      assertTrue(runtime.in(REALM_B).matcher().evaluate(LEE, PARTNERS).eligible());
    }
  }

  private static int backend(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  @DisplayName(
      "the pool reuses a connection, lends at most its size, and replaces one the server ended")
  void thePoolIsBoundedAndHeals() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        ConnectionPool pool =
            new ConnectionPool(
                server.getJdbcUrl("postgres", "postgres"),
                "postgres",
                null,
                2,
                Duration.ofMillis(200))) {
      int first;
      try (Connection c = pool.getConnection()) {
        first = backend(c);
      }
      try (Connection c = pool.getConnection()) {
        assertEquals(first, backend(c), "the same physical connection, lent again");
      }
      assertEquals(1, pool.idleCount());

      try (Connection a = pool.getConnection();
          Connection b = pool.getConnection()) {
        assertNotEquals(backend(a), backend(b));
        SQLTransientConnectionException full =
            assertThrows(SQLTransientConnectionException.class, pool::getConnection);
        assertTrue(full.getMessage().contains("pool-size"), full.getMessage());
      }

      try (Connection killer = server.getPostgresDatabase().getConnection();
          Connection victim = pool.getConnection()) {
        int pid = backend(victim);
        try (Statement s = killer.createStatement()) {
          s.execute("select pg_terminate_backend(" + pid + ")");
        }
        assertThrows(SQLException.class, () -> backend(victim));
      }
      // The ended connection went with its lending: both permits are free again.
      try (Connection a = pool.getConnection();
          Connection b = pool.getConnection()) {
        assertTrue(backend(a) > 0 && backend(b) > 0);
      }
    }
  }
}
