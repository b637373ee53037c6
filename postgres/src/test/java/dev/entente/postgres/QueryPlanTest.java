package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * At 1,000,000 organizations the key and id lookups are index scans, never a sequential scan
 * (EXPLAIN of the store's own statements, on tables filled by generate_series and analysed).
 */
@DisplayName("Lookups by id and by key use indexes at 1,000,000 organizations")
class QueryPlanTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("million");
  private static final PostgresOrganizationStore STORE =
      PostgresOrganizationStore.of(DATABASE, SCHEMA);

  @BeforeAll
  static void fill() throws SQLException {
    SCHEMA.migrateIn(DATABASE);
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO \"million\".organization (host_directory, id, version, display_name,"
              + " display_name_lower, state, created_at, created_by, modified_at, modified_by)"
              + " SELECT 'dir-' || (i % 1000), 'org-' || i, 1, 'Organization ' || i,"
              + " 'organization ' || i,"
              + " 'CONFIGURED', now(), 'system', now(), 'system'"
              + " FROM generate_series(1, 1000000) AS i");
      s.execute(
          "INSERT INTO \"million\".identity_source (host_directory, source_key, organization_id,"
              + " position, kind, domain_name, display_name)"
              + " SELECT 'dir-' || (i % 1000), 'domain:d' || i || '.example', 'org-' || i, 0,"
              + " 'EMAIL_DOMAIN',"
              + " 'd' || i || '.example', 'd' || i || '.example'"
              + " FROM generate_series(1, 1000000) AS i");
      s.execute("ANALYZE \"million\".organization");
      s.execute("ANALYZE \"million\".identity_source");
    }
  }

  private static String plan(String sql, String... args) throws SQLException {
    try (Connection c = DATABASE.getConnection();
        PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      StringBuilder out = new StringBuilder();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.append(r.getString(1)).append('\n');
        }
      }
      return out.toString();
    }
  }

  @Test
  void getByIdIsAnIndexScan() throws SQLException {
    String plan = plan(STORE.tables().byId(), "dir-777", "org-777777");
    assertTrue(plan.contains("Index Scan using organization_pkey"), plan);
    assertFalse(plan.contains("Seq Scan on organization"), plan);
    assertFalse(plan.contains("Seq Scan on identity_source"), plan);
  }

  @Test
  void findByKeyIsIndexScansOnly() throws SQLException {
    String plan = plan(STORE.tables().byKey(), "dir-777", "domain:d777777.example");
    assertTrue(plan.contains("identity_source_key_unique"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void aChangeFeedLookReadsEachOrganizationByItsKeyInTheGenericPlan() throws SQLException {
    String sql = STORE.tables().statesAt();
    for (int i = 1; i <= 4; i++) {
      sql = sql.replaceFirst("\\?", "\\$" + i);
    }
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan"); // as after five executions
      s.execute("PREPARE look(text, text, text, text[]) AS " + sql);
      StringBuilder plan = new StringBuilder();
      try (ResultSet r =
          s.executeQuery(
              "EXPLAIN EXECUTE look('dir-777', 'dir-777', 'dir-777', ARRAY['org-1', 'org-777777'])")) {
        while (r.next()) {
          plan.append(r.getString(1)).append('\n');
        }
      }
      s.execute("DEALLOCATE look");
      assertTrue(plan.toString().contains("Index Scan using organization_pkey"), plan.toString());
      assertFalse(plan.toString().contains("Seq Scan on organization"), plan.toString());
    }
  }
}
