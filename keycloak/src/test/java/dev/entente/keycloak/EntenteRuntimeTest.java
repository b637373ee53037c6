package dev.entente.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  @DisplayName(
      "with a JDBC URL, the schema is migrated at start-up and two Keycloak nodes share the"
          + " organizations through their replicas (R-IDX-2)")
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
        EntenteRuntime.open(options(Map.of("export-file", file.toString())))) {
      assertTrue(runtime.entente().matcher().evaluate(LEE, PARTNERS).eligible());
      assertEquals(1, runtime.entente().organizations().all().count());
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
