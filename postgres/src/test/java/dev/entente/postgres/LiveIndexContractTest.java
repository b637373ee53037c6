package dev.entente.postgres;

import dev.entente.live.LiveIndex;
import dev.entente.testkit.OrganizationIndexContract;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("LiveIndex passes the index contract: read your writes, whole values (R-IDX-2)")
class LiveIndexContractTest extends OrganizationIndexContract {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("live");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  private @Nullable LiveIndex live;

  @Override
  protected Pair newPair() {
    LiveIndex index = LiveIndex.start(PostgresChangeFeed.of(Database.emptied(DATABASE, SCHEMA)));
    live = index;
    return new Pair(index.store(), index);
  }

  @AfterEach
  void close() {
    if (live != null) {
      live.close();
    }
  }
}
