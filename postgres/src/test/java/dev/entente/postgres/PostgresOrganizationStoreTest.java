package dev.entente.postgres;

import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.OrganizationStoreContract;
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
    return Database.emptied(DATABASE, SCHEMA);
  }
}
