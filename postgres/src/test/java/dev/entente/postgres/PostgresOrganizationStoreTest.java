package dev.entente.postgres;

import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.OrganizationStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgresOrganizationStore passes the store contract, on a real PostgreSQL 17")
class PostgresOrganizationStoreTest extends OrganizationStoreContract {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("contract");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  /** The same tables, emptied: a new schema per model-based example would cost seconds. */
  @Override
  protected OrganizationStore newStore() {
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE \"contract\".organization, \"contract\".change_log CASCADE");
      s.execute("UPDATE \"contract\".change_counter SET value = 0");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresOrganizationStore.of(DATABASE, SCHEMA);
  }
}
