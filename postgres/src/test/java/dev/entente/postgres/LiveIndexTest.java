package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live index against a real PostgreSQL: what another instance writes arrives, with or without
 * notifications, and the faults a long-lived replica meets leave it equal to the database
 * (R-IDX-1).
 */
@DisplayName("LiveIndex keeps up with the database through faults (R-IDX-1, R-IDX-2)")
@Timeout(120)
class LiveIndexTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static PostgresOrganizationStore store(String schema) {
    PostgresSchema s = PostgresSchema.named(schema);
    s.migrateIn(DATABASE);
    return PostgresOrganizationStore.of(DATABASE, s);
  }

  /** Generated organizations at version 1 with distinct ids and keys. */
  static List<ConnectedOrganization> organizations(long seed, int count) {
    return EntenteGenerators.organizations(new SplittableRandom(seed), count).stream()
        .map(
            o ->
                o.toBuilder()
                    .version(dev.entente.model.Version.initial())
                    .modifiedAt(o.createdAt())
                    .modifiedBy(o.createdBy())
                    .build())
        .toList();
  }

  static List<ConnectedOrganization> all(PostgresOrganizationStore store) {
    List<ConnectedOrganization> out = new ArrayList<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
    for (Page<ConnectedOrganization> page = store.list(request); ; page = store.list(request)) {
      out.addAll(page.items());
      if (page.next().isEmpty()) {
        return out;
      }
      request = PageRequest.after(page.next().get(), PageRequest.MAX_SIZE);
    }
  }

  /** The index holds exactly the database's organizations, by id and by every key. */
  static void assertEqualsDatabase(LiveIndex live, PostgresOrganizationStore store) {
    List<ConnectedOrganization> database = all(store);
    assertEquals(database, live.all(), "the index against list()");
    for (ConnectedOrganization org : database) {
      for (IdentitySource source : org.identitySources()) {
        assertEquals(org, live.holderOf(source.key()), "holderOf(" + source.key() + ")");
      }
    }
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  @DisplayName("R-IDX-1: it starts with every organization the database holds, streamed")
  void itStartsWithEveryOrganization() {
    PostgresOrganizationStore store = store("loaded");
    store.createAll(organizations(1, 2_500));
    try (LiveIndex live = LiveIndex.start(store)) {
      assertEquals(2_500, live.size());
      assertEquals(
          store.lastSequence(), live.appliedSequence(), "loaded at the log's last sequence");
      assertEqualsDatabase(live, store);
    }
  }

  @Test
  @DisplayName("R-IDX-2: another instance's creates, updates and deletes arrive, woken by NOTIFY")
  void anotherInstancesWritesArrive() throws Exception {
    PostgresOrganizationStore store = store("two");
    PostgresOrganizationStore other = PostgresOrganizationStore.of(DATABASE, store.schema());
    try (LiveIndex live = LiveIndex.builder(store).pollInterval(Duration.ofHours(1)).start()) {
      List<ConnectedOrganization> orgs = organizations(2, 3);
      for (ConnectedOrganization org : orgs) {
        other.create(org);
      }
      ConnectedOrganization renamed =
          other.update(
              orgs.get(0).toBuilder()
                  .version(orgs.get(0).version().next())
                  .displayName("Renamed")
                  .build());
      other.delete(orgs.get(1).id(), orgs.get(1).version());
      // an hour between polls: only a notification can wake the index in time
      assertTrue(live.awaitSequence(other.lastSequence(), WAIT), "applied: " + live);
      assertEquals(renamed, live.byId(renamed.id()));
      assertNull(live.byId(orgs.get(1).id()), "the deleted organization is gone");
      assertNull(live.holderOf(orgs.get(1).identitySources().get(0).key()), "and its keys");
      assertEqualsDatabase(live, store);
      assertEquals(0, live.lag());
    }
  }

  @Test
  @DisplayName("R-IDX-1: with notifications off, polling alone brings every change")
  void pollingAloneBringsEveryChange() throws Exception {
    PostgresOrganizationStore store = store("polling");
    PostgresOrganizationStore other = PostgresOrganizationStore.of(DATABASE, store.schema());
    try (LiveIndex live =
        LiveIndex.builder(store).notifications(false).pollInterval(Duration.ofMillis(50)).start()) {
      other.createAll(organizations(3, 200));
      assertTrue(live.awaitLatest(WAIT), "applied: " + live);
      assertEqualsDatabase(live, store);
    }
  }

  @Test
  @DisplayName(
      "R-IDX-1: a change blocked on the counter is not applied before it commits, and is after")
  void anUncommittedChangeIsNeverApplied() throws Exception {
    PostgresOrganizationStore store = store("uncommitted");
    ConnectedOrganization late = organizations(4, 1).get(0);
    try (LiveIndex live = LiveIndex.builder(store).pollInterval(Duration.ofMillis(20)).start();
        Connection holder = DATABASE.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate("UPDATE \"uncommitted\".change_counter SET value = value");
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<ConnectedOrganization> write = pool.submit(() -> store.create(late));
        Thread.sleep(300); // the create has written its rows and waits on the counter
        assertNull(live.byId(late.id()), "not applied while uncommitted");
        assertEquals(0, live.appliedSequence());
        holder.rollback();
        write.get(20, TimeUnit.SECONDS);
        assertTrue(live.awaitLatest(WAIT));
        assertEquals(late, live.byId(late.id()), "applied once committed");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("R-IDX-1: the listening connection terminated: it reconnects and catches up")
  void aTerminatedListenerReconnectsAndCatchesUp() throws Exception {
    PostgresOrganizationStore store = store("terminated_listener");
    try (LiveIndex live = LiveIndex.builder(store).pollInterval(Duration.ofHours(1)).start()) {
      awaitListening(1);
      execute(
          DATABASE,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE query = 'LISTEN \"changes_terminated_listener\"'");
      PostgresOrganizationStore.of(DATABASE, store.schema()).createAll(organizations(5, 50));
      assertTrue(live.awaitLatest(WAIT), "caught up after reconnecting: " + live);
      assertEqualsDatabase(live, store);
      awaitListening(1);
    }
  }

  private static void awaitListening(int count) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Connection c = DATABASE.getConnection();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity"
                      + " WHERE query = 'LISTEN \"changes_terminated_listener\"'")) {
        r.next();
        if (r.getInt(1) == count) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no listening connection");
  }

  @Test
  @DisplayName("R-IDX-1: a log pruned past the index's sequence makes it reload")
  void aLogPrunedPastTheIndexMakesItReload() {
    PostgresOrganizationStore store = store("pruned");
    List<ConnectedOrganization> orgs = organizations(6, 50);
    store.createAll(orgs.subList(0, 20));
    LiveIndex live = LiveIndex.builder(store).pollInterval(Duration.ofHours(1)).start();
    live.close(); // the thread stops; the index falls behind
    PostgresOrganizationStore other = PostgresOrganizationStore.of(DATABASE, store.schema());
    List<ConnectedOrganization> more = orgs.subList(20, 50);
    other.createAll(more);
    other.delete(more.get(0).id(), more.get(0).version());
    other.pruneChangesThrough(other.lastSequence() - 1);
    live.catchUp();
    assertEquals(other.lastSequence(), live.appliedSequence());
    assertEqualsDatabase(live, store);
  }

  @Test
  @DisplayName("a poll interval outside 10 ms to 1 hour is refused naming the field")
  void aBadPollIntervalIsRefused() {
    PostgresOrganizationStore store = store("bad_interval");
    assertEquals(
        "pollInterval",
        assertThrows(
                ValidationException.class,
                () -> LiveIndex.builder(store).pollInterval(Duration.ofMillis(1)))
            .field());
  }

  @Test
  @DisplayName(
      "R-IDX-1: the server restarted: writes fail typed meanwhile, and the index catches up after")
  @Timeout(180)
  void aServerRestartIsCaughtUp() throws Exception {
    File data = Files.createTempDirectory("entente-live-restart").toFile();
    EmbeddedPostgres server =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    int port = server.getPort();
    HikariConfig config = new HikariConfig();
    config.setDataSource(server.getPostgresDatabase());
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(500);
    config.setInitializationFailTimeout(-1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      PostgresSchema schema = PostgresSchema.named("restart");
      schema.migrateIn(pool);
      PostgresOrganizationStore store = PostgresOrganizationStore.of(pool, schema);
      List<ConnectedOrganization> orgs = organizations(8, 15);
      store.createAll(orgs.subList(0, 10));
      try (LiveIndex live = LiveIndex.builder(store).pollInterval(Duration.ofMillis(100)).start()) {
        server.close();
        List<ConnectedOrganization> more = orgs.subList(10, 15);
        assertThrows(PortFailureException.class, () -> store.create(more.get(0)));
        server =
            EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        for (ConnectedOrganization org : more.subList(1, 5)) {
          awaitUp(() -> store.create(org));
        }
        assertTrue(live.awaitLatest(WAIT), "caught up: " + live);
        assertEqualsDatabase(live, store);
      }
    } finally {
      server.close();
      try (Stream<Path> files = Files.walk(data.toPath())) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Runs a write until the database is back, a few seconds at most. */
  private static void awaitUp(Runnable write) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        write.run();
        return;
      } catch (PortFailureException e) {
        if (attempt == 40) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
