package dev.entente.bench;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filling a fresh default store with 1,000,000 pre-built organizations through its public {@code
 * create}, against putting the same values into a {@link HashMap}: what the store's indexes and
 * checks cost at start-up, when a host loads its organizations.
 *
 * <p>Run: {@code bench/run}, or {@code java -jar bench/target/benchmarks.jar LoadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class LoadBenchmark {
  static final int SIZE = 1_000_000;

  List<ConnectedOrganization> organizations;

  @Setup
  public void setUp() {
    organizations = BenchData.organizations(SIZE);
  }

  @Benchmark
  public InMemoryOrganizationStore load() {
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    for (ConnectedOrganization org : organizations) {
      store.create(org);
    }
    return store;
  }

  @Benchmark
  public Map<OrganizationId, ConnectedOrganization> hashMapBaseline() {
    Map<OrganizationId, ConnectedOrganization> map = new HashMap<>();
    for (ConnectedOrganization org : organizations) {
      map.put(org.id(), org);
    }
    return map;
  }
}
