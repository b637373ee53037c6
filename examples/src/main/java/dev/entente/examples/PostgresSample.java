package dev.entente.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.ChangeRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Entente on PostgreSQL, end to end: it starts a PostgreSQL server of its own (a host points a pool
 * at its database instead), creates the tables, connects Contoso and Woodgrove, decides two
 * requests, approves one that proposes Northwind, and reads the change records back from the
 * database.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.PostgresSample} from the project root.
 */
public final class PostgresSample {
  private PostgresSample() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /** Runs the sample, printing what happens; returns the change records read back. */
  static List<ChangeRecord> run(PrintStream out) throws IOException {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
      HikariConfig pool = new HikariConfig();
      pool.setDataSource(server.getPostgresDatabase());
      pool.setMaximumPoolSize(4);
      try (HikariDataSource dataSource = new HikariDataSource(pool)) {
        // sample begins
        // any DataSource: a pool of the host's; Entente owns no connection and no thread
        out.println("Schema versions applied: " + PostgresSchema.migrate(dataSource));
        PostgresOrganizationStore store = PostgresOrganizationStore.of(dataSource);
        Entente entente = Entente.builder().store(store).build();
        // sample ends
        ConnectedOrganizations orgs = entente.organizations();
        Actor admin = Actor.administrator("admin@host.example");

        orgs.create(
            OrganizationDraft.named("Contoso")
                .addIdentitySources(
                    EntraTenant.of(
                        TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"),
                        Cloud.GLOBAL,
                        "Contoso"))
                .build(),
            admin);
        orgs.create(
            OrganizationDraft.named("Woodgrove")
                .addIdentitySources(EmailDomain.of(DomainName.of("woodgrove.com")))
                .build(),
            admin);

        Policy anyone = Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());
        AccessDecision li =
            entente
                .matcher()
                .evaluate(
                    Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true), anyone);
        out.println("Li: " + li.explanation());
        AccessDecision jo =
            entente
                .matcher()
                .evaluate(
                    Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true), anyone);
        out.println("Jo: " + jo.explanation());
        out.println(
            "Approving Jo: "
                + orgs.approve(jo).organization().orElseThrow().displayName()
                + " proposed");

        List<ChangeRecord> log = store.changesAfter(0, 100);
        out.println("Change records, read back from PostgreSQL:");
        for (ChangeRecord record : log) {
          out.println(
              "  #"
                  + record.sequence()
                  + " "
                  + record.kind()
                  + " "
                  + record.organizationId()
                  + " v"
                  + record.version()
                  + " by "
                  + record.actor());
        }
        return log;
      }
    }
  }
}
