package dev.entente.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Starts one embedded PostgreSQL 17, runs {@link PostgresBenchmark} against it with 1 and 2
 * threads, and prints the ratios the PostgreSQL store issue asks for, with the server's version and
 * settings.
 *
 * <p>Run: {@code bench/run-postgres}.
 */
public final class PostgresBench {
  private PostgresBench() {}

  /** A percentile of a sample-time benchmark, by its parameter {@code wakeUp} when given. */
  private static double percentile(
      List<RunResult> results, String benchmark, @Nullable String wakeUp, double percent) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith(benchmark)
          && (wakeUp == null || wakeUp.equals(r.getParams().getParam("wakeUp")))) {
        return r.getPrimaryResult().getStatistics().getPercentile(percent);
      }
    }
    throw new IllegalStateException("no result for " + benchmark + " " + wakeUp);
  }

  public static void main(String[] args) throws IOException, RunnerException, SQLException {
    Path json = Path.of(args.length > 0 ? args[0] : "bench/target/postgres-results.json");
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String url = server.getJdbcUrl("postgres", "postgres");
      List<String> settings = new ArrayList<>();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        for (String name :
            List.of(
                "server_version",
                "fsync",
                "synchronous_commit",
                "full_page_writes",
                "shared_buffers",
                "wal_level",
                "max_connections")) {
          try (ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            settings.add(name + " = " + r.getString(1));
          }
        }
      }
      List<RunResult> results = new ArrayList<>();
      boolean liveOnly = args.length > 1 && args[1].equals("--live"); // the live index's figures
      if (args.length > 1 && !liveOnly) { // a quick look at the benchmarks matching args[1] alone
        for (RunResult r :
            BenchSuite.run(
                BenchSuite.options(args[1])
                    .forks(3)
                    .warmupIterations(3)
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2))
                    .jvmArgsAppend("-Dbench.pg.url=" + url))) {
          var stats = r.getPrimaryResult().getStatistics();
          System.out.println(
              r.getParams().getBenchmark()
                  + " "
                  + r.getParams().getParamsKeys().stream()
                      .map(k -> k + "=" + r.getParams().getParam(k))
                      .toList()
                  + " "
                  + r.getPrimaryResult()
                  + String.format(
                      Locale.ROOT,
                      " (p50 %.3f, p99 %.3f, max %.3f)",
                      stats.getPercentile(50),
                      stats.getPercentile(99),
                      stats.getMax()));
        }
        return;
      }
      if (!liveOnly) {
        storeBenchmarks(results, url);
      }
      String live = LiveIndexBenchmark.class.getName();
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(live + "\\.(matchLive|matchInMemory)$")
                  .warmupIterations(3)
                  .measurementIterations(5)
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(live + "\\.(load|rawStream)$")
                  .warmupIterations(1)
                  .measurementIterations(3)
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(live + "\\.(propagate|notifyRoundTrip)$")
                  .warmupIterations(1)
                  .warmupTime(TimeValue.seconds(2))
                  .measurementIterations(5)
                  .measurementTime(TimeValue.seconds(5))
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      double[] bytes = LiveIndexFootprint.bytesPerOrganization(url, 1_000_000);
      Files.createDirectories(json.toAbsolutePath().getParent());
      try (PrintStream out =
          new PrintStream(new FileOutputStream(json.toFile()), true, StandardCharsets.UTF_8)) {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
      }

      System.out.println();
      System.out.println("PostgreSQL: " + String.join(", ", settings));
      System.out.println();
      System.out.println("| figure | target | measured |");
      System.out.println("|---|---|---|");
      if (!liveOnly) {
        storeRows(results);
      }
      for (String n : List.of("100000", "1000000")) {
        BenchSuite.row(
            "`matchLive` / `matchInMemory` at " + n,
            "≤ 1.2",
            BenchSuite.ratio(
                BenchSuite.score(results, "LiveIndexBenchmark.matchLive", n, 1)
                    / BenchSuite.score(results, "LiveIndexBenchmark.matchInMemory", n, 1)));
      }
      BenchSuite.row(
          "`load` / `rawStream`, 1,000,000 organizations",
          "≤ 3",
          BenchSuite.ratio(
              BenchSuite.score(results, "LiveIndexBenchmark.load", null, 1)
                  / BenchSuite.score(results, "LiveIndexBenchmark.rawStream", null, 1)));
      BenchSuite.row(
          "retained bytes per organization, live index / in-memory store, at 1,000,000",
          "≤ 1",
          BenchSuite.ratio(bytes[0] / bytes[1])
              + String.format(Locale.ROOT, " (%.0f / %.0f bytes)", bytes[0], bytes[1]));
      double rt50 = percentile(results, "LiveIndexBenchmark.notifyRoundTrip", null, 50);
      double rt99 = percentile(results, "LiveIndexBenchmark.notifyRoundTrip", null, 99);
      for (String wakeUp : List.of("notify", "polling")) {
        double p50 = percentile(results, "LiveIndexBenchmark.propagate", wakeUp, 50);
        double p99 = percentile(results, "LiveIndexBenchmark.propagate", wakeUp, 99);
        BenchSuite.row(
            "propagation A → B, " + wakeUp + ", p50 / p99 (ms); against a bare NOTIFY round trip",
            wakeUp.equals("notify")
                ? "p99 ≤ 2 × the round trip's p99"
                : "p99 ≤ 20 + 10 ms (the poll interval + 10 ms)",
            String.format(
                Locale.ROOT,
                "%.2f / %.2f ms (%.1f× / %.1f× the round trip's %.2f / %.2f ms)",
                p50,
                p99,
                p50 / rt50,
                p99 / rt99,
                rt50,
                rt99));
      }
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "  match: live %.0f ns, in memory %.0f ns at 1,000,000; load 1,000,000: %.0f ms, raw"
              + " stream %.0f ms%n",
          BenchSuite.score(results, "LiveIndexBenchmark.matchLive", "1000000", 1),
          BenchSuite.score(results, "LiveIndexBenchmark.matchInMemory", "1000000", 1),
          BenchSuite.score(results, "LiveIndexBenchmark.load", null, 1),
          BenchSuite.score(results, "LiveIndexBenchmark.rawStream", null, 1));
      if (!liveOnly) {
        storeFigures(results);
      }
      System.out.println("JMH results: " + json);
    }
  }

  /** The store's benchmarks: reads, writes with one and two threads, the bulk import. */
  private static void storeBenchmarks(List<RunResult> results, String url) throws RunnerException {
    String reads = PostgresBenchmark.class.getName() + "\\.(get|findByKey|rawSelect)$";
    String writes = PostgresBenchmark.class.getName() + "\\.(create|rawInsert|rawInsertCounted)$";
    String bulk = PostgresBenchmark.class.getName() + "\\.(importAll|rawBatchInsert)$";
    results.addAll(
        BenchSuite.run(
            BenchSuite.options(reads)
                .forks(3) // the single-row reads swing between forks: three, for a steadier mean
                .warmupIterations(5)
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Dbench.pg.url=" + url)));
    for (int threads = 1; threads <= 2; threads++) {
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(writes)
                  .threads(threads)
                  .measurementIterations(5)
                  .measurementTime(TimeValue.seconds(2))
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
    }
    results.addAll(
        BenchSuite.run(
            BenchSuite.options(bulk)
                .warmupIterations(1)
                .measurementIterations(3)
                .jvmArgsAppend("-Dbench.pg.url=" + url)));
  }

  /** The store's rows of the table. */
  private static void storeRows(List<RunResult> results) {
    double raw = BenchSuite.score(results, "PostgresBenchmark.rawSelect", null, 1);
    BenchSuite.row(
        "`rawSelect` / `get` (time per op)",
        "≤ 1.5",
        BenchSuite.ratio(raw / BenchSuite.score(results, "PostgresBenchmark.get", null, 1)));
    BenchSuite.row(
        "`rawSelect` / `findByKey` (time per op)",
        "≤ 1.5",
        BenchSuite.ratio(raw / BenchSuite.score(results, "PostgresBenchmark.findByKey", null, 1)));
    double rawInsert = BenchSuite.score(results, "PostgresBenchmark.rawInsert", null, 1);
    double create = BenchSuite.score(results, "PostgresBenchmark.create", null, 1);
    double counted = BenchSuite.score(results, "PostgresBenchmark.rawInsertCounted", null, 1);
    BenchSuite.row(
        "`create` / `rawInsert` (time per op)", "≤ 3", BenchSuite.ratio(rawInsert / create));
    BenchSuite.row(
        "(context) `rawInsertCounted` / `rawInsert`: the commit-order counter's cost",
        "—",
        BenchSuite.ratio(rawInsert / counted));
    BenchSuite.row(
        "`importAll` / `rawBatchInsert`, 100,000 organizations",
        "≤ 5",
        BenchSuite.ratio(
            BenchSuite.score(results, "PostgresBenchmark.importAll", null, 1)
                / BenchSuite.score(results, "PostgresBenchmark.rawBatchInsert", null, 1)));
    BenchSuite.row(
        "`create` with 2 threads / 1 thread (throughput)",
        "≥ 1.3",
        BenchSuite.ratio(BenchSuite.score(results, "PostgresBenchmark.create", null, 2) / create));
    BenchSuite.row(
        "(context) `rawInsertCounted` with 2 threads / 1 thread",
        "—",
        BenchSuite.ratio(
            BenchSuite.score(results, "PostgresBenchmark.rawInsertCounted", null, 2) / counted));
    BenchSuite.row(
        "(context) `rawInsert` with 2 threads / 1 thread",
        "—",
        BenchSuite.ratio(
            BenchSuite.score(results, "PostgresBenchmark.rawInsert", null, 2) / rawInsert));
  }

  /** The store's absolute figures. */
  private static void storeFigures(List<RunResult> results) {
    System.out.println("Absolute figures of this run (ops/s; import in ms):");
    for (String op :
        List.of("get", "findByKey", "rawSelect", "create", "rawInsert", "rawInsertCounted")) {
      List<Integer> threads =
          op.equals("create") || op.startsWith("rawInsert") ? List.of(1, 2) : List.of(1);
      for (int t : threads) {
        System.out.printf(
            Locale.ROOT,
            "  %s, %d thread(s): %,.0f%n",
            op,
            t,
            BenchSuite.score(results, "PostgresBenchmark." + op, null, t));
      }
    }
    for (String op : List.of("importAll", "rawBatchInsert")) {
      System.out.printf(
          Locale.ROOT,
          "  %s: %,.0f ms%n",
          op,
          BenchSuite.score(results, "PostgresBenchmark." + op, null, 1));
    }
  }
}
