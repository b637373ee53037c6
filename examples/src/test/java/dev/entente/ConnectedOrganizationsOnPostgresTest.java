package dev.entente;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.OrganizationStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * Every scenario of {@link ConnectedOrganizationsTest} — Woodgrove's creation, updates, stale
 * versions, conflicts, deletes, proposals approved, racing approvals, failing ports — again, on the
 * PostgreSQL store over a real PostgreSQL 17, with tables emptied before each.
 */
@DisplayName("ConnectedOrganizations on the PostgreSQL store (R-MGT-1..6, R-POL-3, R-LOG-1)")
class ConnectedOrganizationsOnPostgresTest extends ConnectedOrganizationsTest {
  private static final EmbeddedPostgres SERVER;
  private static final HikariDataSource POOL;

  static {
    try {
      SERVER = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(SERVER.getPostgresDatabase());
    config.setMaximumPoolSize(8);
    POOL = new HikariDataSource(config);
    PostgresSchema.migrate(POOL);
  }

  @AfterAll
  static void stop() throws IOException {
    POOL.close();
    SERVER.close();
  }

  @Override
  protected OrganizationStore newStore() {
    try (Connection c = POOL.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE entente.organization, entente.change_log CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresOrganizationStore.of(POOL);
  }
}
