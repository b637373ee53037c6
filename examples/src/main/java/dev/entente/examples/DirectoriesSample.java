package dev.entente.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.live.LiveDirectories;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.EntraTenant;
import dev.entente.model.HostDirectory;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresChangeFeeds;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One deployment serving two host directories — two customers of a multi-tenant product — on one
 * PostgreSQL: Fabrikam's administrator connects Contoso's tenant; a Contoso user is admitted in
 * Fabrikam's directory and refused in Litware's, which never connected Contoso.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.DirectoriesSample}.
 */
public final class DirectoriesSample {
  private DirectoriesSample() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /** Runs the sample, printing what happens; the decisions in Fabrikam's and Litware's. */
  static List<AccessDecision> run(PrintStream out) throws IOException {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        HikariDataSource pool = pool(server)) {
      PostgresSchema.migrate(pool);
      return decide(pool, out);
    }
  }

  private static HikariDataSource pool(EmbeddedPostgres server) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(server.getPostgresDatabase());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static List<AccessDecision> decide(DataSource dataSource, PrintStream out) {
    // sample begins
    PostgresOrganizationStore store = PostgresOrganizationStore.of(dataSource);
    // one replica per directory, loaded on first use, 250,000 organizations in memory at most
    try (LiveDirectories live = LiveDirectories.start(PostgresChangeFeeds.of(store))) {
      Entente deployment = Entente.builder().replicas(live).build();
      Entente fabrikam = deployment.directory(HostDirectory.of("fabrikam"));
      Entente litware = deployment.directory(HostDirectory.of("litware"));

      TenantId contoso = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
      fabrikam
          .organizations()
          .create(
              OrganizationDraft.named("Contoso")
                  .addIdentitySources(EntraTenant.of(contoso, Cloud.GLOBAL, "Contoso"))
                  .build(),
              Actor.administrator("admin@fabrikam.example"));

      Requestor dana = Requestor.entraUser(contoso, Cloud.GLOBAL);
      Policy partners =
          Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
      AccessDecision inFabrikam = fabrikam.matcher().evaluate(dana, partners);
      AccessDecision inLitware = litware.matcher().evaluate(dana, partners);
      out.println("In fabrikam: " + inFabrikam.explanation());
      out.println("In litware:  " + inLitware.explanation());
      out.println("Directories: " + store.directories(Optional.empty(), 100));
      return List.of(inFabrikam, inLitware);
    }
    // sample ends
  }
}
