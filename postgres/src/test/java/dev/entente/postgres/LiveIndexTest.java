package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
@Timeout(value = Database.HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard
class LiveIndexTest {
  private static final DataSource DATABASE = Database.fresh();

  /**
   * A hang guard, not a limit: freshness is awaited for minutes before the test calls it a hang.
   */
  private static final Duration WAIT = Database.HANG_GUARD;

  private static PostgresOrganizationStore store(String schema) {
    PostgresSchema s = PostgresSchema.named(schema);
    s.migrateIn(DATABASE);
    return PostgresOrganizationStore.of(DATABASE, s);
  }

  static List<ConnectedOrganization> organizations(long seed, int count) {
    return EntenteGenerators.newOrganizations(new SplittableRandom(seed), count);
  }

  static List<ConnectedOrganization> all(PostgresOrganizationStore store) {
    return Pages.all(store, PageRequest.MAX_SIZE);
  }

  /** The index holds exactly the database's organizations, by id and by every key. */
  static void assertEqualsDatabase(LiveIndex live, PostgresOrganizationStore store) {
    List<ConnectedOrganization> database = all(store);
    assertEquals(database.size(), live.size(), "the index's size against list()");
    for (ConnectedOrganization org : database) {
      assertEquals(org, live.byId(org.id()), "byId(" + org.id() + ")");
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
    try (LiveIndex live = LiveIndex.start(PostgresChangeFeed.of(store))) {
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
    try (LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start()) {
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
        LiveIndex.builder(PostgresChangeFeed.of(store).withNotifications(false))
            .pollInterval(Duration.ofMillis(50))
            .start()) {
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
    try (LiveIndex live =
            LiveIndex.builder(PostgresChangeFeed.of(store))
                .pollInterval(Duration.ofMillis(20))
                .start();
        Connection holder = DATABASE.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate(Database.holdCounter("uncommitted"));
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<ConnectedOrganization> write = pool.submit(() -> store.create(late));
        Thread.sleep(300); // the create has written its rows and waits on the counter
        assertNull(live.byId(late.id()), "not applied while uncommitted");
        assertEquals(0, live.appliedSequence());
        holder.rollback();
        write.get(Database.HANG_GUARD_MINUTES, TimeUnit.MINUTES); // a hang guard
        assertTrue(live.awaitLatest(WAIT));
        assertEquals(late, live.byId(late.id()), "applied once committed");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName(
      "regression: awaiting a sequence takes any duration, the longest one included, and a zero or"
          + " negative one only looks (R-IDX-2)")
  void awaitingASequenceTakesAnyDuration() throws Exception {
    PostgresOrganizationStore store = store("await_any");
    store.createAll(organizations(12, 3));
    try (LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start()) {
      long applied = live.appliedSequence();
      assertEquals(3, applied, "loaded with the three creates");
      assertTrue(live.awaitSequence(applied, Duration.ofSeconds(Long.MAX_VALUE)), "no overflow");
      assertTrue(live.awaitSequence(applied, Duration.ofSeconds(-1)), "already applied");
      assertTrue(!live.awaitSequence(applied + 1, Duration.ZERO), "not applied: looks only");
      assertTrue(!live.awaitSequence(applied + 1, Duration.ofSeconds(Long.MIN_VALUE)), "likewise");
    }
  }

  @Test
  @DisplayName(
      "regression: on a pool with autocommit off the index loads, listens in autocommit and"
          + " catches up with another writer (R-IDX-1, R-LOG-3)")
  void onAPoolWithAutoCommitOffTheIndexListensInAutocommitAndCatchesUp() throws Exception {
    PostgresOrganizationStore plain = store("autocommit_off");
    plain.createAll(organizations(13, 5));
    try (com.zaxxer.hikari.HikariDataSource pool =
            Database.pool(DATABASE, c -> c.setAutoCommit(false));
        LiveIndex live =
            LiveIndex.builder(
                    PostgresChangeFeed.of(PostgresOrganizationStore.of(pool, plain.schema())))
                .pollInterval(Duration.ofHours(1))
                .start()) {
      assertEquals(5, live.size(), "loaded through the pool");
      // listening, committed: not "idle in transaction", where a LISTEN never takes effect
      String listener =
          " FROM pg_stat_activity WHERE query = 'LISTEN \"changes_autocommit_off\"'"
              + " AND state <> 'active'";
      Database.await(
          "the LISTEN to run", () -> Database.count(DATABASE, "SELECT count(*)" + listener) == 1);
      assertEquals(
          1,
          Database.count(DATABASE, "SELECT count(*)" + listener + " AND state = 'idle'"),
          "the listening connection is idle, its LISTEN committed");
      List<ConnectedOrganization> more = organizations(14, 3);
      plain.createAll(more); // another instance's write: only a notification tells this index
      assertTrue(live.awaitLatest(WAIT), "hang guard: notified and caught up: " + live);
      assertEquals(more.get(0), live.byId(more.get(0).id()));
      assertEqualsDatabase(live, plain);
    }
  }

  @Test
  @DisplayName("R-IDX-1: the listening connection terminated: it reconnects and catches up")
  void aTerminatedListenerReconnectsAndCatchesUp() throws Exception {
    PostgresOrganizationStore store = store("terminated_listener");
    try (LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start()) {
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
    Database.await(
        count + " listening connection(s)",
        () ->
            Database.count(
                    DATABASE,
                    "SELECT count(*) FROM pg_stat_activity"
                        + " WHERE query = 'LISTEN \"changes_terminated_listener\"'")
                == count);
  }

  @Test
  @DisplayName("R-IDX-1: a log pruned past the index's sequence makes it reload")
  void aLogPrunedPastTheIndexMakesItReload() {
    PostgresOrganizationStore store = store("pruned");
    List<ConnectedOrganization> orgs = organizations(6, 50);
    store.createAll(orgs.subList(0, 20));
    LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start();
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
  @DisplayName(
      "regression: a log pruned empty past the index makes it reload, with no later write to show"
          + " the gap (R-IDX-1)")
  void aLogPrunedEmptyPastTheIndexMakesItReload() {
    PostgresOrganizationStore store = store("pruned_empty");
    List<ConnectedOrganization> orgs = organizations(15, 30);
    store.createAll(orgs.subList(0, 10));
    LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start();
    live.close(); // the thread stops; the index falls behind
    PostgresOrganizationStore other = PostgresOrganizationStore.of(DATABASE, store.schema());
    other.createAll(orgs.subList(10, 30));
    other.pruneChangesThrough(other.lastSequence()); // nothing left after the index's sequence
    live.catchUp();
    assertEquals(other.lastSequence(), live.appliedSequence(), "reloaded at the last sequence");
    assertEquals(0, live.lag());
    assertEqualsDatabase(live, store);
  }

  /** The database, until told to refuse every new connection after the next {@code n}. */
  static final class FlakyDataSource implements DataSource {
    private final DataSource real;
    private final java.util.concurrent.atomic.AtomicInteger allowed =
        new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);

    FlakyDataSource(DataSource real) {
      this.real = real;
    }

    void failAfter(int connections) {
      allowed.set(connections);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (allowed.getAndDecrement() <= 0) {
        throw new java.sql.SQLTransientConnectionException("injected: the database is gone");
      }
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public java.io.PrintWriter getLogWriter() throws SQLException {
      return real.getLogWriter();
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) throws SQLException {
      real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return real.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getLogger("flaky");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return real.isWrapperFor(type);
    }
  }

  @Test
  @DisplayName(
      "R-IDX-2: the database lost right after a committed write: the write stands and is read back here")
  void aWriteWhoseCatchUpFailsStandsAndIsReadBack() throws Exception {
    PostgresSchema schema = PostgresSchema.named("flaky");
    schema.migrateIn(DATABASE);
    FlakyDataSource flaky = new FlakyDataSource(DATABASE);
    PostgresOrganizationStore store = PostgresOrganizationStore.of(flaky, schema);
    List<ConnectedOrganization> orgs = organizations(10, 2);
    try (LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store).withNotifications(false))
            .pollInterval(Duration.ofHours(1))
            .start()) {
      Thread.sleep(200); // the thread's first look, at start, is over; the next is in an hour
      flaky.failAfter(1); // the create's own connection, then nothing
      assertEquals(orgs.get(0), live.store().create(orgs.get(0)), "the committed create returns");
      assertEquals(orgs.get(0), live.byId(orgs.get(0).id()), "and this instance reads it");
      flaky.failAfter(Integer.MAX_VALUE);
      live.store().create(orgs.get(1));
      live.catchUp(); // what the thread does at its next look
      assertEquals(0, live.lag(), "caught up once the database is back: " + live);
      assertEqualsDatabase(live, PostgresOrganizationStore.of(DATABASE, schema));
    }
  }

  @Test
  @DisplayName(
      "R-IDX-1: an organization read at its newest version in one batch and again in the next keeps its keys")
  void anOrganizationReadTwiceUnchangedKeepsItsKeys() {
    PostgresOrganizationStore store = store("twice");
    LiveIndex live =
        LiveIndex.builder(PostgresChangeFeed.of(store)).pollInterval(Duration.ofHours(1)).start();
    live.close(); // applied by hand below, in batches of 1,000 records
    List<ConnectedOrganization> orgs = organizations(11, 999);
    store.createAll(orgs.subList(0, 998)); // records 1 to 998
    ConnectedOrganization a = store.create(orgs.get(998)); // 999
    ConnectedOrganization v2 =
        store.update(a.toBuilder().version(a.version().next()).displayName("A v2").build()); // 1000
    ConnectedOrganization v3 =
        store.update(v2.toBuilder().version(v2.version().next()).displayName("A v3").build());
    // the first batch, records 1 to 1,000, reads A at v3; the second, record 1,001, reads it again
    live.catchUp();
    assertEquals(v3, live.byId(a.id()));
    for (IdentitySource source : v3.identitySources()) {
      assertEquals(v3, live.holderOf(source.key()), "holderOf(" + source.key() + ")");
    }
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
                () ->
                    LiveIndex.builder(PostgresChangeFeed.of(store))
                        .pollInterval(Duration.ofMillis(1)))
            .field());
  }

  @Test
  @DisplayName(
      "R-IDX-1: the server restarted: writes fail typed meanwhile, and the index catches up after")
  void aServerRestartIsCaughtUp() throws Exception {
    try (Database.Restartable server = new Database.Restartable()) {
      PostgresSchema schema = PostgresSchema.named("restart");
      schema.migrateIn(server.pool);
      PostgresOrganizationStore store = PostgresOrganizationStore.of(server.pool, schema);
      List<ConnectedOrganization> orgs = organizations(8, 15);
      store.createAll(orgs.subList(0, 10));
      try (LiveIndex live =
          LiveIndex.builder(PostgresChangeFeed.of(store))
              .pollInterval(Duration.ofMillis(100))
              .start()) {
        server.stop();
        List<ConnectedOrganization> more = orgs.subList(10, 15);
        assertThrows(PortFailureException.class, () -> store.create(more.get(0)));
        server.start();
        for (ConnectedOrganization org : more.subList(1, 5)) {
          awaitUp(() -> store.create(org));
        }
        assertTrue(live.awaitLatest(WAIT), "caught up: " + live);
        assertEqualsDatabase(live, store);
      }
    }
  }

  /** Runs a write until the database is back; only a hang (minutes) fails it. */
  private static void awaitUp(Runnable write) throws Exception {
    Database.await(
        "the database to take writes again",
        () -> {
          try {
            write.run();
            return true;
          } catch (PortFailureException e) {
            return false;
          }
        });
  }
}
