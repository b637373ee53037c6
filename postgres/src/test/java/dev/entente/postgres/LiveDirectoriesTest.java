package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.PortFailureException;
import dev.entente.live.LiveDirectories;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.testkit.EntenteGenerators;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveDirectories on PostgreSQL: one listening connection, many directories (R-DIR-3)")
class LiveDirectoriesTest {
  private static final DataSource DATABASE = Database.fresh();

  private static PostgresOrganizationStore store(String schema) {
    PostgresSchema s = PostgresSchema.named(schema);
    s.migrateIn(DATABASE);
    return PostgresOrganizationStore.of(DATABASE, s);
  }

  private static long listening() throws SQLException {
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                    + " AND datname = current_database()")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  @DisplayName(
      "R-DIR-3: the worst lag and awaitLatest over more loaded directories than one look takes"
          + " (1,001): asked in looks of 1,000, the lag of a directory in the second look counted")
  void theWorstLagCoversEveryLoadedDirectory() throws Exception {
    PostgresOrganizationStore root = store("worst_lag");
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(5), 2);
    try (LiveDirectories live =
        LiveDirectories.builder(PostgresChangeFeeds.of(root).withNotifications(false))
            .pollInterval(Duration.ofHours(1)) // no signal, no poll: the lag stays
            .start()) {
      List<HostDirectory> directories = new java.util.ArrayList<>();
      for (int i = 0; i < 1_001; i++) {
        HostDirectory d = HostDirectory.of(String.format("w%04d", i));
        directories.add(d);
        assertTrue(live.awaitSequence(d, 0, Database.HANG_GUARD), "hang guard: " + d + " loads");
      }
      assertEquals(1_001, live.loadedDirectories().size());
      assertEquals(0, live.worstLag());

      HostDirectory last = directories.get(1_000); // in the second look, by any order
      root.inDirectory(last).create(orgs.get(0));
      root.inDirectory(last).create(orgs.get(1));
      assertEquals(2, live.worstLag(), "the second look's directory is two behind");
      live.catchUp(last); // no signal and no poll here: the host says a write happened
      assertTrue(live.awaitLatest(last, Database.HANG_GUARD), "caught up to the latest");
      assertEquals(0, live.worstLag());
    }
  }

  @Test
  @DisplayName(
      "R-DIR-3, R-DIR-1: two instances, five directories each, one listening connection each; a"
          + " write in one directory reaches the other instance there and nowhere else, through a"
          + " killed connection")
  void twoInstancesFollowManyDirectoriesOverOneConnectionEach() throws Exception {
    PostgresOrganizationStore root = store("many_live");
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(3), 6);
    List<HostDirectory> directories =
        List.of(
            HostDirectory.of("d1"),
            HostDirectory.of("d2"),
            HostDirectory.of("d3"),
            HostDirectory.of("d4"),
            HostDirectory.of("d5"));
    for (HostDirectory d : directories) {
      root.inDirectory(d).create(orgs.get(0)); // the same organization in every directory
    }
    try (LiveDirectories a =
            LiveDirectories.builder(PostgresChangeFeeds.of(root))
                .pollInterval(Duration.ofSeconds(30)) // notifications, not polls, carry changes
                .start();
        LiveDirectories b =
            LiveDirectories.builder(PostgresChangeFeeds.of(root))
                .pollInterval(Duration.ofSeconds(30))
                .start()) {
      for (HostDirectory d : directories) {
        assertEquals(orgs.get(0), a.index(d).byId(orgs.get(0).id()));
        assertEquals(orgs.get(0), b.index(d).byId(orgs.get(0).id()));
      }
      assertEquals(Set.copyOf(directories), b.loadedDirectories());
      Database.await("both instances listen", () -> listening() == 2);

      HostDirectory d3 = directories.get(2);
      a.store(d3).create(orgs.get(1));
      assertEquals(orgs.get(1), a.index(d3).byId(orgs.get(1).id()), "A reads its own write");
      assertTrue(b.awaitSequence(d3, 2, Database.HANG_GUARD), "hang guard: B never caught up");
      assertEquals(orgs.get(1), b.index(d3).byId(orgs.get(1).id()), "B has it in d3");
      for (HostDirectory d : directories) {
        if (!d.equals(d3)) {
          assertNull(b.index(d).byId(orgs.get(1).id()), "and nowhere else: " + d);
          assertEquals(1, b.appliedSequence(d), d + " keeps its own sequence");
        }
      }

      try (Connection c = DATABASE.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                + " AND datname = current_database()");
      }
      HostDirectory d5 = directories.get(4);
      a.store(d5).create(orgs.get(2));
      assertTrue(b.awaitSequence(d5, 2, Database.HANG_GUARD), "hang guard: lost after the kill");
      assertEquals(orgs.get(2), b.index(d5).byId(orgs.get(2).id()));
      Database.await("both listen again", () -> listening() == 2);
      assertEquals(0, b.lag(d5));
    }
    assertEquals(0, listening(), "closed replicas return their listening connections");
  }

  @Test
  @DisplayName(
      "R-DIR-3: a cold directory whose load fails is a typed failure, and a later use loads it")
  void aFailingLoadIsTypedAndALaterUseLoads() throws Exception {
    PostgresOrganizationStore root = store("failing_load");
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(4), 1).get(0);
    HostDirectory d = HostDirectory.of("cold");
    root.inDirectory(d).create(org);
    LiveIndexTest.FlakyDataSource database = new LiveIndexTest.FlakyDataSource(DATABASE);
    PostgresOrganizationStore through =
        PostgresOrganizationStore.of(database, PostgresSchema.named("failing_load"));
    try (LiveDirectories live =
        LiveDirectories.builder(PostgresChangeFeeds.of(through).withNotifications(false))
            .loadTimeout(Duration.ofMinutes(1))
            .start()) {
      database.failAfter(0); // every new connection refused
      PortFailureException failed =
          assertThrows(PortFailureException.class, () -> live.index(d).byId(org.id()));
      assertTrue(failed.getMessage().contains("loadAll"), failed.getMessage());
      assertEquals(Set.of(), live.loadedDirectories(), "nothing half-loaded");
      database.failAfter(Integer.MAX_VALUE);
      assertEquals(org, live.index(d).byId(org.id()), "the next use loads it whole");
    }
  }
}
