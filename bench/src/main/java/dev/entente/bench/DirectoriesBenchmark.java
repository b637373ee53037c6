package dev.entente.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.live.LiveDirectories;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.postgres.PostgresChangeFeeds;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Host directories on PostgreSQL (R-DIR-2, R-DIR-3, R-DIR-5), on the server {@link
 * DirectoriesBench} starts and names in {@code bench.pg.url}:
 *
 * <ul>
 *   <li>{@link Deployment}: {@code createInNewDirectory}, {@code get}, {@code findByKey}, {@code
 *       directoryPage} and {@code startInstance} (replicas started and a first decision's directory
 *       loaded) with 10 and with 10,000 directories of 100 organizations each;
 *   <li>{@link Cold}: {@code loadColdDirectory} of 2,500 organizations (Entra's limit) against
 *       {@code rawSelect} of the same rows;
 *   <li>{@link Writers}: {@code writeOwnDirectory} with 1 and 2 threads, each thread in a directory
 *       of its own, and {@code writeSharedDirectory} with 2 threads in one directory, for contrast;
 *   <li>{@link Decisions}: {@code decideInDirectory}, a decision through {@link LiveDirectories},
 *       against {@code decideSingle}, the same decision on a {@link LiveIndex} of one directory,
 *       both over an in-memory feed.
 * </ul>
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DirectoriesBenchmark {
  static final int PER_DIRECTORY = 100;

  static HostDirectory directory(int i) {
    return HostDirectory.of(String.format("tenant-%05d", i));
  }

  /**
   * {@code directories} directories of {@link #PER_DIRECTORY} organizations each in schema {@code
   * dirs_<directories>}, written once through {@code createAll} (four writers) and kept for later
   * runs.
   */
  static PostgresOrganizationStore filled(HikariDataSource pool, int directories) throws Exception {
    return filled(pool, directories, PER_DIRECTORY);
  }

  /** {@code directories} directories of {@code each} organizations, in {@link #schema}. */
  static PostgresOrganizationStore filled(HikariDataSource pool, int directories, int each)
      throws Exception {
    PostgresSchema schema = PostgresSchema.named(schema(directories, each));
    schema.migrateIn(pool);
    PostgresOrganizationStore root = PostgresOrganizationStore.of(pool, schema);
    long have;
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM "
                    + schema.name()
                    + ".directory_counter WHERE host_directory LIKE 'tenant-%'")) {
      r.next();
      have = r.getLong(1);
    }
    if (have < directories) {
      List<ConnectedOrganization> orgs = BenchData.organizations(each);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        AtomicInteger next = new AtomicInteger((int) have);
        for (int t = 0; t < 4; t++) {
          done.add(
              writers.submit(
                  () -> {
                    for (int i; (i = next.getAndIncrement()) < directories; ) {
                      root.inDirectory(directory(i)).createAll(orgs);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        writers.shutdown();
      }
      PostgresBenchmark.execute(pool, "VACUUM ANALYZE");
    }
    return root;
  }

  /** The schema of {@code directories} directories of {@code each} organizations. */
  static String schema(int directories, int each) {
    return each == PER_DIRECTORY ? "dirs_" + directories : "dirs_" + directories + "_" + each;
  }

  /**
   * A deployment of {@code shape}: 10 or 10,000 directories of 100 organizations, or 10 of 100,000
   * (as many rows as 10,000 of 100, to tell the directories' cost from the rows').
   */
  @State(Scope.Benchmark)
  public static class Deployment {
    @Param({"10x100", "10000x100", "10x100000"})
    public String shape = "10x100"; // JMH sets it

    int directories;
    int each;

    HikariDataSource pool;
    PostgresOrganizationStore root;
    final List<OrganizationId> ids = new ArrayList<>();
    final List<IdentitySourceKey> keys = new ArrayList<>();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final AtomicLong created = new AtomicLong();
    final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void fill() throws Exception {
      pool = PostgresBenchmark.pool();
      directories = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
      each = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
      root = filled(pool, directories, each);
      for (ConnectedOrganization org : BenchData.organizations(each)) {
        ids.add(org.id());
        keys.add(org.identitySources().get(0).key());
      }
    }

    /**
     * Deletes the directories {@code createInNewDirectory} made, so that every iteration of every
     * benchmark meets the deployment's own 10 or 10,000 directories.
     */
    @TearDown(Level.Iteration)
    public void forgetNewDirectories() throws SQLException {
      String schema = schema(directories, each);
      PostgresBenchmark.execute(
          pool,
          "DELETE FROM " + schema + ".organization WHERE host_directory LIKE 'new-%'",
          "DELETE FROM " + schema + ".change_log WHERE host_directory LIKE 'new-%'",
          "DELETE FROM " + schema + ".directory_counter WHERE host_directory LIKE 'new-%'");
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }

    PostgresOrganizationStore anyDirectory() {
      return root.inDirectory(directory(random.nextInt(directories)));
    }
  }

  /**
   * A directory's first write: run in batches of 100 a single shot ({@link DirectoriesBench}), each
   * iteration's new directories deleted after it, so the deployment stays at its size.
   */
  @Benchmark
  public ConnectedOrganization createInNewDirectory(Deployment d) {
    long n = d.created.incrementAndGet();
    return d.root
        .inDirectory(HostDirectory.of("new-" + d.run + "-" + n))
        .create(PostgresBenchmark.organization("org-" + n));
  }

  @Benchmark
  public Optional<ConnectedOrganization> get(Deployment d) {
    return d.anyDirectory().get(d.ids.get(d.random.nextInt(d.ids.size())));
  }

  @Benchmark
  public Optional<ConnectedOrganization> findByKey(Deployment d) {
    return d.anyDirectory().findByKey(d.keys.get(d.random.nextInt(d.keys.size())));
  }

  @Benchmark
  public List<HostDirectory> directoryPage(Deployment d) {
    return d.root.directories(Optional.of(directory(d.random.nextInt(d.directories - 9))), 9);
  }

  /** Starting an instance: replicas over the deployment, ready once a first directory is loaded. */
  @Benchmark
  public @Nullable ConnectedOrganization startInstance(Deployment d) {
    try (LiveDirectories live =
        LiveDirectories.start(PostgresChangeFeeds.of(d.root).withNotifications(false))) {
      return live.index(directory(d.random.nextInt(d.directories))).byId(d.ids.get(0));
    }
  }

  /** One directory of 2,500 organizations, Entra's limit per directory. */
  @State(Scope.Benchmark)
  public static class Cold {
    HikariDataSource pool;
    PostgresOrganizationStore store;

    @Setup(Level.Trial)
    public void fill() throws Exception {
      pool = PostgresBenchmark.pool();
      PostgresSchema schema = PostgresSchema.named("dirs_cold");
      schema.migrateIn(pool);
      store = PostgresOrganizationStore.of(pool, schema).inDirectory(HostDirectory.of("cold"));
      if (store.lastSequence() == 0) {
        store.createAll(BenchData.organizations(2_500));
        PostgresBenchmark.execute(pool, "VACUUM ANALYZE");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }
  }

  /** A cold directory loaded whole, through replicas made for it. */
  @Benchmark
  public int loadColdDirectory(Cold c) {
    try (LiveDirectories live =
        LiveDirectories.start(PostgresChangeFeeds.of(c.store).withNotifications(false))) {
      live.index(c.store.directory()).byId(OrganizationId.of("none"));
      return (int) live.loadedOrganizations();
    }
  }

  /** The floor: the same rows in one plain {@code SELECT}, every column read. */
  @Benchmark
  public int rawSelect(Cold c) throws SQLException {
    int rows = 0;
    try (Connection conn = c.pool.getConnection();
        PreparedStatement s =
            conn.prepareStatement(
                "SELECT id, version, display_name, description, state, created_at, created_by,"
                    + " modified_at, modified_by, source_parts, sponsor_parts FROM"
                    + " dirs_cold.organization WHERE host_directory = ?")) {
      s.setString(1, "cold");
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          for (int i = 1; i <= 11; i++) {
            if (r.getObject(i) != null) {
              rows++;
            }
          }
        }
      }
    }
    return rows;
  }

  /** The writers' store. */
  @State(Scope.Benchmark)
  public static class Writers {
    HikariDataSource pool;
    PostgresOrganizationStore root;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final AtomicInteger threads = new AtomicInteger();
    final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void open() {
      pool = PostgresBenchmark.pool();
      PostgresSchema schema = PostgresSchema.named("dirs_writers");
      schema.migrateIn(pool);
      root = PostgresOrganizationStore.of(pool, schema);
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
    }
  }

  /** Each thread's own directory. */
  @State(Scope.Thread)
  public static class Writer {
    PostgresOrganizationStore own;

    @Setup(Level.Trial)
    public void pick(Writers w) {
      own =
          w.root.inDirectory(
              HostDirectory.of("writer-" + w.run + "-" + w.threads.incrementAndGet()));
    }
  }

  @Benchmark
  @Threads(1)
  public ConnectedOrganization writeOneWriter(Writers w, Writer mine) {
    return mine.own.create(
        PostgresBenchmark.organization("w-" + w.run + "-" + w.next.incrementAndGet()));
  }

  @Benchmark
  @Threads(2)
  public ConnectedOrganization writeTwoDirectories(Writers w, Writer mine) {
    return mine.own.create(
        PostgresBenchmark.organization("w-" + w.run + "-" + w.next.incrementAndGet()));
  }

  @Benchmark
  @Threads(2)
  public ConnectedOrganization writeOneDirectory(Writers w) {
    return w.root
        .inDirectory(HostDirectory.of("shared-" + w.run))
        .create(PostgresBenchmark.organization("w-" + w.run + "-" + w.next.incrementAndGet()));
  }

  /**
   * The same 2,500 organizations behind a single-directory {@link LiveIndex} and behind {@link
   * LiveDirectories}, both over an in-memory change feed: the replicas' own cost, without the
   * database's noise.
   */
  @State(Scope.Benchmark)
  public static class Decisions {
    LiveIndex single;
    LiveDirectories many;
    AccessRequestMatcher singleMatcher;
    AccessRequestMatcher manyMatcher;

    /** The directory's own {@code Entente}'s matcher, and a routed one's (as Spring injects it). */
    AccessRequestMatcher directMatcher;

    AccessRequestMatcher routedMatcher;

    /** What a request's resolver reads: the thread's current directory. */
    static final ThreadLocal<HostDirectory> CURRENT = new ThreadLocal<>();

    Requestor[] requestors;
    Policy policy;
    int next;

    @Setup(Level.Trial)
    public void load() {
      InMemoryChangeFeed database = new InMemoryChangeFeed();
      InMemoryChangeFeed cold = database.inDirectory(HostDirectory.of("cold"));
      BenchData.organizations(2_500).forEach(cold.store()::create);
      single = LiveIndex.builder(cold.feed()).pollInterval(Duration.ofHours(1)).start();
      many = LiveDirectories.builder(database.feeds()).pollInterval(Duration.ofHours(1)).start();
      requestors = BenchData.requestors(2_500, 42);
      policy =
          Policy.withoutApproval(
              "all-configured", RequestorScope.allConfiguredConnectedOrganizations());
      singleMatcher = AccessRequestMatcher.of(single);
      manyMatcher = AccessRequestMatcher.of(many.index(cold.directory()));
      dev.entente.Entente deployment = dev.entente.Entente.builder().replicas(many).build();
      directMatcher = deployment.directory(cold.directory()).matcher();
      routedMatcher = deployment.routed(CURRENT::get).matcher();
    }

    @TearDown(Level.Trial)
    public void close() {
      single.close();
      many.close();
    }

    Requestor requestor() {
      return requestors[next++ & (BenchData.REQUESTORS - 1)];
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object decideSingle(Decisions d) {
    return d.singleMatcher.evaluate(d.requestor(), d.policy);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object decideInDirectory(Decisions d) {
    return d.manyMatcher.evaluate(d.requestor(), d.policy);
  }

  /**
   * A decision through the directory's own {@code Entente}: the baseline of {@link #decideRouted}.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object decideDirect(Decisions d) {
    return d.directMatcher.evaluate(d.requestor(), d.policy);
  }

  /**
   * A decision through a routed {@code Entente} (R-DIR-1), its directory read from the thread at
   * each port call, as the Spring starter's injected matcher does.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object decideRouted(Decisions d) {
    Decisions.CURRENT.set(HostDirectory.of("cold"));
    return d.routedMatcher.evaluate(d.requestor(), d.policy);
  }
}
