package dev.entente.bench;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EntraTenant;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.TenantId;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory store holding 1,000,000 organizations: {@code create}, versioned {@code update} and
 * {@code get}, in throughput (operations per second, all threads together). Run with one thread and
 * with two ({@code -t 2}): writes to different organizations proceed in parallel, so two threads
 * should update faster than one.
 *
 * <p>{@code update} reads the organization, builds the next version (a new description) and writes
 * it conditionally, retrying on a stale version as a caller would. {@code create} adds new
 * organizations from a pool built in setup; each iteration's teardown deletes them again, so the
 * store stays near a million.
 *
 * <p>Run: {@code bench/run}, or {@code java -jar bench/target/benchmarks.jar StoreBenchmark -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class StoreBenchmark {
  static final int SIZE = 1_000_000;
  private static final PageRequest FIRST_PAGE = PageRequest.first(10);
  private static final DomainName NOBODY = DomainName.of("nobody.example");

  InMemoryOrganizationStore store;
  OrganizationId[] ids;

  /** The key of each organization's source, for {@code findByKey}. */
  IdentitySourceKey[] keys;

  /** The exact-key query of each organization (by domain or by tenant id), for {@code search}. */
  OrganizationQuery[] queries;

  final AtomicInteger threadSeeds = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    store = new InMemoryOrganizationStore();
    ids = new OrganizationId[SIZE];
    keys = new IdentitySourceKey[SIZE];
    queries = new OrganizationQuery[SIZE];
    for (int i = 0; i < SIZE; i++) {
      ConnectedOrganization org = BenchData.organization(i);
      store.create(org);
      ids[i] = org.id();
      // The caller's key and query hold their own values, equal to the stored ones but not the
      // same objects, as a caller's would be: both benchmarks compare by value.
      IdentitySource source = org.identitySources().get(0);
      if (source instanceof EntraTenant t) {
        TenantId tenant = TenantId.of(t.tenantId().toString());
        keys[i] = IdentitySourceKey.tenant(t.cloud(), tenant);
        queries[i] = OrganizationQuery.builder().tenantId(tenant).build();
      } else if (source.key() instanceof IdentitySourceKey.Domain d) {
        DomainName domain = DomainName.of(d.domainName().ascii());
        keys[i] = IdentitySourceKey.domain(domain);
        queries[i] = OrganizationQuery.builder().domain(domain).build();
      } else {
        keys[i] = source.key(); // organization 0, of a provider: no query names a provider
        queries[i] = OrganizationQuery.builder().domain(NOBODY).build();
      }
    }
  }

  /**
   * New organizations for {@code create}, built in setup so that the benchmark measures the store,
   * not the building; only {@code create} uses (and so builds) it.
   */
  @State(Scope.Benchmark)
  public static class CreatePool {
    static final int POOL = 3_000_000;

    ConnectedOrganization[] pool;
    final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
      pool = new ConnectedOrganization[POOL];
      for (int i = 0; i < POOL; i++) {
        pool[i] = BenchData.organization(SIZE + i);
      }
    }

    /**
     * Deletes what {@code create} added during the iteration, so the store stays near a million.
     */
    @TearDown(Level.Iteration)
    public void removeCreated(StoreBenchmark benchmark) {
      int created = Math.min(next.getAndSet(0), POOL);
      for (int i = 0; i < created; i++) {
        if (benchmark.store.get(pool[i].id()).isPresent()) {
          benchmark.store.delete(pool[i].id(), pool[i].version());
        }
      }
    }
  }

  /** Each thread's own random sequence of organizations. */
  @State(Scope.Thread)
  public static class Cursor {
    SplittableRandom random;

    @Setup
    public void setUp(StoreBenchmark benchmark) {
      random = new SplittableRandom(benchmark.threadSeeds.incrementAndGet());
    }
  }

  @Benchmark
  public ConnectedOrganization get(Cursor cursor) {
    return store.get(ids[cursor.random.nextInt(SIZE)]).orElseThrow();
  }

  /** The baseline of {@code search}: one key-index lookup. */
  @Benchmark
  public ConnectedOrganization findByKey(Cursor cursor) {
    return store.findByKey(keys[cursor.random.nextInt(SIZE)]).orElseThrow();
  }

  /**
   * A search by an exact domain or tenant id, answered from the key index (target: within 2× of
   * {@code findByKey}); before, it scanned every organization.
   */
  @Benchmark
  public Page<ConnectedOrganization> search(Cursor cursor) {
    return store.search(queries[cursor.random.nextInt(SIZE)], FIRST_PAGE);
  }

  @Benchmark
  public ConnectedOrganization update(Cursor cursor) {
    OrganizationId id = ids[cursor.random.nextInt(SIZE)];
    while (true) {
      ConnectedOrganization current = store.get(id).orElseThrow();
      ConnectedOrganization next =
          current.toBuilder()
              .description("revision " + current.version().value())
              .version(current.version().next())
              .build();
      try {
        return store.update(next);
      } catch (StaleVersionException raced) {
        // the other thread changed it first: read again, as a caller would
      }
    }
  }

  @Benchmark
  public ConnectedOrganization create(CreatePool pool) {
    int i = pool.next.getAndIncrement();
    if (i >= CreatePool.POOL) {
      throw new IllegalStateException(
          "the create pool of " + CreatePool.POOL + " ran out within one iteration");
    }
    return store.create(pool.pool[i]);
  }
}
