package dev.entente.postgres;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Entente's tables in one PostgreSQL schema: the versioned scripts shipped in this jar ({@code
 * dev/entente/postgres/V1__connected_organizations.sql} …, named as Flyway and Liquibase expect,
 * with a {@code ${schema}} placeholder), and an opt-in migrator.
 *
 * <p>Two ways to create the tables: run {@link #migrate(DataSource)} at start-up (it applies the
 * missing scripts under a PostgreSQL advisory lock, so several instances starting at once apply
 * each script once, and records them in {@code entente_schema_version}); or hand the scripts to
 * your own migration tool. Entente depends on neither Flyway nor Liquibase, so your tool and its
 * version are yours to choose.
 */
public final class PostgresSchema {
  /** The schema used unless another is named. */
  public static final String DEFAULT = "entente";

  /** The scripts, in the order they apply. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__connected_organizations.sql",
          "V2__change_log.sql",
          "V3__organization_parts.sql",
          "V4__sync_ledger.sql",
          "V5__host_directories.sql");

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final String ACCEPTS =
      "a lower-case SQL identifier: a letter or _, then letters, digits or _, at most 63; not"
          + " information_schema or a name starting pg_ (PostgreSQL's own)";

  private final String name;

  private PostgresSchema(String name) {
    this.name = name;
  }

  /**
   * The schema of this name.
   *
   * @param name a lower-case SQL identifier: a letter or underscore, then letters, digits or
   *     underscores, at most 63 in all; not a system schema ({@code information_schema}, or a name
   *     starting {@code pg_}, which PostgreSQL reserves)
   * @return the schema
   * @throws ValidationException on field {@code schema} for any other name
   */
  public static PostgresSchema named(String name) {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ValidationException(
          "schema", name, "is not a schema name Entente accepts", ACCEPTS);
    }
    if (name.startsWith("pg_") || name.equals("information_schema")) {
      throw new ValidationException("schema", name, "is a PostgreSQL system schema", ACCEPTS);
    }
    return new PostgresSchema(name);
  }

  /**
   * The schema {@value #DEFAULT}.
   *
   * @return the default schema
   */
  public static PostgresSchema standard() {
    return new PostgresSchema(DEFAULT);
  }

  /**
   * The schema's name.
   *
   * @return the name, unquoted
   */
  public String name() {
    return name;
  }

  /** The name quoted for SQL. */
  String quoted() {
    return '"' + name + '"';
  }

  /**
   * Applies the scripts of {@value #DEFAULT} that {@code dataSource}'s database lacks.
   *
   * @param dataSource the host's data source
   * @return the versions applied now, empty when the schema was up to date
   * @throws PortFailureException when the database fails
   */
  public static List<Integer> migrate(DataSource dataSource) {
    return standard().migrateIn(dataSource);
  }

  /**
   * Applies the scripts this schema lacks, each in its own transaction, under an advisory lock held
   * for the whole migration, and records each in {@code entente_schema_version}.
   *
   * @param dataSource the host's data source
   * @return the versions applied now, empty when the schema was up to date
   * @throws PortFailureException when the database fails
   */
  public List<Integer> migrateIn(DataSource dataSource) {
    return migrateIn(dataSource, SCRIPTS.size());
  }

  /**
   * {@link #migrateIn(DataSource)} up to version {@code through}: for the test that migrates a
   * database an earlier release wrote.
   */
  List<Integer> migrateIn(DataSource dataSource, int through) {
    requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true); // each script commits on its own; the lock is the session's
      try {
        return migrate(c, through);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new PortFailureException("PostgresSchema.migrate", e);
    }
  }

  /** Applies the missing scripts on {@code c}, in autocommit, under the advisory lock. */
  private List<Integer> migrate(Connection c, int through) throws SQLException {
    long lock = ("entente:" + name).hashCode();
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      s.setLong(1, lock);
      s.execute();
    }
    try {
      return applyMissing(c, through);
    } finally {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setLong(1, lock);
        s.execute();
      }
    }
  }

  private List<Integer> applyMissing(Connection c, int through) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + quoted());
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + quoted()
              + ".entente_schema_version (version integer PRIMARY KEY, script text NOT NULL,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
    }
    Set<Integer> applied = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT version FROM " + quoted() + ".entente_schema_version")) {
      while (r.next()) {
        applied.add(r.getInt(1));
      }
    }
    List<Integer> now = new java.util.ArrayList<>();
    for (int i = 0; i < through; i++) {
      int version = i + 1;
      if (applied.contains(version)) {
        continue;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          PreparedStatement record =
              c.prepareStatement(
                  "INSERT INTO "
                      + quoted()
                      + ".entente_schema_version (version, script) VALUES (?, ?)")) {
        s.execute(script(SCRIPTS.get(i)));
        record.setInt(1, version);
        record.setString(2, SCRIPTS.get(i));
        record.executeUpdate();
        c.commit();
        now.add(version);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return List.copyOf(now);
  }

  /** A shipped script with this schema's quoted name in place of {@code ${schema}}. */
  String script(String file) {
    try (InputStream in = PostgresSchema.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("the script " + file + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", quoted());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return quoted();
  }
}
