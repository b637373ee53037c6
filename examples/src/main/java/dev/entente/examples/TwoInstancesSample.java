package dev.entente.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.live.LiveIndex;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.EntraTenant;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Two instances of a product on one PostgreSQL, each with its own pool, live index and Entente: an
 * administrator creates Contoso on instance A, and a Contoso user's request on instance B is
 * decided with it, once the change has propagated.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.TwoInstancesSample}.
 */
public final class TwoInstancesSample {
  private TwoInstancesSample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    run(System.out);
  }

  private static HikariDataSource pool(EmbeddedPostgres server) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(server.getPostgresDatabase());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** Runs the sample, printing what happens; returns instance B's decision. */
  static AccessDecision run(PrintStream out) throws IOException, InterruptedException {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        HikariDataSource poolA = pool(server);
        HikariDataSource poolB = pool(server)) {
      PostgresSchema.migrate(poolA);
      return decide(poolA, poolB, out);
    }
  }

  private static AccessDecision decide(DataSource poolA, DataSource poolB, PrintStream out)
      throws InterruptedException {
    // sample begins
    // each instance: its own live index over the one database, and Entente writing through it
    try (LiveIndex liveA =
            LiveIndex.start(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolA)));
        LiveIndex liveB =
            LiveIndex.start(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolB)))) {
      Entente instanceA = Entente.builder().replica(liveA).build();
      Entente instanceB = Entente.builder().replica(liveB).build();

      TenantId contoso = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
      long start = System.nanoTime();
      instanceA
          .organizations()
          .create(
              OrganizationDraft.named("Contoso")
                  .addIdentitySources(EntraTenant.of(contoso, Cloud.GLOBAL, "Contoso"))
                  .build(),
              Actor.administrator("admin@host.example"));

      // B decides from memory; NOTIFY wakes its index, polling covers lost notifications
      Requestor dana = Requestor.entraUser(contoso, Cloud.GLOBAL);
      Policy partners =
          Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
      AccessDecision decision = instanceB.matcher().evaluate(dana, partners);
      while (!decision.eligible() && System.nanoTime() - start < 5_000_000_000L) {
        Thread.sleep(1);
        decision = instanceB.matcher().evaluate(dana, partners);
      }
      out.printf(
          "On B, %.1f ms after A's write: %s%n",
          (System.nanoTime() - start) / 1e6, decision.explanation());

      // or wait for it explicitly: every change committed so far, applied on B
      out.println("B caught up: " + liveB.awaitLatest(Duration.ofSeconds(5)) + ", " + liveB);
      return decision;
    }
    // sample ends
  }
}
