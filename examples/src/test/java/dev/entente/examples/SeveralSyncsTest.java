package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.entra.AccessToken;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSync;
import dev.entente.entra.SyncReport;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.graph.GraphJson;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.postgres.PostgresSyncLedger;
import dev.entente.spi.AuditEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three instances, each with its own pool, running the Entra sync on one PostgreSQL at once, as
 * fast as they can, while organizations change "in the portal": one applies at a time, each change
 * is written once, and the store ends equal to Entra (R-ENT-5).
 */
@DisplayName("Several instances syncing one store on PostgreSQL apply each change once (R-ENT-5)")
class SeveralSyncsTest {
  /** How long the test waits for its threads before calling it a hang: minutes, never a limit. */
  private static final long HANG_GUARD_MINUTES = 10;

  @Test
  @DisplayName(
      "three racing instances: one holder at a time, each change written once, equal at the end")
  void racingInstancesApplyEachChangeOnce() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        FakeEntra fake = FakeEntra.start()) {
      PostgresSchema.migrate(server.getPostgresDatabase());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(
            fake.addOrganization(
                "{\"displayName\":\"Org "
                    + i
                    + "\",\"identitySources\":[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\","
                    + "\"domainName\":\"org"
                    + i
                    + ".example\",\"displayName\":\"org"
                    + i
                    + ".example\"}]}"));
      }
      ConcurrentLinkedQueue<AuditEvent> writes = new ConcurrentLinkedQueue<>();
      List<HikariDataSource> pools = new ArrayList<>();
      List<EntraSync> syncs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server.getPostgresDatabase());
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        PostgresSyncLedger ledger =
            PostgresSyncLedger.of(PostgresOrganizationStore.of(pool), "entra");
        Entente entente = Entente.builder().store(ledger.store()).auditSink(writes::add).build();
        Entra entra =
            Entra.builder(
                    Cloud.GLOBAL,
                    (scopes, refresh) ->
                        new AccessToken(fake.issueToken(), Instant.now().plusSeconds(3600)))
                .graphRoot(fake.graphRoot())
                .build();
        syncs.add(
            EntraSync.builder(entra, entente.organizations(), ledger)
                .holder("instance-" + i)
                .build());
      }
      AtomicBoolean changing = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<SyncReport>>> rounds = new ArrayList<>();
        for (EntraSync sync : syncs) {
          rounds.add(
              threads.submit(
                  () -> {
                    List<SyncReport> mine = new ArrayList<>();
                    // A few rounds more once the portal stops, so the last change is read.
                    int after = 0;
                    while (after < 20) {
                      mine.add(sync.runOnce());
                      if (!changing.get()) {
                        after++;
                      }
                    }
                    return mine;
                  }));
        }
        int changes = 0;
        for (int i = 0; i < 60; i++) {
          fake.updateOrganization(
              ids.get(i % ids.size()), "{\"description\":\"change " + i + "\"}");
          changes++;
          Thread.sleep(5);
        }
        changing.set(false);
        int holders = 0;
        for (Future<List<SyncReport>> r : rounds) {
          List<SyncReport> mine = r.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES); // a hang guard only
          if (mine.stream().anyMatch(x -> x.round() != SyncReport.Round.NOT_HOLDER)) {
            holders++;
          }
        }
        assertEquals(1, holders, "one instance held the lease and read; the others stood by");
        long written = writes.stream().filter(e -> e.actor().equals(EntraSync.SYNC)).count();
        assertTrue(
            written <= ids.size() + changes,
            "no change written twice: "
                + written
                + " writes for "
                + ids.size()
                + " creates and "
                + changes
                + " changes");
        // Entra's organizations, and the store's, field by field.
        GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL).withServiceRoot(fake.graphRoot());
        Map<String, String> inEntra = new TreeMap<>();
        graph.readAll(fake.organizationsJson()).stream()
            .map(graph::toOrganization)
            .forEach(o -> inEntra.put(o.id().toString(), fields(o)));
        Map<String, String> stored = new TreeMap<>();
        Entente.builder()
            .store(PostgresOrganizationStore.of(pools.get(0)))
            .build()
            .organizations()
            .all()
            .forEach(o -> stored.put(o.id().toString(), fields(o)));
        assertEquals(inEntra, stored);
      } finally {
        threads.shutdownNow();
        syncs.forEach(EntraSync::close);
        pools.forEach(HikariDataSource::close);
      }
    }
  }

  private static String fields(ConnectedOrganization o) {
    return o.displayName()
        + "|"
        + o.description().orElse("")
        + "|"
        + o.state()
        + "|"
        + o.identitySources();
  }
}
