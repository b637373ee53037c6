package dev.entente.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSync;
import dev.entente.entra.MsalAccessTokens;
import dev.entente.entra.SyncReport;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.postgres.PostgresSyncLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps a PostgreSQL store equal to a tenant — here the fake one — with an incremental sync, as two
 * instances of a product would run it: the first round lists the tenant whole, the next read only
 * what the directory audit log says changed, and of the two instances one applies at a time.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.EntraSyncSample}.
 */
public final class EntraSyncSample {
  private EntraSyncSample() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /** Runs the sample, printing each round; returns the rounds of both instances, in order. */
  static List<SyncReport> run(PrintStream out) throws IOException {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        HikariDataSource pool = pool(server);
        FakeEntra fake = FakeEntra.start()) {
      PostgresSchema.migrate(pool);
      fake.addApplication("00000000-0000-4000-8000-00000000a001", "a-secret-from-your-vault");
      String contoso =
          fake.addOrganization(
              "{\"displayName\":\"Contoso\",\"state\":\"configured\",\"identitySources\":[{"
                  + "\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\","
                  + "\"tenantId\":\"4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f\",\"displayName\":\"Contoso\"}]}");
      MsalAccessTokens tokens =
          MsalAccessTokens.withSecret(
              Cloud.GLOBAL,
              TenantId.of("7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d"),
              "00000000-0000-4000-8000-00000000a001",
              "a-secret-from-your-vault",
              fake.loginRoot(Cloud.GLOBAL));
      Entra entra =
          Entra.builder(Cloud.GLOBAL, tokens)
              .graphRoot(fake.graphRoot())
              .loginRoot(Cloud.GLOBAL, fake.loginRoot(Cloud.GLOBAL))
              .lowPriority(true)
              .build();
      List<SyncReport> rounds = new ArrayList<>();
      try (EntraSync a = instance(entra, pool, "instance-a");
          EntraSync b = instance(entra, pool, "instance-b")) {
        rounds.add(print(out, a, a.runOnce())); // the first round lists the tenant whole
        rounds.add(print(out, b, b.runOnce())); // a holds the lease: b does nothing
        fake.updateOrganization(contoso, "{\"displayName\":\"Contoso Ltd\"}"); // in the portal
        rounds.add(print(out, a, a.runOnce())); // the audit log names Contoso: read again
      }
      return rounds;
    }
  }

  // sample begins
  /** One instance's sync: the ledger's store joins its transactions (writes and cursor as one). */
  static EntraSync instance(Entra entra, DataSource dataSource, String name) {
    PostgresSyncLedger ledger =
        PostgresSyncLedger.of(PostgresOrganizationStore.of(dataSource), "entra");
    Entente entente = Entente.builder().store(ledger.store()).build();
    return EntraSync.builder(entra, entente.organizations(), ledger)
        .holder(name) // unique among the instances; a restart under the same name resumes at once
        .build();
  }

  /**
   * In an application: a round now and every minute after, until the application closes the sync
   * (which hands its lease on); a failed round is logged, and the next runs as scheduled.
   */
  static EntraSync started(Entra entra, DataSource dataSource) {
    return instance(entra, dataSource, "instance-" + ProcessHandle.current().pid())
        .start(Duration.ofMinutes(1));
  }

  // sample ends

  private static SyncReport print(PrintStream out, EntraSync sync, SyncReport round) {
    out.println(
        sync.holder()
            + ": "
            + round.round()
            + ", "
            + round.auditEntries()
            + " new audit entries, "
            + round.organizationsRead()
            + " read, "
            + round.written()
            + " written");
    return round;
  }

  private static HikariDataSource pool(EmbeddedPostgres server) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(server.getPostgresDatabase());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
