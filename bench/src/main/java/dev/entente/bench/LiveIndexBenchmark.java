package dev.entente.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The live index of several instances, on the server {@link PostgresBench} starts:
 *
 * <ul>
 *   <li>{@code matchLive} against {@code matchInMemory}: one decision on a {@link LiveIndex} loaded
 *       from the database against one on the in-memory store holding the same organizations, at
 *       100,000 and 1,000,000;
 *   <li>{@code load} against {@code rawStream}: starting an index over 1,000,000 organizations
 *       against a bare streaming {@code SELECT} of the same rows;
 *   <li>{@code propagate} (with notifications, and polling every 20 ms without) against {@code
 *       notifyRoundTrip}: a create on instance A until instance B's index answers with it, against
 *       a bare {@code NOTIFY} from one connection until another receives it. Sample time: JMH
 *       reports the percentiles.
 * </ul>
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class LiveIndexBenchmark {

  /** {@code n} organizations of {@link BenchData} in schema {@code live_n}, imported once. */
  static PostgresOrganizationStore loaded(HikariDataSource pool, int n) throws SQLException {
    PostgresSchema schema = PostgresSchema.named("live_" + n);
    schema.migrateIn(pool);
    PostgresOrganizationStore store = PostgresOrganizationStore.of(pool, schema);
    long count;
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM live_" + n + ".organization")) {
      r.next();
      count = r.getLong(1);
    }
    if (count != n) {
      PostgresBenchmark.execute(pool, "TRUNCATE live_" + n + ".organization CASCADE");
      List<ConnectedOrganization> all = BenchData.organizations(n);
      for (int from = 0; from < n; from += 50_000) {
        store.createAll(all.subList(from, Math.min(n, from + 50_000)));
      }
      PostgresBenchmark.execute(pool, "VACUUM ANALYZE");
    }
    return store;
  }

  /** A live index and an in-memory store with the same organizations, and a matcher on each. */
  @State(Scope.Benchmark)
  public static class Matchers {
    @Param({"100000", "1000000"})
    int organizations;

    HikariDataSource pool;
    LiveIndex live;
    AccessRequestMatcher onLive;
    AccessRequestMatcher inMemory;
    Policy policy;
    Requestor[] requestors;
    int next;

    @Setup(Level.Trial)
    public void load() throws SQLException {
      pool = PostgresBenchmark.pool();
      live =
          LiveIndex.builder(
                  PostgresChangeFeed.of(loaded(pool, organizations)).withNotifications(false))
              .pollInterval(Duration.ofHours(1))
              .start();
      InMemoryOrganizationStore store = new InMemoryOrganizationStore();
      BenchData.organizations(organizations).forEach(store::create);
      onLive = entente(Entente.builder().replica(live)).matcher();
      inMemory = entente(Entente.builder().store(store)).matcher();
      policy =
          Policy.withoutApproval(
              "all-configured", RequestorScope.allConfiguredConnectedOrganizations());
      requestors = BenchData.requestors(organizations, 42);
    }

    private static Entente entente(Entente.Builder builder) {
      return builder.restrictions(BenchData.denyList()).auditSink(event -> {}).build();
    }

    @TearDown(Level.Trial)
    public void close() {
      live.close();
      pool.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public AccessDecision matchLive(Matchers m) {
    return m.onLive.evaluate(m.requestors[m.next++ & (BenchData.REQUESTORS - 1)], m.policy);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public AccessDecision matchInMemory(Matchers m) {
    return m.inMemory.evaluate(m.requestors[m.next++ & (BenchData.REQUESTORS - 1)], m.policy);
  }

  /** 1,000,000 organizations in the database, to load. */
  @State(Scope.Benchmark)
  public static class Stored {
    static final int COUNT = 1_000_000;
    HikariDataSource pool;
    PostgresOrganizationStore store;

    @Setup(Level.Trial)
    public void load() throws SQLException {
      pool = PostgresBenchmark.pool();
      store = loaded(pool, COUNT);
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int load(Stored s) {
    try (LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(s.store).withNotifications(false))
            .pollInterval(Duration.ofHours(1))
            .start()) {
      return live.size();
    }
  }

  /** The baseline of {@link #load}: the same rows, streamed, every column read. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long rawStream(Stored s) throws SQLException {
    long chars = 0;
    try (Connection c = s.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement("SELECT * FROM live_" + Stored.COUNT + ".organization")) {
        p.setFetchSize(1_000);
        try (ResultSet r = p.executeQuery()) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = r.getString(i);
              chars += value == null ? 0 : value.length();
            }
          }
        }
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
    return chars;
  }

  /** Two instances on one schema: A writes, B's index is watched. */
  @State(Scope.Benchmark)
  public static class Instances {
    @Param({"notify", "polling"})
    String wakeUp = "notify";

    HikariDataSource poolA;
    HikariDataSource poolB;
    LiveIndex a;
    LiveIndex b;
    final String run = java.util.UUID.randomUUID().toString().substring(0, 8);
    int next;

    @Setup(Level.Trial)
    public void start() {
      poolA = PostgresBenchmark.pool();
      poolB = PostgresBenchmark.pool();
      PostgresSchema schema = PostgresSchema.named("propagation");
      schema.migrateIn(poolA);
      a =
          LiveIndex.builder(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolA, schema)))
              .pollInterval(Duration.ofHours(1))
              .start();
      b =
          wakeUp.equals("notify")
              ? LiveIndex.builder(
                      PostgresChangeFeed.of(PostgresOrganizationStore.of(poolB, schema)))
                  .pollInterval(Duration.ofHours(1))
                  .start()
              : LiveIndex.builder(
                      PostgresChangeFeed.of(PostgresOrganizationStore.of(poolB, schema))
                          .withNotifications(false))
                  .pollInterval(Duration.ofMillis(20))
                  .start();
    }

    @TearDown(Level.Trial)
    public void close() {
      a.close();
      b.close();
      poolA.close();
      poolB.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ConnectedOrganization propagate(Instances i) {
    return createOnAUntilBHasIt(i.a, i.b, "p-" + i.run + "-" + i.next++);
  }

  /** Creates organization {@code id} through {@code a}, then spins until {@code b} answers it. */
  private static ConnectedOrganization createOnAUntilBHasIt(LiveIndex a, LiveIndex b, String id) {
    ConnectedOrganization org = a.store().create(PostgresBenchmark.organization(id));
    ConnectedOrganization seen;
    while ((seen = b.byId(org.id())) == null) {
      Thread.onSpinWait();
    }
    return seen;
  }

  /**
   * Two instances, B listening and polling every 200 ms, B's connections all killed by the server
   * before each write: how stale B gets after a dropped connection (R-IDX-2 promises the poll
   * interval plus a round trip).
   */
  @State(Scope.Benchmark)
  public static class Killed {
    HikariDataSource poolA;
    HikariDataSource poolB;
    LiveIndex a;
    LiveIndex b;
    final String run = java.util.UUID.randomUUID().toString().substring(0, 8);
    final String name = "killed_" + run;
    int next;

    @Setup(Level.Trial)
    public void start() {
      poolA = PostgresBenchmark.pool();
      String url = System.getProperty("bench.pg.url");
      poolB =
          PostgresBenchmark.pool(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name);
      PostgresSchema schema = PostgresSchema.named("killed");
      schema.migrateIn(poolA);
      a =
          LiveIndex.builder(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolA, schema)))
              .pollInterval(Duration.ofHours(1))
              .start();
      b =
          LiveIndex.builder(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolB, schema)))
              .pollInterval(Duration.ofMillis(200))
              .start();
    }

    /** Kills every connection of B's pool, the listening one included, and waits for their end. */
    @Setup(Level.Invocation)
    public void kill() throws SQLException {
      try (Connection c = poolA.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                + " WHERE application_name = '"
                + name
                + "'");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      a.close();
      b.close();
      poolA.close();
      poolB.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ConnectedOrganization propagateAfterKill(Killed k) {
    return createOnAUntilBHasIt(k.a, k.b, "k-" + k.run + "-" + k.next++);
  }

  /** Two bare connections: one listening, one notifying. */
  @State(Scope.Benchmark)
  public static class Channel {
    HikariDataSource pool;
    Connection listener;
    Connection notifier;

    @Setup(Level.Trial)
    public void open() throws SQLException {
      pool = PostgresBenchmark.pool();
      listener = pool.getConnection();
      notifier = pool.getConnection();
      try (Statement s = listener.createStatement()) {
        s.execute("LISTEN bench_round_trip");
      }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      listener.close();
      notifier.close();
      pool.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int notifyRoundTrip(Channel ch) throws SQLException {
    try (Statement s = ch.notifier.createStatement()) {
      s.execute("NOTIFY bench_round_trip");
    }
    org.postgresql.PGNotification[] received;
    do {
      received = ch.listener.unwrap(org.postgresql.PGConnection.class).getNotifications(1_000);
    } while (received == null || received.length == 0);
    return received.length;
  }
}
