package dev.entente.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark with short settings, writes the JMH results as JSON, and prints the table of
 * ratios the benchmarks issue asks for, each against a baseline measured in the same run.
 *
 * <p>Run: {@code bench/run} (which builds first), or {@code java -Xmx16g -cp
 * bench/target/benchmarks.jar dev.entente.bench.BenchSuite [results.json]}.
 */
public final class BenchSuite {
  private BenchSuite() {}

  public static void main(String[] args) throws RunnerException, IOException {
    Path json = Path.of(args.length > 0 ? args[0] : "bench/target/results.json");
    List<RunResult> results = new ArrayList<>();
    results.addAll(
        run(options(MatchBenchmark.class).measurementIterations(5).addProfiler(GCProfiler.class)));
    results.addAll(run(options(StoreBenchmark.class).measurementIterations(5).threads(1)));
    results.addAll(run(options(StoreBenchmark.class).measurementIterations(5).threads(2)));
    results.addAll(run(options(LoadBenchmark.class).warmupIterations(2).measurementIterations(5)));
    // Context for the update figure: the same benchmark under the Parallel collector, which has no
    // concurrent refinement thread competing with the second benchmark thread for the two cores.
    List<RunResult> parallelGc = new ArrayList<>();
    for (int threads = 1; threads <= 2; threads++) {
      parallelGc.addAll(
          run(
              options(StoreBenchmark.class.getName() + "\\.update$")
                  .measurementIterations(5)
                  .threads(threads)
                  // JMH's option replaces the class's own @Fork arguments, so they are repeated
                  // here
                  .jvmArgsAppend("-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC")));
    }
    results.addAll(parallelGc);
    Files.createDirectories(json.toAbsolutePath().getParent());
    try (PrintStream out =
        new PrintStream(new FileOutputStream(json.toFile()), true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
    }
    double bytesPerOrganization = Footprint.bytesPerOrganization(1_000_000);

    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    double match1m = score(results, "MatchBenchmark.match", "1000000", 1);
    double match2500 = score(results, "MatchBenchmark.match", "2500", 1);
    double raw1m = score(results, "MatchBenchmark.rawHashLookup", "1000000", 1);
    double scan1m = score(results, "MatchBenchmark.naiveScan", "1000000", 1);
    row("`match` / `rawHashLookup`, at 1,000,000", "≤ 2.0", ratio(match1m / raw1m));
    row("`match` at 1,000,000 / `match` at 2,500", "≤ 1.5", ratio(match1m / match2500));
    row("`naiveScan` / `match`, at 1,000,000", "≥ 1,000", ratio(scan1m / match1m));
    row(
        "(context) `rawHashLookup` at 1,000,000 / at 2,500",
        "—",
        ratio(raw1m / score(results, "MatchBenchmark.rawHashLookup", "2500", 1)));
    for (String n : List.of("2500", "100000", "1000000")) {
      row(
          "allocation per `match` decision, at " + n,
          "≤ 64 bytes",
          String.format(
              Locale.ROOT,
              "%.0f bytes",
              secondary(results, "MatchBenchmark.match", n, "gc.alloc.rate.norm")));
    }
    row(
        "`matchWithGate` / `match`, at 2,500 (1,000 partner configurations)",
        "≤ 1.2",
        ratio(score(results, "MatchBenchmark.matchWithGate", "2500", 1) / match2500));
    row(
        "allocation per `matchWithGate` decision, at 2,500",
        "—",
        String.format(
            Locale.ROOT,
            "%.0f bytes",
            secondary(results, "MatchBenchmark.matchWithGate", "2500", "gc.alloc.rate.norm")));
    row(
        "`load` / `hashMapBaseline`",
        "≤ 5",
        ratio(
            score(results, "LoadBenchmark.load", null, 1)
                / score(results, "LoadBenchmark.hashMapBaseline", null, 1)));
    row(
        "retained bytes per organization",
        "≤ 1,024",
        String.format(Locale.ROOT, "%.0f bytes", bytesPerOrganization));
    row(
        "`update` with 2 threads / with 1 thread (throughput)",
        "≥ 1.3",
        ratio(
            score(results, "StoreBenchmark.update", null, 2)
                / score(results, "StoreBenchmark.update", null, 1)));
    row(
        "(context) the same, under `-XX:+UseParallelGC`",
        "—",
        ratio(
            score(parallelGc, "StoreBenchmark.update", null, 2)
                / score(parallelGc, "StoreBenchmark.update", null, 1)));
    System.out.println();
    System.out.println("Absolute figures of this run:");
    System.out.printf(
        Locale.ROOT,
        "  match: %.0f ns at 2,500, %.0f ns at 1,000,000; rawHashLookup %.0f ns; naiveScan %.0f ns at 1,000,000%n",
        match2500,
        match1m,
        raw1m,
        scan1m);
    for (String op : List.of("get", "update", "create")) {
      System.out.printf(
          Locale.ROOT,
          "  store %s: %,.0f ops/s with 1 thread, %,.0f ops/s with 2%n",
          op,
          score(results, "StoreBenchmark." + op, null, 1),
          score(results, "StoreBenchmark." + op, null, 2));
    }
    System.out.printf(
        Locale.ROOT,
        "  load 1,000,000: %.0f ms; HashMap: %.0f ms%n",
        score(results, "LoadBenchmark.load", null, 1),
        score(results, "LoadBenchmark.hashMapBaseline", null, 1));
    System.out.println("JMH results: " + json);
  }

  static ChainedOptionsBuilder options(Class<?> benchmark) {
    return options(benchmark.getName() + "\\.");
  }

  static ChainedOptionsBuilder options(String include) {
    return new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(1));
  }

  static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).run();
  }

  private static RunResult find(
      List<RunResult> results, String benchmark, @Nullable String organizations, int threads) {
    for (RunResult result : results) {
      boolean name = result.getParams().getBenchmark().endsWith(benchmark);
      boolean size =
          organizations == null
              || organizations.equals(result.getParams().getParam("organizations"));
      if (name && size && result.getParams().getThreads() == threads) {
        return result;
      }
    }
    throw new IllegalStateException(
        "no result for " + benchmark + " " + organizations + " with " + threads + " threads");
  }

  static double score(
      List<RunResult> results, String benchmark, @Nullable String organizations, int threads) {
    return find(results, benchmark, organizations, threads).getPrimaryResult().getScore();
  }

  private static double secondary(
      List<RunResult> results, String benchmark, String organizations, String name) {
    Result<?> result = find(results, benchmark, organizations, 1).getSecondaryResults().get(name);
    return result == null ? Double.NaN : result.getScore();
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value);
  }

  static void row(String figure, String target, String measured) {
    System.out.println("| " + figure + " | " + target + " | " + measured + " |");
  }
}
