package dev.entente.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link GraphJsonBenchmark} and prints the ratio the Graph issue asks for — reading an export
 * into models against a bare token scan of the same bytes, same run — with MB/s.
 *
 * <p>Run: {@code bench/run-graph}.
 */
public final class GraphBench {
  private GraphBench() {}

  /** The run of {@code benchmark} on the {@code shape} export. */
  private static RunResult result(List<RunResult> results, String benchmark, String shape) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("GraphJsonBenchmark." + benchmark)
          && shape.equals(r.getParams().getParam("shape"))) {
        return r;
      }
    }
    throw new IllegalStateException("no result for " + benchmark + " " + shape);
  }

  private static double score(List<RunResult> results, String benchmark, String shape) {
    return result(results, benchmark, shape).getPrimaryResult().getScore();
  }

  /** Bytes allocated per organization read, from the GC profiler's per-operation figure. */
  private static double allocated(List<RunResult> results, String benchmark, String shape) {
    Result<?> norm =
        result(results, benchmark, shape).getSecondaryResults().get("gc.alloc.rate.norm");
    if (norm == null) {
      throw new IllegalStateException("no allocation figure for " + benchmark + " " + shape);
    }
    return norm.getScore() / GraphJsonBenchmark.SIZE;
  }

  public static void main(String[] args) throws IOException, RunnerException {
    Path json = Path.of(args.length > 0 ? args[0] : "bench/target/graph-results.json");
    List<RunResult> results =
        new ArrayList<>(
            BenchSuite.run(
                BenchSuite.options(GraphJsonBenchmark.class)
                    .forks(2)
                    .warmupIterations(5)
                    .measurementIterations(10)
                    .addProfiler(GCProfiler.class)));
    Files.createDirectories(json.toAbsolutePath().getParent());
    try (PrintStream out =
        new PrintStream(new FileOutputStream(json.toFile()), true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
    }
    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    for (String shape : List.of("entra", "testkit")) {
      double megabytes = GraphJsonBenchmark.export(shape).length / 1_000_000.0;
      double scan = score(results, "tokenScan", shape);
      double graph = score(results, "readGraph", shape);
      double models = score(results, "readModels", shape);
      double oneThread = score(results, "readModelsOneThread", shape);
      System.out.printf(
          Locale.ROOT,
          "| `readModels` / `tokenScan`, %s export (%.1f MB) | ≤ 3 | %.2f |%n",
          shape,
          megabytes,
          models / scan);
      System.out.printf(
          Locale.ROOT,
          "| (context) `readGraph` / `tokenScan`, %s export | — | %.2f |%n",
          shape,
          graph / scan);
      System.out.printf(
          Locale.ROOT,
          "| (context) `readModelsOneThread` / `tokenScan`, %s export | — | %.2f |%n",
          shape,
          oneThread / scan);
      System.out.printf(
          Locale.ROOT,
          "| (context) MB/s, %s export: tokenScan, readGraph, readModels | — | %.0f, %.0f, %.0f |%n",
          shape,
          megabytes / (scan / 1000),
          megabytes / (graph / 1000),
          megabytes / (models / 1000));
    }
    for (String shape : List.of("entra", "testkit")) {
      System.out.printf(
          Locale.ROOT,
          "| (context) bytes allocated per organization, %s export: readGraph, readModels | — |"
              + " %.0f, %.0f |%n",
          shape,
          allocated(results, "readGraph", shape),
          allocated(results, "readModels", shape));
    }
    System.out.println("JMH results: " + json);
  }
}
