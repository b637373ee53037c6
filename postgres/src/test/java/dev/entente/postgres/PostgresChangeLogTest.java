package dev.entente.postgres;

import dev.entente.testkit.Capability;
import dev.entente.testkit.ChangeLogContract;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgresOrganizationStore passes the change-log contract (R-LOG-1, R-LOG-2)")
class PostgresChangeLogTest extends ChangeLogContract<PostgresOrganizationStore> {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("log");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  /** The same tables, emptied, and the counter back to 0. */
  @Override
  protected PostgresOrganizationStore newStore() {
    return Database.emptied(DATABASE, SCHEMA);
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.MANY_DIRECTORIES);
  }
}
