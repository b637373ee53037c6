package dev.entente.postgres;

import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.Capability;
import dev.entente.testkit.OrganizationStoreContract;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgresOrganizationStore passes the store contract, on a real PostgreSQL 17")
class PostgresOrganizationStoreTest extends OrganizationStoreContract {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("contract");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  /** A write is a round trip or more: the kit's advice for a store on a database. */
  @Override
  protected int raceRounds() {
    return 50;
  }

  @Override
  protected int modelExamples() {
    return 100;
  }

  /** The same tables, emptied: a new schema per model-based example would cost seconds. */
  @Override
  protected OrganizationStore newStore() {
    return Database.emptied(DATABASE, SCHEMA);
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.MANY_DIRECTORIES);
  }
}
