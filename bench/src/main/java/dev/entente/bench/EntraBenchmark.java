package dev.entente.bench;

import dev.entente.entra.AccessToken;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraDirectory;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.spi.DomainResolution;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Discovery's cached repeat (R-ENT-3): {@link EntraDirectory#resolve} of a domain it has answered
 * before, against a {@link ConcurrentHashMap#get} of the same key (the floor). The first lookup, in
 * setup, goes to a {@link FakeEntra}; every measured one answers from memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EntraBenchmark {
  private FakeEntra entra;
  private EntraDirectory directory;
  private DomainName domain;
  private ConcurrentHashMap<DomainName, DomainResolution> floor;

  @Setup(Level.Trial)
  public void setUp() {
    entra = FakeEntra.start();
    entra.addTenant(
        Cloud.GLOBAL,
        "11111111-1111-1111-1111-111111111111",
        "Contoso Ltd",
        "contoso.onmicrosoft.com",
        "contoso.com");
    Entra connection =
        Entra.builder(
                Cloud.GLOBAL,
                (scopes, refresh) ->
                    new AccessToken(entra.issueToken(), Instant.now().plusSeconds(3600)))
            .graphRoot(entra.graphRoot())
            .loginRoot(Cloud.GLOBAL, entra.loginRoot(Cloud.GLOBAL))
            .build();
    directory = connection.directory(Duration.ofDays(1));
    domain = DomainName.of("contoso.com");
    DomainResolution first = directory.resolve(domain);
    if (!(first instanceof DomainResolution.Tenant)) {
      throw new IllegalStateException("the fake did not find contoso.com: " + first);
    }
    floor = new ConcurrentHashMap<>();
    floor.put(domain, first);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    entra.close();
  }

  @Benchmark
  public DomainResolution cachedLookup() {
    return directory.resolve(domain);
  }

  @Benchmark
  public @Nullable DomainResolution hashMapGet() {
    return floor.get(domain);
  }
}
