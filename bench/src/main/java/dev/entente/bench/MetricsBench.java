package dev.entente.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The starter issue's figure (R-EMB-1): {@link MatchBenchmark}'s decision with the Spring Boot
 * starter's Micrometer meters against the same decision without them, in one run, at 2,500, 100,000
 * and 1,000,000 organizations.
 *
 * <p>Run: {@code bench/run-metrics}.
 */
public final class MetricsBench {
  private MetricsBench() {}

  public static void main(String[] args) throws RunnerException {
    List<RunResult> results =
        new ArrayList<>(
            BenchSuite.run(
                BenchSuite.options(MatchBenchmark.class.getName() + "\\.match(WithMetrics)?$")
                    .forks(3) // each fork lays out the organizations anew: average over three
                    .warmupIterations(3)
                    .measurementIterations(5)));
    System.out.println();
    System.out.println("| organizations | match (ns) | with metrics (ns) | ratio | target |");
    System.out.println("|---|---|---|---|---|");
    for (String size : List.of("2500", "100000", "1000000")) {
      double plain = BenchSuite.score(results, "MatchBenchmark.match", size, 1);
      double counted = BenchSuite.score(results, "MatchBenchmark.matchWithMetrics", size, 1);
      System.out.printf(
          Locale.ROOT,
          "| %,d | %.1f | %.1f | %.2f | ≤ 1.10 |%n",
          Integer.parseInt(size),
          plain,
          counted,
          counted / plain);
    }
  }
}
