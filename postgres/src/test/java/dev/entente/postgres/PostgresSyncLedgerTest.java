package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.SyncLedger.Lease;
import dev.entente.spi.SyncLedger.SyncCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL sync ledger: one holder at a time, a cursor that commits with the writes")
class PostgresSyncLedgerTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final Duration HOUR = Duration.ofHours(1);

  private static PostgresSchema schema(String name) {
    PostgresSchema schema = PostgresSchema.named(name);
    schema.migrateIn(DATABASE);
    return schema;
  }

  @Test
  void ofTwoInstancesOneHoldsTheLeaseAndAReleaseHandsItOverR_ENT_5() {
    PostgresSchema schema = schema("ledger_lease");
    PostgresSyncLedger a = PostgresSyncLedger.of(DATABASE, schema, "entra");
    PostgresSyncLedger b = PostgresSyncLedger.of(DATABASE, schema, "entra");

    Lease first = a.claim("a", HOUR).orElseThrow();
    assertEquals(Optional.empty(), b.claim("b", HOUR), "b waits while a's lease runs");
    Lease renewed = a.claim("a", HOUR).orElseThrow();
    assertEquals(first.epoch(), renewed.epoch(), "a renewal is the same lease");
    assertFalse(renewed.until().isBefore(first.until()));
    assertTrue(
        PostgresSyncLedger.of(DATABASE, schema, "another sync").claim("b", HOUR).isPresent(),
        "each sync name has its own lease");

    a.release(renewed);
    Lease taken = b.claim("b", HOUR).orElseThrow();
    assertNotEquals(first.epoch(), taken.epoch(), "the lease changed hands");
    assertEquals(Optional.empty(), a.claim("a", HOUR));
  }

  @Test
  void aRoundWhoseLeaseRanOutAndWasTakenWritesNothingR_ENT_5() throws Exception {
    PostgresSchema schema = schema("ledger_fence");
    PostgresSyncLedger a = PostgresSyncLedger.of(DATABASE, schema, "entra");
    PostgresSyncLedger b = PostgresSyncLedger.of(DATABASE, schema, "entra");
    SyncCursor start = new SyncCursor(Instant.EPOCH, Instant.EPOCH, Set.of("x"));
    Lease old = a.claim("a", Duration.ofMillis(300)).orElseThrow();
    assertTrue(a.advance(old, start, () -> {}));

    // a pauses past its lease; b takes over (the lease runs by the database's clock).
    Database.await("b's claim after a's lease ran out", () -> b.claim("b", HOUR).isPresent());
    AtomicBoolean ran = new AtomicBoolean();
    SyncCursor late = new SyncCursor(Instant.EPOCH.plusSeconds(60), Instant.EPOCH, Set.of("y"));
    assertFalse(a.advance(old, late, () -> ran.set(true)), "a's round lost its lease");
    assertFalse(ran.get(), "a's writes did not run");
    assertEquals(Optional.of(start), b.cursor(), "the cursor is as a left it before its pause");
  }

  @Test
  void theCursorCommitsWithTheStoresWritesAndRollsBackWithThemR_ENT_5() {
    PostgresSchema schema = schema("ledger_atomic");
    PostgresSyncLedger ledger = PostgresSyncLedger.of(DATABASE, schema, "entra");
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(DATABASE, schema).joining(ledger.transactions());
    Lease lease = ledger.claim("a", HOUR).orElseThrow();
    assertEquals(Optional.empty(), ledger.cursor(), "no cursor before the first round");

    ConnectedOrganization one = CrashWriter.at(OrganizationId.of("one"), 1);
    SyncCursor first = new SyncCursor(Instant.EPOCH, Instant.EPOCH, Set.of("e1", "e2"));
    assertTrue(ledger.advance(lease, first, () -> store.create(one, AuditEvent.created(one))));
    assertTrue(store.get(one.id()).isPresent());
    assertEquals(Optional.of(first), ledger.cursor());

    ConnectedOrganization two = CrashWriter.at(OrganizationId.of("two"), 1);
    SyncCursor second = new SyncCursor(Instant.EPOCH.plusSeconds(60), Instant.EPOCH, Set.of());
    IllegalStateException failed =
        assertThrows(
            IllegalStateException.class,
            () ->
                ledger.advance(
                    lease,
                    second,
                    () -> {
                      store.create(two, AuditEvent.created(two));
                      throw new IllegalStateException("the round fails after a write");
                    }));
    assertEquals("the round fails after a write", failed.getMessage());
    assertTrue(store.get(two.id()).isEmpty(), "the write rolled back with the round");
    assertEquals(Optional.of(first), ledger.cursor(), "and the cursor stayed");
  }

  @Test
  void badNamesHoldersAndLeasesAreRefusedNamingTheField() {
    PostgresSchema schema = schema("ledger_input");
    assertEquals(
        "name",
        assertThrows(ValidationException.class, () -> PostgresSyncLedger.of(DATABASE, schema, " "))
            .field());
    PostgresSyncLedger ledger = PostgresSyncLedger.of(DATABASE, schema, "entra");
    assertEquals(
        "holder", assertThrows(ValidationException.class, () -> ledger.claim("", HOUR)).field());
    assertEquals(
        "ttl",
        assertThrows(ValidationException.class, () -> ledger.claim("a", Duration.ZERO)).field());
    assertEquals(Optional.empty(), ledger.cursor(), "refused claims changed nothing");
  }
}
