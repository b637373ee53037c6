package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import java.sql.Connection;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A write blocked behind another transaction fails typed after the store's timeout, with nothing
 * written (R-LOG-3), instead of waiting for ever.
 */
@DisplayName("A write blocked behind another transaction fails typed after the timeout (R-LOG-3)")
class BoundedWaitsTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final PostgresSchema SCHEMA = PostgresSchema.named("bounded");

  static {
    SCHEMA.migrateIn(DATABASE);
  }

  @Test
  @DisplayName(
      "every write kind waiting on a held change counter fails as a port failure caused by a"
          + " timeout, writes nothing, and succeeds once the holder ends (R-LOG-3)")
  void everyWriteWaitingOnAHeldCounterFailsTypedAndWritesNothing() throws Throwable {
    PostgresOrganizationStore store =
        Database.emptied(DATABASE, SCHEMA).withWriteTimeout(Duration.ofSeconds(1));
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(11), 4);
    ConnectedOrganization existing = store.create(orgs.get(0));
    ConnectedOrganization changed =
        existing.toBuilder().version(existing.version().next()).displayName("Changed").build();
    List<Supplier<Executable>> writes =
        List.of(
            () -> () -> store.create(orgs.get(1)),
            () -> () -> store.update(changed),
            () ->
                () -> store.delete(existing.id(), store.get(existing.id()).orElseThrow().version()),
            () -> () -> store.createAll(orgs.subList(2, 4)));

    try (Connection holder = DATABASE.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate(Database.holdCounter("bounded")); // held until rollback
      }
      for (Supplier<Executable> write : writes) {
        long start = System.nanoTime();
        PortFailureException failed = assertThrows(PortFailureException.class, write.get());
        long waited = System.nanoTime() - start;
        assertTrue(
            failed.getCause() instanceof SQLTimeoutException,
            "the cause says it timed out: " + failed.getCause());
        assertTrue(
            failed.getMessage().contains("write timeout of 1 s")
                && failed.getMessage().contains("nothing"),
            failed.getMessage());
        assertTrue(waited >= Duration.ofMillis(900).toNanos(), "it waited the bound: " + waited);
      }
      holder.rollback();
    }
    assertEquals(List.of(existing), Pages.all(store, PageRequest.MAX_SIZE), "nothing written");
    assertEquals(1, store.changesAfter(0, 10).size(), "no record but the first create's");

    for (Supplier<Executable> write : writes) {
      write.get().execute(); // the holder is gone: each goes through
    }
    assertEquals(6, store.changesAfter(0, 10).size(), "one record per organization written");
  }

  @Test
  @DisplayName(
      "the write timeout is ten seconds unless set, in whole seconds up to an hour (R-LOG-3)")
  void theWriteTimeoutIsTenSecondsUnlessSetAndOnlyWholeSecondsAreAccepted() {
    PostgresOrganizationStore store = PostgresOrganizationStore.of(DATABASE, SCHEMA);
    assertEquals(Duration.ofSeconds(10), store.writeTimeout());
    assertEquals(
        Duration.ofSeconds(3), store.withWriteTimeout(Duration.ofSeconds(3)).writeTimeout());
    for (Duration bad :
        List.of(
            Duration.ZERO,
            Duration.ofSeconds(-1),
            Duration.ofMillis(1_500),
            Duration.ofHours(1).plusMillis(1))) {
      ValidationException refused =
          assertThrows(
              ValidationException.class, () -> store.withWriteTimeout(bad), bad.toString());
      assertEquals("writeTimeout", refused.field());
    }
  }
}
