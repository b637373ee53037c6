package dev.entente.bench;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.InvitationGate;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.spring.EntenteMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one access decision costs against the floor of a hash lookup and against a naive scan, at
 * 2,500, 100,000 and 1,000,000 organizations.
 *
 * <ul>
 *   <li>{@code match}: {@link AccessRequestMatcher#evaluate(Requestor, Policy)} under "all
 *       configured connected organizations", on Entente's default in-memory store with a deny list
 *       of 100 domains;
 *   <li>{@code matchWithMetrics}: the same decisions through a matcher that tells {@code
 *       EntenteMetrics} of the Spring Boot starter, bound to a Micrometer {@code
 *       SimpleMeterRegistry}: what metrics cost a decision (R-EMB-1, at most 10 %);
 *   <li>{@code matchWithGate}: the same decisions with the invitation gate of docs/rules.md §12 —
 *       the same deny list and cross-tenant access settings of {@value BenchData#PARTNERS} partner
 *       configurations, asked for at each decision through {@code Entente.Builder.gates}, for one
 *       application (R-XTA-2, at most 1.2 × {@code match});
 *   <li>{@code rawHashLookup}: the floor — one {@code HashMap.get} per requestor, on a key
 *       canonicalised in setup, over a map of the same size;
 *   <li>{@code naiveScan}: what a script over a full listing does — compare every source of every
 *       organization.
 * </ul>
 *
 * <p>The requestors are {@link BenchData#requestors a fixed mix} cycled through a pre-built array.
 * Run: {@code bench/run}, or {@code java -jar bench/target/benchmarks.jar MatchBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class MatchBenchmark {
  @Param({"2500", "100000", "1000000"})
  int organizations;

  private AccessRequestMatcher matcher;
  private AccessRequestMatcher counted;
  private AccessRequestMatcher gated;
  private Policy policy;
  private Requestor[] requestors;
  private IdentitySourceKey[] keys;
  private Map<IdentitySourceKey, ConnectedOrganization> map;
  private List<ConnectedOrganization> listing;
  private int next;

  @Setup
  public void setUp() {
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    Entente entente =
        Entente.builder()
            .store(store)
            .restrictions(BenchData.denyList())
            .auditSink(event -> {})
            .build();
    listing = BenchData.organizations(organizations);
    map = new HashMap<>();
    for (ConnectedOrganization org : listing) {
      store.create(org);
      for (IdentitySource source : org.identitySources()) {
        map.put(source.key(), org);
      }
    }
    matcher = entente.matcher();
    InvitationGate gate = InvitationGate.of(BenchData.denyList(), BenchData.crossTenantAccess());
    gated =
        Entente.builder()
            .store(store)
            .gates(directory -> gate)
            .auditSink(event -> {})
            .build()
            .matcher()
            .forApplication(BenchData.APPLICATION);
    EntenteMetrics metrics = new EntenteMetrics(() -> null, false);
    metrics.bindTo(new SimpleMeterRegistry());
    counted = matcher.withListener(metrics);
    policy =
        Policy.withoutApproval(
            "all-configured", RequestorScope.allConfiguredConnectedOrganizations());
    requestors = BenchData.requestors(organizations, 42);
    keys = new IdentitySourceKey[requestors.length];
    for (int k = 0; k < requestors.length; k++) {
      keys[k] = BenchData.keyOf(requestors[k]);
    }
  }

  @Benchmark
  public AccessDecision match() {
    return matcher.evaluate(requestors[next++ & (BenchData.REQUESTORS - 1)], policy);
  }

  @Benchmark
  public AccessDecision matchWithGate() {
    return gated.evaluate(requestors[next++ & (BenchData.REQUESTORS - 1)], policy);
  }

  @Benchmark
  public AccessDecision matchWithMetrics() {
    return counted.evaluate(requestors[next++ & (BenchData.REQUESTORS - 1)], policy);
  }

  @Benchmark
  public @Nullable ConnectedOrganization rawHashLookup() {
    return map.get(keys[next++ & (BenchData.REQUESTORS - 1)]);
  }

  @Benchmark
  public @Nullable ConnectedOrganization naiveScan() {
    IdentitySourceKey key = keys[next++ & (BenchData.REQUESTORS - 1)];
    for (ConnectedOrganization org : listing) {
      for (IdentitySource source : org.identitySources()) {
        if (source.key().equals(key)) {
          return org;
        }
      }
    }
    return null;
  }
}
