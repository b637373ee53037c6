package dev.entente.postgres;

import dev.entente.testkit.OrganizationIndexContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE \"live\".organization, \"live\".change_log CASCADE");
      s.execute("UPDATE \"live\".change_counter SET value = 0");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    LiveIndex index = LiveIndex.start(PostgresOrganizationStore.of(DATABASE, SCHEMA));
    live = index;
    return new Pair(index, index);
  }

  @AfterEach
  void close() {
    if (live != null) {
      live.close();
    }
  }
}
