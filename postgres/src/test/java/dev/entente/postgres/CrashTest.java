package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.Pages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers that die or lose their server mid-write: afterwards every organization is wholly there —
 * row, keys, sponsors, one change record per version — or wholly absent (R-LOG-1).
 */
@DisplayName(
    "A writer killed or a server restarted mid-write leaves nothing half-written (R-LOG-1)")
class CrashTest {

  /**
   * Every stored organization is exactly what {@link CrashWriter} wrote at its version, with one
   * record for each of its versions; every organization with records but no row has a delete record
   * as its last. Returns how many organizations are stored.
   */
  static int assertWholeOrAbsent(PostgresOrganizationStore store) {
    Map<OrganizationId, List<ChangeRecord>> records = new HashMap<>();
    long last = 0;
    for (List<ChangeRecord> page = store.changesAfter(last, ChangeLog.MAX_LIMIT);
        !page.isEmpty();
        page = store.changesAfter(last, ChangeLog.MAX_LIMIT)) {
      for (ChangeRecord r : page) {
        records.computeIfAbsent(r.organizationId(), id -> new ArrayList<>()).add(r);
      }
      last = page.get(page.size() - 1).sequence();
    }
    List<ConnectedOrganization> stored = Pages.all(store, PageRequest.MAX_SIZE);
    for (ConnectedOrganization org : stored) {
      assertEquals(
          CrashWriter.at(org.id(), org.version().value()),
          org,
          "whole at its version: " + org.id());
      List<ChangeRecord> mine = records.remove(org.id());
      assertTrue(mine != null, "a stored organization has its records: " + org.id());
      assertEquals(
          org.version().value(), mine.size(), "one record per version of " + org.id() + mine);
      for (int v = 0; v < mine.size(); v++) {
        assertEquals(v + 1, mine.get(v).version().value(), "record of version " + (v + 1));
        assertEquals(
            v == 0 ? AuditEvent.Kind.CREATED : AuditEvent.Kind.UPDATED, mine.get(v).kind());
      }
    }
    records.forEach(
        (id, mine) ->
            assertEquals(
                AuditEvent.Kind.DELETED,
                mine.get(mine.size() - 1).kind(),
                "records of an organization that is not stored end with its delete: " + mine));
    return stored.size();
  }

  @Test
  @DisplayName("R-LOG-1: a child JVM writing in a loop, killed with SIGKILL at random moments")
  @Timeout(value = Database.HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard
  void aWriterKilledAtRandomMomentsLeavesEveryOrganizationWholeOrAbsent() throws Exception {
    DataSource database = Database.fresh();
    PostgresSchema schema = PostgresSchema.named("crash");
    schema.migrateIn(database);
    PostgresOrganizationStore store = PostgresOrganizationStore.of(database, schema);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    SplittableRandom random = new SplittableRandom(42);
    int before = 0;
    for (int round = 0; round < 6; round++) {
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashWriter.class.getName(),
                  Database.url(database),
                  "crash",
                  Integer.toString(round))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        if (!"ready".equals(line)) {
          fail("the writer did not start: " + line + ", exit " + child.waitFor());
        }
        Thread.sleep(100 + random.nextInt(900));
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
        assertTrue(
            child.waitFor(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES),
            "hang guard: the writer is gone");
      }
      int now = assertWholeOrAbsent(store);
      assertTrue(now > before, "round " + round + " committed something before it died");
      before = now;
    }
  }

  @Test
  @DisplayName(
      "R-LOG-1: the server stopped and started again under writes: typed failures during the outage, success after, nothing half-written")
  @Timeout(value = Database.HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard
  void aServerRestartedUnderWritesFailsTypedAndLeavesNothingHalfWritten() throws Exception {
    try (Database.Restartable server = new Database.Restartable()) {
      HikariDataSource pool = server.pool;
      PostgresSchema schema = PostgresSchema.named("restart");
      schema.migrateIn(pool);
      PostgresOrganizationStore store = PostgresOrganizationStore.of(pool, schema);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger succeeded = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<Throwable> untyped = new ArrayList<>();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        String round = "w" + w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    try {
                      CrashWriter.write(store, round, i);
                      succeeded.incrementAndGet();
                    } catch (PortFailureException e) {
                      failed.incrementAndGet();
                    } catch (RuntimeException e) {
                      // a write that committed but whose answer was lost may meet itself next
                      if (!(e instanceof dev.entente.errors.EntenteException)) {
                        synchronized (untyped) {
                          untyped.add(e);
                        }
                      }
                    }
                  }
                });
        t.start();
        writers.add(t);
      }
      // progress is counted, not timed: each phase lasts until the writers have done something
      Database.await("writes before the outage", () -> succeeded.get() >= 5);
      int beforeOutage = succeeded.get();
      server.stop();
      Database.await("writes failing during the outage", () -> failed.get() >= 2);
      int failedDuringOutage = failed.get();
      server.start();
      int afterRestart = succeeded.get();
      Database.await("writes after the restart", () -> succeeded.get() >= afterRestart + 5);
      stop.set(true);
      for (Thread t : writers) {
        t.join(Database.HANG_GUARD.toMillis()); // a hang guard
      }
      assertEquals(List.of(), untyped, "every failure is typed");
      assertTrue(beforeOutage > 0, "writes succeeded before the outage");
      assertTrue(failedDuringOutage > 0, "writes failed, typed, during the outage");
      assertTrue(succeeded.get() > afterRestart, "writes succeed again after the restart");
      assertTrue(assertWholeOrAbsent(store) > 0, "whole organizations are stored");
    }
  }
}
