package dev.entente.postgres;

import dev.entente.spi.ChangeFeed;
import dev.entente.testkit.Capability;
import dev.entente.testkit.ChangeFeedContract;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

@DisplayName("PostgresChangeFeed passes the change-feed contract (R-IDX-1)")
class PostgresChangeFeedContractTest extends ChangeFeedContract {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("feed");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  @Override
  protected ChangeFeed newFeed() {
    return PostgresChangeFeed.of(Database.emptied(DATABASE, SCHEMA));
  }

  @Override
  protected Set<Capability> capabilities() {
    return Set.of(Capability.CHANGE_SIGNAL, Capability.MANY_DIRECTORIES);
  }

  @Nested
  @DisplayName("without notifications, it polls only")
  class WithoutNotifications extends ChangeFeedContract {
    @Override
    protected ChangeFeed newFeed() {
      return PostgresChangeFeed.of(Database.emptied(DATABASE, SCHEMA)).withNotifications(false);
    }

    @Override
    protected Set<Capability> capabilities() {
      return Set.of(Capability.MANY_DIRECTORIES);
    }
  }
}
