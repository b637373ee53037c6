package dev.entente.bench;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * What canonicalising a domain name costs ({@link DomainName#of(String)}: IDNA, public-suffix
 * check) against the floor of lower-casing the same string.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar DomainNameBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DomainNameBenchmark {
  private String[] spellings;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    spellings = new String[1024];
    for (int i = 0; i < spellings.length; i++) {
      spellings[i] = EntenteGenerators.spelling(random, EntenteGenerators.domainName(random));
    }
  }

  @Benchmark
  public DomainName canonicalise() {
    return DomainName.of(spellings[next++ & 1023]);
  }

  @Benchmark
  public String lowerCaseBaseline() {
    return spellings[next++ & 1023].toLowerCase(Locale.ROOT);
  }
}
