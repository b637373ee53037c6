package dev.entente.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.model.ConnectedOrganization;
import dev.entente.postgres.JdbcTransactions;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.AuditEvent;
import java.sql.SQLException;
import java.util.UUID;
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
 * What taking part in the host's transaction costs a write (R-LOG-4): the same create, with its
 * change record, in the store's own transaction ({@link #ownTransaction}, the baseline) and inside
 * a transaction the host declares ({@link #hostTransaction}: the host's connection, autocommit off,
 * Entente's savepoint, the write, the host's commit, the after-commit step). Both on one pool of
 * the server {@link HostTransactionBench} starts and names in {@code bench.pg.url}.
 *
 * <p>Run: {@code bench/run-host-transaction}.
 */
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class HostTransactionBenchmark {
  HikariDataSource pool;
  PostgresOrganizationStore own;
  PostgresOrganizationStore joining;
  JdbcTransactions transactions;

  /** Unique per fork: creates never collide across forks or iterations. */
  final String run = UUID.randomUUID().toString().substring(0, 8);

  final AtomicLong next = new AtomicLong();

  @Setup(Level.Trial)
  public void start() {
    pool = PostgresBenchmark.pool();
    PostgresSchema schema = PostgresSchema.named("host_tx");
    schema.migrateIn(pool);
    own = PostgresOrganizationStore.of(pool, schema);
    try {
      PostgresBenchmark.execute(
          pool, "CREATE TABLE IF NOT EXISTS host_tx_work (id text COLLATE \"C\" PRIMARY KEY)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    transactions = JdbcTransactions.create();
    joining = own.joining(transactions);
  }

  /**
   * Empties the tables and vacuums the change counter before every iteration, so that both
   * benchmarks write into the same state: without it, the one that runs second writes into larger
   * tables and behind a longer chain of dead counter rows.
   */
  @Setup(Level.Iteration)
  public void empty() throws SQLException {
    PostgresBenchmark.execute(
        pool,
        "TRUNCATE host_tx.organization, host_tx.change_log CASCADE",
        "TRUNCATE host_tx_work",
        "TRUNCATE host_tx.directory_counter",
        "VACUUM ANALYZE host_tx.directory_counter");
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }

  private ConnectedOrganization fresh() {
    return PostgresBenchmark.organization("host-" + run + "-" + next.incrementAndGet());
  }

  /** The baseline: a create committed by the store itself. */
  @Benchmark
  public Object ownTransaction() {
    ConnectedOrganization org = fresh();
    return own.create(org, AuditEvent.created(org));
  }

  /** The same create inside a transaction of the host's, committed by the host. */
  @Benchmark
  public Object hostTransaction() throws SQLException {
    ConnectedOrganization org = fresh();
    return transactions.inTransaction(pool, c -> joining.create(org, AuditEvent.created(org)));
  }

  /**
   * An onboarding as a host wrote it before R-LOG-4: its own row in its transaction, then Entente's
   * create committed on its own.
   */
  @Benchmark
  public Object onboardingThenOwnWrite() throws SQLException {
    ConnectedOrganization org = fresh();
    transactions.inTransaction(pool, c -> hostRow(c, org));
    return own.create(org, AuditEvent.created(org));
  }

  /** The same onboarding with Entente's create inside the host's transaction. */
  @Benchmark
  public Object onboardingJoined() throws SQLException {
    ConnectedOrganization org = fresh();
    return transactions.inTransaction(
        pool,
        c -> {
          hostRow(c, org);
          return joining.create(org, AuditEvent.created(org));
        });
  }

  /** The host's own statement: one row keyed by the organization's id. */
  private static int hostRow(java.sql.Connection c, ConnectedOrganization org) throws SQLException {
    try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO host_tx_work VALUES (?)")) {
      s.setString(1, org.id().toString());
      return s.executeUpdate();
    }
  }
}
