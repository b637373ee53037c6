package dev.entente.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.postgres.PostgresChangeFeeds;
import dev.entente.postgres.PostgresOrganizationStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jol.info.GraphLayout;

/**
 * Starts one embedded PostgreSQL 17, runs {@link DirectoriesBenchmark} against it, measures the
 * replicas' memory with JOL, and prints the ratios issue 37 asks for, each against its baseline of
 * the same run, with the absolute times.
 *
 * <p>Run: {@code bench/run-directories}.
 */
public final class DirectoriesBench {
  private DirectoriesBench() {}

  /** Directories created one shot of {@code createInNewDirectory}. */
  private static final int BATCH = 100;

  private static RunResult find(
      List<RunResult> results, String benchmark, @Nullable String directories) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + benchmark)
          && (directories == null || directories.equals(r.getParams().getParam("shape")))) {
        return r;
      }
    }
    throw new IllegalStateException("no result for " + benchmark + " " + directories);
  }

  private static double score(List<RunResult> results, String benchmark, @Nullable String n) {
    return find(results, benchmark, n).getPrimaryResult().getScore();
  }

  private static String time(double value, String unit) {
    return String.format(Locale.ROOT, "%.1f %s", value, unit);
  }

  /** {@code a / b}, then both as times: their scores divided by {@code scale}, in {@code unit}. */
  private static String ratio(double a, double b, double scale, String unit) {
    return BenchSuite.ratio(a / b)
        + " ("
        + time(a / scale, unit)
        + " / "
        + time(b / scale, unit)
        + ")";
  }

  public static void main(String[] args) throws Exception {
    Path json = Path.of(args.length > 0 ? args[0] : "bench/target/directories-results.json");
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      String url = server.getJdbcUrl("postgres", "postgres");
      System.setProperty("bench.pg.url", url);
      try (HikariDataSource pool = PostgresBenchmark.pool(url)) {
        long start = System.nanoTime();
        DirectoriesBenchmark.filled(pool, 10);
        DirectoriesBenchmark.filled(pool, 10_000);
        DirectoriesBenchmark.filled(pool, 10, 100_000);
        System.out.printf(
            Locale.ROOT,
            "Filled 10 and 10,000 directories of 100, and 10 of 100,000, in %.0f s%n",
            (System.nanoTime() - start) / 1e9);
      }
      String name = DirectoriesBenchmark.class.getName();
      List<RunResult> results = new ArrayList<>();
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(name + "\\.createInNewDirectory$")
                  .mode(Mode.SingleShotTime)
                  .forks(2)
                  .warmupIterations(5)
                  .warmupBatchSize(BATCH)
                  .measurementIterations(20)
                  .measurementBatchSize(BATCH)
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(name + "\\.(get|findByKey|directoryPage)$")
                  .forks(2)
                  .warmupIterations(3)
                  .measurementIterations(8)
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(name + "\\.startInstance$")
                  .param("shape", "10x100", "10000x100")
                  .forks(2)
                  .warmupIterations(3)
                  .measurementIterations(8)
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(
                      name
                          + "\\.(loadColdDirectory|rawSelect|writeOneWriter|writeTwoDirectories"
                          + "|writeOneDirectory)$")
                  .forks(2)
                  .warmupIterations(2)
                  .measurementIterations(6)
                  .measurementTime(TimeValue.seconds(2))
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      results.addAll(
          BenchSuite.run(
              BenchSuite.options(
                      name + "\\.(decideSingle|decideInDirectory|decideDirect|decideRouted)$")
                  .forks(2)
                  .warmupIterations(3)
                  .measurementIterations(5)
                  .addProfiler("gc")
                  .jvmArgsAppend("-Dbench.pg.url=" + url)));
      double[] memory = memory(url);
      System.out.println("Memory figures: " + java.util.Arrays.toString(memory));
      Files.createDirectories(json.toAbsolutePath().getParent());
      try (PrintStream out =
          new PrintStream(new FileOutputStream(json.toFile()), true, StandardCharsets.UTF_8)) {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
      }

      System.out.println();
      System.out.println("| figure | target | measured |");
      System.out.println("|---|---|---|");
      for (String b : List.of("createInNewDirectory", "get", "findByKey", "directoryPage")) {
        double per = b.equals("createInNewDirectory") ? BATCH : 1; // a shot is a batch
        double many = score(results, b, "10000x100") / per;
        double few = score(results, b, "10x100") / per;
        double rows = score(results, b, "10x100000") / per;
        BenchSuite.row(
            "`" + b + "` at 10,000 directories / at 10 (100 organizations each)",
            "≤ 1.2",
            ratio(many, few, 1, "µs"));
        BenchSuite.row(
            "(as many rows) `" + b + "` at 10,000 × 100 / at 10 × 100,000",
            "—",
            BenchSuite.ratio(many / rows) + " (" + time(rows, "µs") + " at 10 × 100,000)");
      }
      double startMany = score(results, "startInstance", "10000x100");
      double startFew = score(results, "startInstance", "10x100");
      BenchSuite.row(
          "`startInstance` (ready to decide) at 10,000 / at 10",
          "≤ 1.2",
          ratio(startMany, startFew, 1_000, "ms"));
      double load = score(results, "loadColdDirectory", null);
      double raw = score(results, "rawSelect", null);
      BenchSuite.row(
          "`loadColdDirectory` (2,500) / `rawSelect` of the same rows",
          "≤ 3 (goal ≤ 50 ms)",
          ratio(load, raw, 1_000, "ms"));
      double one = 1 / score(results, "writeOneWriter", null);
      double twoOwn = 2 / score(results, "writeTwoDirectories", null);
      double twoShared = 2 / score(results, "writeOneDirectory", null);
      BenchSuite.row(
          "two writers in two directories / one writer (throughput)",
          "≥ 1.6",
          BenchSuite.ratio(twoOwn / one)
              + String.format(Locale.ROOT, " (%,.0f / %,.0f writes/s)", twoOwn * 1e6, one * 1e6));
      BenchSuite.row(
          "(contrast) two writers in one directory / one writer",
          "—",
          BenchSuite.ratio(twoShared / one)
              + String.format(Locale.ROOT, " (%,.0f writes/s)", twoShared * 1e6));
      double many = score(results, "decideInDirectory", null);
      double single = score(results, "decideSingle", null);
      BenchSuite.row("`decideInDirectory` / `decideSingle`", "≤ 1.1", ratio(many, single, 1, "ns"));
      BenchSuite.row(
          "`decideRouted` / `decideDirect` (a routed Entente, as Spring injects it)",
          "≤ 1.1",
          ratio(
              score(results, "decideRouted", null), score(results, "decideDirect", null), 1, "ns"));
      BenchSuite.row(
          "allocation per decision, in a directory / single",
          "no more",
          String.format(
              Locale.ROOT,
              "%.0f / %.0f bytes",
              gcNorm(results, "decideInDirectory"),
              gcNorm(results, "decideSingle")));
      BenchSuite.row(
          "replica bytes of the untouched directories, 10,000 / 10",
          "0 per directory",
          String.format(Locale.ROOT, "%.0f / %.0f bytes", memory[0], memory[1]));
      BenchSuite.row(
          "replica bytes per organization of a loaded directory (2,500)",
          "≤ 600",
          String.format(Locale.ROOT, "%.0f", memory[2]));
      BenchSuite.row(
          "organizations held after touching 10,000 directories of 100, budget 50,000",
          "≤ 50,000",
          String.format(Locale.ROOT, "%,.0f", memory[3]));
      System.out.println("JMH results: " + json);
    }
  }

  private static double gcNorm(List<RunResult> results, String benchmark) {
    var r = find(results, benchmark, null).getSecondaryResults().get("gc.alloc.rate.norm");
    return r == null ? Double.NaN : r.getScore();
  }

  /**
   * {bytes of the per-directory maps of replicas over 10,000 untouched directories, the same over
   * 10, bytes per organization of a loaded directory of 2,500, organizations held after touching
   * every one of 10,000 directories under a budget of 50,000}.
   */
  private static double[] memory(String url) throws Exception {
    System.setProperty("jol.magicFieldOffset", "true");
    try (HikariDataSource pool = PostgresBenchmark.pool(url)) {
      double untouchedMany = untouched(DirectoriesBenchmark.filled(pool, 10_000));
      double untouchedFew = untouched(DirectoriesBenchmark.filled(pool, 10));
      DirectoriesBenchmark.Cold cold = new DirectoriesBenchmark.Cold();
      cold.fill();
      double perOrganization;
      try (LiveDirectories live =
          LiveDirectories.start(PostgresChangeFeeds.of(cold.store).withNotifications(false))) {
        live.index(cold.store.directory()).byId(OrganizationId.of("none"));
        Object slots = field(live, "loaded");
        Object slot = ((Map<?, ?>) slots).values().iterator().next();
        Object index = field(slot, "index");
        Object replica = field(index, "replica");
        perOrganization = GraphLayout.parseInstance(replica).totalSize() / 2_500.0;
      } finally {
        cold.close();
      }
      PostgresOrganizationStore many = DirectoriesBenchmark.filled(pool, 10_000);
      long held;
      try (LiveDirectories live =
          LiveDirectories.builder(PostgresChangeFeeds.of(many).withNotifications(false))
              .maxOrganizations(50_000)
              .loaders(4)
              .start()) {
        long most = 0;
        for (int i = 0; i < 10_000; i++) {
          live.index(DirectoriesBenchmark.directory(i)).byId(OrganizationId.of("none"));
          most = Math.max(most, live.loadedOrganizations());
        }
        held = most;
        System.out.println(
            "After touching 10,000 directories: "
                + live.loadedDirectories().size()
                + " loaded, most held at once "
                + held);
      }
      return new double[] {untouchedMany, untouchedFew, perOrganization, held};
    }
  }

  /** Bytes of the replicas' per-directory maps over {@code store}'s schema, no directory used. */
  private static double untouched(PostgresOrganizationStore store) throws Exception {
    try (LiveDirectories live =
        LiveDirectories.start(PostgresChangeFeeds.of(store).withNotifications(false))) {
      HostDirectory.of("warm-up"); // classes loaded; no directory touched
      return GraphLayout.parseInstance(field(live, "loaded"), field(live, "handles")).totalSize();
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
