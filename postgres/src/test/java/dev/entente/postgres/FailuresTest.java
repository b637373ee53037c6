package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.spi.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The database failing under a write: a typed error, and nothing half-written — the organization,
 * its keys, its sponsors and its change record are all there or none is (R-LOG-1).
 */
@DisplayName("A connection killed mid-transaction leaves nothing half-written (R-LOG-1)")
class FailuresTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final Actor ADMIN = Actor.administrator("admin@host.example");

  private static int count(String sql) throws SQLException {
    return Database.count(DATABASE, sql);
  }

  @Test
  void aWriteWhoseConnectionIsTerminatedFailsTypedAndWritesNothing() throws Exception {
    PostgresSchema schema = PostgresSchema.named("terminated");
    schema.migrateIn(DATABASE);
    // a timeout longer than the hang guard: the create waits until its backend is terminated
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(DATABASE, schema).withWriteTimeout(Duration.ofHours(1));
    ConnectedOrganization org =
        ConnectedOrganization.builder()
            .id(OrganizationId.of("victim"))
            .displayName("Victim")
            .addIdentitySources(EmailDomain.of(DomainName.of("victim.example")))
            .addInternalSponsors(Sponsor.user("dana"))
            .createdAt(Instant.EPOCH)
            .createdBy(ADMIN)
            .build();
    AuditEvent created = AuditEvent.created(org);

    // Another transaction holds the change counter, so the create's one statement blocks on it,
    // its organization, key and sponsor rows possibly written, until its backend is terminated.
    try (Connection holder = DATABASE.getConnection()) {
      holder.setAutoCommit(false);
      int holderPid;
      try (Statement s = holder.createStatement()) {
        s.executeUpdate(Database.holdCounter("terminated"));
        try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
          r.next();
          holderPid = r.getInt(1);
        }
      }
      // the one backend of this database waiting on a lock: the create (its statement text is
      // longer than pg_stat_activity keeps, so it is found by its wait, not its text)
      String blocked =
          " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
              + " AND pid <> "
              + holderPid;
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<ConnectedOrganization> write = pool.submit(() -> store.create(org, created));
        Database.await(
            "the create to wait on the counter", () -> count("SELECT count(*)" + blocked) == 1);
        try (Connection admin = DATABASE.getConnection();
            PreparedStatement kill =
                admin.prepareStatement("SELECT pg_terminate_backend(pid)" + blocked)) {
          kill.executeQuery().close();
        }
        java.util.concurrent.ExecutionException failed =
            assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> write.get(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES), // a hang guard
                "the create fails");
        assertTrue(
            failed.getCause() instanceof PortFailureException,
            "a typed port failure, not a raw SQLException: " + failed.getCause());
      } finally {
        pool.shutdownNow();
      }
      holder.rollback();
    }
    assertEquals(0, count("SELECT count(*) FROM \"terminated\".organization"), "no organization");
    assertEquals(0, count("SELECT count(*) FROM \"terminated\".identity_source"), "no key");
    assertEquals(0, count("SELECT count(*) FROM \"terminated\".sponsor"), "no sponsor");
    assertEquals(0, count("SELECT count(*) FROM \"terminated\".change_log"), "no record");
    assertEquals(List.of(), store.changesAfter(0, 10), "nothing to read");
    assertEquals(org, store.create(org, created), "the same create succeeds afterwards");
    assertEquals(1, store.changesAfter(0, 10).size(), "with its one record");
  }
}
