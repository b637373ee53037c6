package dev.entente.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code PostgresOrganizationStore} against raw JDBC on the same pool and the same server, which
 * {@link PostgresBench} starts and names in the system property {@code bench.pg.url}.
 *
 * <ul>
 *   <li>{@code get}, {@code findByKey} against {@code rawSelect}: one row by primary key;
 *   <li>{@code create} (with its change record) against {@code rawInsert}: a one-row insert
 *       transaction into a table with one unique index; {@code rawInsertCounted}, the same with the
 *       commit-order counter bumped, for the counter's cost;
 *   <li>{@link Import}: {@code createAll} of 100,000 organizations against a raw batched insert of
 *       the same rows into the same tables.
 * </ul>
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PostgresBenchmark {
  static final int STORED = 10_000;
  private static final Actor ADMIN = Actor.administrator("bench@host.example");
  private static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");

  /** A new organization with one email domain and one sponsor, at version 1. */
  static ConnectedOrganization organization(String id) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(id))
        .displayName("Organization " + id)
        .addIdentitySources(EmailDomain.of(DomainName.of(id + ".example")))
        .addInternalSponsors(Sponsor.user("sponsor-" + id))
        .createdAt(AT)
        .createdBy(ADMIN)
        .build();
  }

  /** A pool of 4 on the server {@link PostgresBench} names in {@code bench.pg.url}. */
  static HikariDataSource pool() {
    return pool(System.getProperty("bench.pg.url"));
  }

  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  static void execute(HikariDataSource pool, String... statements) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** 10,000 organizations in the store and 10,000 rows in the raw tables, on one pool. */
  @State(Scope.Benchmark)
  public static class Stored {
    HikariDataSource pool;
    PostgresOrganizationStore store;
    final List<OrganizationId> ids = new ArrayList<>();
    final List<IdentitySourceKey> keys = new ArrayList<>();

    /** Unique per fork: creates never collide across forks or iterations. */
    final String run = UUID.randomUUID().toString().substring(0, 8);

    final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void load() throws SQLException {
      pool = pool();
      PostgresSchema schema = PostgresSchema.named("bench");
      schema.migrateIn(pool);
      store = PostgresOrganizationStore.of(pool, schema);
      execute(
          pool,
          "TRUNCATE bench.organization, bench.change_log CASCADE",
          "DROP TABLE IF EXISTS raw_one, raw_insert, raw_counter",
          "CREATE TABLE raw_counter (value bigint NOT NULL)",
          "INSERT INTO raw_counter VALUES (0)",
          "CREATE TABLE raw_one (id text COLLATE \"C\" PRIMARY KEY, display_name text NOT NULL)",
          "CREATE TABLE raw_insert (id text COLLATE \"C\" PRIMARY KEY, display_name text NOT NULL)");
      List<ConnectedOrganization> orgs = new ArrayList<>();
      for (int i = 0; i < STORED; i++) {
        ConnectedOrganization org = organization("stored-" + i);
        orgs.add(org);
        ids.add(org.id());
        keys.add(org.identitySources().get(0).key());
      }
      store.createAll(orgs);
      execute(
          pool,
          "INSERT INTO raw_one SELECT 'stored-' || i, 'Organization stored-' || i"
              + " FROM generate_series(0, "
              + (STORED - 1)
              + ") i",
          "VACUUM ANALYZE raw_one",
          "VACUUM ANALYZE bench.organization",
          "VACUUM ANALYZE bench.identity_source",
          "VACUUM ANALYZE bench.sponsor");
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }

    String nextId() {
      return "new-" + run + "-" + next.incrementAndGet();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object get(Stored s) {
    return s.store.get(s.ids.get(ThreadLocalRandom.current().nextInt(STORED)));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object findByKey(Stored s) {
    return s.store.findByKey(s.keys.get(ThreadLocalRandom.current().nextInt(STORED)));
  }

  /** The baseline of the reads: one row by primary key, read into a string. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object rawSelect(Stored s) throws SQLException {
    try (Connection c = s.pool.getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT id, display_name FROM raw_one WHERE id = ?")) {
      p.setString(1, s.ids.get(ThreadLocalRandom.current().nextInt(STORED)).toString());
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(2) : "";
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object create(Stored s) {
    ConnectedOrganization org = organization(s.nextId());
    return s.store.create(org, AuditEvent.created(org));
  }

  /**
   * The baseline of the creates: a one-row insert transaction into a table with one unique index.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int rawInsert(Stored s) throws SQLException {
    try (Connection c = s.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO raw_insert (id, display_name) VALUES (?, ?)")) {
        String id = s.nextId();
        p.setString(1, id);
        p.setString(2, "Organization " + id);
        int n = p.executeUpdate();
        c.commit();
        return n;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * {@link #rawInsert} plus what the change log adds to a write: the commit-order counter bumped
   * last in the transaction. Against {@link #rawInsert}, the counter's cost.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long rawInsertCounted(Stored s) throws SQLException {
    try (Connection c = s.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
              c.prepareStatement("INSERT INTO raw_insert (id, display_name) VALUES (?, ?)");
          PreparedStatement counter =
              c.prepareStatement("UPDATE raw_counter SET value = value + 1 RETURNING value")) {
        String id = s.nextId();
        p.setString(1, id);
        p.setString(2, "Organization " + id);
        p.executeUpdate();
        long sequence;
        try (ResultSet r = counter.executeQuery()) {
          r.next();
          sequence = r.getLong(1);
        }
        c.commit();
        return sequence;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** 100,000 organizations to import into emptied tables, once an iteration. */
  @State(Scope.Benchmark)
  public static class Import {
    static final int COUNT = 100_000;
    HikariDataSource pool;
    PostgresOrganizationStore store;
    final List<ConnectedOrganization> orgs = new ArrayList<>();

    @Setup(Level.Trial)
    public void prepare() throws SQLException {
      pool = pool();
      PostgresSchema.named("bulk").migrateIn(pool);
      PostgresSchema.named("bulk_raw").migrateIn(pool);
      store = PostgresOrganizationStore.of(pool, PostgresSchema.named("bulk"));
      for (int i = 0; i < COUNT; i++) {
        orgs.add(organization("import-" + i));
      }
    }

    @Setup(Level.Iteration)
    public void empty() throws SQLException {
      execute(
          pool,
          "TRUNCATE bulk.organization, bulk.change_log CASCADE",
          "TRUNCATE bulk_raw.organization CASCADE",
          "CHECKPOINT");
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object importAll(Import i) {
    return i.store.createAll(i.orgs);
  }

  /**
   * The baseline of the import: the same rows into the same three tables, with JDBC batches of
   * 1,000 and the driver's defaults, in one transaction; no change records.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int rawBatchInsert(Import i) throws SQLException {
    int rows = 0;
    try (Connection c = i.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement org =
              c.prepareStatement(
                  "INSERT INTO bulk_raw.organization (id, version, display_name,"
                      + " display_name_lower, description, state, created_at, created_by,"
                      + " modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement src =
              c.prepareStatement(
                  "INSERT INTO bulk_raw.identity_source (source_key, organization_id, position,"
                      + " kind, domain_name, display_name) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement sp =
              c.prepareStatement(
                  "INSERT INTO bulk_raw.sponsor (organization_id, side, position, directory_id,"
                      + " kind) VALUES (?, ?, ?, ?, ?)")) {
        java.sql.Timestamp at = java.sql.Timestamp.from(AT);
        int n = 0;
        for (ConnectedOrganization o : i.orgs) {
          String id = o.id().toString();
          org.setString(1, id);
          org.setLong(2, Version.initial().value());
          org.setString(3, o.displayName());
          org.setString(4, o.displayName().toLowerCase(java.util.Locale.ROOT));
          org.setString(5, null);
          org.setString(6, o.state().name());
          org.setTimestamp(7, at);
          org.setString(8, o.createdBy().toString());
          org.setTimestamp(9, at);
          org.setString(10, o.modifiedBy().toString());
          org.addBatch();
          EmailDomain d = (EmailDomain) o.identitySources().get(0);
          src.setString(1, d.key().toString());
          src.setString(2, id);
          src.setInt(3, 0);
          src.setString(4, d.kind().name());
          src.setString(5, d.domainName().ascii());
          src.setString(6, d.displayName());
          src.addBatch();
          Sponsor s = o.internalSponsors().iterator().next();
          sp.setString(1, id);
          sp.setString(2, "INTERNAL");
          sp.setInt(3, 0);
          sp.setString(4, s.id());
          sp.setString(5, s.kind().name());
          sp.addBatch();
          if (++n % 1_000 == 0) {
            rows += org.executeBatch().length;
            src.executeBatch();
            sp.executeBatch();
          }
        }
        rows += org.executeBatch().length;
        src.executeBatch();
        sp.executeBatch();
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
    return rows;
  }
}
