package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.PageRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PostgreSQL schema: shipped scripts, an idempotent migrator, safe names and patterns")
class PostgresSchemaTest {
  private static final DataSource DATABASE = Database.fresh();

  @Test
  void migratingTwiceAppliesEachScriptOnce() {
    PostgresSchema schema = PostgresSchema.named("twice");
    assertEquals(
        List.of(1, 2, 3, 4, 5), schema.migrateIn(DATABASE), "the first migration applies V1 to V5");
    assertEquals(List.of(), schema.migrateIn(DATABASE), "the second finds nothing to do");
  }

  @Test
  void instancesMigratingAtOnceApplyEachScriptOnce() throws Exception {
    PostgresSchema schema = PostgresSchema.named("racing");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> schema.migrateIn(DATABASE)));
      }
      int applied = 0;
      for (Future<List<Integer>> run : runs) {
        applied +=
            run.get(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES).size(); // a hang guard only
      }
      assertEquals(5, applied, "V1 to V5 applied once, by one instance, under the advisory lock");
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM \"racing\".entente_schema_version")) {
      r.next();
      assertEquals(5, r.getInt(1), "five versions recorded");
    }
  }

  @ParameterizedTest(name = "the schema name \"{0}\" is refused")
  @ValueSource(strings = {"", "Entente", "a-b", "x\"; DROP TABLE t; --", "1abc", "ä"})
  void aSchemaNameThatIsNotAPlainIdentifierIsRefused(String name) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> PostgresSchema.named(name));
    assertEquals("schema", e.field());
  }

  @ParameterizedTest(name = "the system schema \"{0}\" is refused")
  @ValueSource(strings = {"information_schema", "pg_catalog", "pg_toast", "pg_temp", "pg_entente"})
  @DisplayName("a PostgreSQL system schema is refused before anything is migrated into it")
  void aSystemSchemaIsRefused(String name) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> PostgresSchema.named(name));
    assertEquals("schema", e.field());
    assertTrue(e.problem().contains("system schema"), e.problem());
  }

  @Test
  void aSearchFragmentMatchesPercentUnderscoreAndBackslashLiterally() {
    PostgresSchema schema = PostgresSchema.named("patterns");
    schema.migrateIn(DATABASE);
    PostgresOrganizationStore store = PostgresOrganizationStore.of(DATABASE, schema);
    List<String> names = List.of("50% off", "50x off", "a_b", "axb", "back\\slash", "backslash");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      store.create(
          ConnectedOrganization.builder()
              .id(OrganizationId.random())
              .displayName(name)
              .addIdentitySources(EmailDomain.of(DomainName.of("pattern" + i + ".example")))
              .createdAt(Instant.EPOCH)
              .createdBy(Actor.system())
              .build());
    }
    for (String fragment : List.of("50%", "a_b", "k\\s")) {
      List<String> found =
          store
              .search(
                  OrganizationQuery.builder().nameContains(fragment).build(), PageRequest.first())
              .items()
              .stream()
              .map(ConnectedOrganization::displayName)
              .toList();
      assertEquals(1, found.size(), fragment + " matched " + found);
      assertTrue(found.get(0).toLowerCase(java.util.Locale.ROOT).contains(fragment), fragment);
    }
  }

  @Test
  void aStoreOnTablesThatDoNotExistFailsAsAPortNamingTheOperation() {
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(DATABASE, PostgresSchema.named("never_migrated"));
    PortFailureException e =
        assertThrows(PortFailureException.class, () -> store.get(OrganizationId.of("org-1")));
    assertEquals("PostgresOrganizationStore.get", e.port());
    assertTrue(e.getCause() instanceof java.sql.SQLException, "the SQLException is the cause");
  }
}
