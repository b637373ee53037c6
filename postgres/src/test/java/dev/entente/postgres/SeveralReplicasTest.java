package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three live indexes on one real PostgreSQL, each on a pool of its own, through the faults a
 * long-lived replica meets: its connections killed by the server, the log pruned past it, a table
 * locked under it (R-IDX-1, R-IDX-2).
 */
@DisplayName("Three live indexes on one PostgreSQL, through killed connections and prunes")
@Timeout(value = Database.HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard
class SeveralReplicasTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private static PostgresSchema schema(String prefix) {
    PostgresSchema schema = PostgresSchema.named(prefix + "_" + SCHEMAS.incrementAndGet());
    schema.migrateIn(DATABASE);
    return schema;
  }

  /** A pool whose connections say {@code name}, so that the test can kill them all. */
  private static HikariDataSource pool(String name) {
    return Database.pool(
        DATABASE, c -> c.setConnectionInitSql("SET application_name = '" + name + "'"));
  }

  private static int kill(String name) throws SQLException {
    return Database.count(
        DATABASE,
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = '"
            + name
            + "'");
  }

  /** The index holds exactly the database's organizations, by id and by every key. */
  private static void assertEqualsDatabase(
      String which, LiveIndex live, PostgresOrganizationStore store) {
    List<ConnectedOrganization> database = Pages.all(store, PageRequest.MAX_SIZE);
    assertEquals(database.size(), live.size(), which + ": the count");
    for (ConnectedOrganization org : database) {
      assertEquals(org, live.byId(org.id()), which + ": byId(" + org.id() + ")");
      for (IdentitySource source : org.identitySources()) {
        assertEquals(org, live.holderOf(source.key()), which + ": holderOf(" + source.key() + ")");
      }
    }
  }

  @Test
  @DisplayName(
      "R-IDX-1: random writes through three indexes — deletes and re-creates of the same ids"
          + " included — with their connections killed and the log pruned at random: after every"
          + " step, each index that has applied the last sequence equals the database")
  void threeIndexesThroughKillsAndPrunesEqualTheDatabase() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      threeIndexes(seed);
    }
  }

  private static void threeIndexes(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    PostgresSchema schema = schema("replicas");
    PostgresOrganizationStore direct = PostgresOrganizationStore.of(DATABASE, schema);
    List<ConnectedOrganization> orgs = EntenteGenerators.newOrganizations(random, 6);
    List<HikariDataSource> pools = new ArrayList<>();
    List<LiveIndex> indexes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        HikariDataSource pool = pool("replica_" + seed + "_" + i);
        pools.add(pool);
        PostgresChangeFeed feed = PostgresChangeFeed.of(PostgresOrganizationStore.of(pool, schema));
        indexes.add(
            LiveIndex.builder(feed.withNotifications(i != 2)) // the third polls only
                .pollInterval(Duration.ofMillis(100))
                .start());
      }
      for (int step = 0; step < 40; step++) {
        int i = random.nextInt(3);
        LiveIndex index = indexes.get(i);
        switch (random.nextInt(6)) {
          case 0, 1, 2 -> {
            ConnectedOrganization base = orgs.get(random.nextInt(orgs.size()));
            ConnectedOrganization current = direct.get(base.id()).orElse(null);
            try {
              if (current == null) {
                index
                    .store()
                    .create(base); // a re-create keeps the id and starts at version 1 again
              } else if (random.nextBoolean()) {
                index.store().delete(current.id(), current.version());
              } else {
                index
                    .store()
                    .update(
                        current.toBuilder()
                            .version(current.version().next())
                            .modifiedAt(current.modifiedAt().plusSeconds(1))
                            .displayName("step " + step)
                            .identitySources(
                                orgs.get(random.nextInt(orgs.size())).identitySources())
                            .build());
              }
              ConnectedOrganization now = direct.get(base.id()).orElse(null);
              assertEquals(now, index.byId(base.id()), "read your writes (R-IDX-2)");
            } catch (EntenteException e) {
              // a key held, or the connection killed under the write
            }
          }
          case 3, 4 -> kill("replica_" + seed + "_" + i);
          default -> direct.pruneChangesThrough(random.nextLong(direct.lastSequence() + 1));
        }
        long last = direct.lastSequence();
        for (int k = 0; k < 3; k++) {
          assertTrue(
              indexes.get(k).awaitSequence(last, Database.HANG_GUARD),
              "hang guard: index " + k + " applies " + last + ": " + indexes.get(k));
          assertEqualsDatabase(
              "seed " + seed + ", step " + step + ", index " + k, indexes.get(k), direct);
        }
      }
    } finally {
      indexes.forEach(LiveIndex::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  @Test
  @DisplayName(
      "regression: every connection of an index's pool killed by the server, it catches up with"
          + " another instance's write by itself, without a write of its own (R-IDX-2)")
  void everyConnectionKilledItCatchesUpByItself() throws Exception {
    PostgresSchema schema = schema("killed");
    PostgresOrganizationStore other = PostgresOrganizationStore.of(DATABASE, schema);
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(20), 4);
    try (HikariDataSource pool = pool("killed_all");
        LiveIndex live =
            LiveIndex.builder(PostgresChangeFeed.of(PostgresOrganizationStore.of(pool, schema)))
                .pollInterval(Duration.ofMillis(200))
                .start()) {
      for (ConnectedOrganization org : orgs.subList(0, 2)) {
        live.store().create(org);
      }
      assertTrue(live.awaitSequence(other.lastSequence(), Database.HANG_GUARD));
      assertTrue(kill("killed_all") > 0, "connections killed");
      for (ConnectedOrganization org : orgs.subList(2, 4)) {
        other.create(org);
      }
      assertTrue(
          live.awaitSequence(other.lastSequence(), Database.HANG_GUARD),
          "hang guard: caught up after its connections died: " + live);
      assertEqualsDatabase("after the kill", live, other);
    }
  }

  @Test
  @DisplayName(
      "regression: close() returns while a look waits behind a migration's lock on the change"
          + " log, and the thread stops within the store's timeout, the lock still held")
  void closeIsBoundedBehindATableLock() throws Exception {
    PostgresSchema schema = schema("locked");
    PostgresOrganizationStore store =
        PostgresOrganizationStore.of(DATABASE, schema).withWriteTimeout(Duration.ofSeconds(1));
    LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store).withNotifications(false))
            .pollInterval(Duration.ofMillis(20))
            .start();
    try (Connection migration = DATABASE.getConnection()) {
      migration.setAutoCommit(false);
      try (Statement s = migration.createStatement()) {
        s.execute("LOCK TABLE " + schema.quoted() + ".change_log IN ACCESS EXCLUSIVE MODE");
      }
      Database.await(
          "the index's look to wait on the lock",
          () ->
              Database.count(
                      DATABASE,
                      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND query LIKE '%"
                          + schema.name()
                          + "\".change_log%'")
                  > 0);
      live.close(); // returns: it does not wait for the look
      Database.await("the thread to stop, the lock still held", live::stopped);
      assertFalse(migration.isClosed(), "the lock was held throughout");
      migration.rollback();
    }
  }

  @Test
  @DisplayName(
      "regression: a snapshot whose connection dies mid-stream fails typed once its building tasks"
          + " are done, and never hangs")
  void aSnapshotWhoseConnectionDiesFailsTyped() throws Exception {
    PostgresSchema schema = schema("snapshot_killed");
    PostgresOrganizationStore.of(DATABASE, schema)
        .createAll(EntenteGenerators.newOrganizations(new SplittableRandom(30), 20_000));
    try (HikariDataSource pool = pool("snapshot_killed")) {
      PostgresChangeFeed feed =
          PostgresChangeFeed.of(PostgresOrganizationStore.of(pool, schema))
              .withNotifications(false);
      java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
      AtomicInteger handed = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean first =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      // The first organization handed over kills the reading connection; every building task waits
      // for that, so the reader, at most eight batches ahead, cannot finish 20,000 rows before it.
      PortFailureException failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              PortFailureException.class,
              () ->
                  feed.snapshot(
                      org -> {
                        try {
                          if (first.getAndSet(false)) {
                            kill("snapshot_killed");
                            killed.countDown();
                          }
                          killed.await(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES);
                        } catch (SQLException | InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                        handed.incrementAndGet();
                      }));
      assertTrue(handed.get() < 20_000, "stopped part-way: " + handed.get() + " handed over");
      assertTrue(failure.getCause() instanceof SQLException, failure.toString());
    }
  }
}
