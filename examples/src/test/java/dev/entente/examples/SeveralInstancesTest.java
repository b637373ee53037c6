package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.errors.EntenteException;
import dev.entente.live.LiveIndex;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-based: two Entente instances on one PostgreSQL, each with its own pool and live index (one
 * woken by notifications, one polling only), random writes on both, random faults; at the end both
 * indexes equal the database, and every decision on either instance equals the decision over a
 * fresh snapshot of the database (R-IDX-1, R-IDX-2).
 */
@DisplayName("Two instances on one database converge, through faults, and decide alike (R-IDX-1)")
class SeveralInstancesTest {
  private static final Logger LOG = LoggerFactory.getLogger(SeveralInstancesTest.class);

  /** How long a step may take before the test calls it a hang: minutes, never a limit. */
  private static final long HANG_GUARD_MINUTES = 10;

  private static final Duration HANG_GUARD = Duration.ofMinutes(HANG_GUARD_MINUTES);

  private static final EmbeddedPostgres SERVER;
  private static final HikariDataSource POOL_A;
  private static final HikariDataSource POOL_B;
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  static {
    try {
      SERVER = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    POOL_A = pool();
    POOL_B = pool();
  }

  private static HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(SERVER.getPostgresDatabase());
    config.setMaximumPoolSize(6);
    return new HikariDataSource(config);
  }

  @AfterAll
  static void stop() throws IOException {
    POOL_A.close();
    POOL_B.close();
    SERVER.close();
  }

  private static void execute(String sql) {
    try (Connection c = SERVER.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One write of a random kind on a random instance; refusals of racing writes are expected. */
  private static void write(
      SplittableRandom random, LiveIndex live, List<ConnectedOrganization> pool) {
    ConnectedOrganization candidate = pool.get(random.nextInt(pool.size()));
    try {
      ConnectedOrganization current = live.store().get(candidate.id()).orElse(null);
      if (current == null) {
        live.store().create(candidate);
      } else if (random.nextBoolean()) {
        live.store()
            .update(
                current.toBuilder()
                    .version(current.version().next())
                    .displayName(current.displayName() + " v" + current.version().next())
                    .identitySources(
                        random.nextInt(3) == 0
                            ? pool.get(random.nextInt(pool.size())).identitySources()
                            : current.identitySources())
                    .build());
      } else {
        live.store().delete(current.id(), current.version());
      }
    } catch (EntenteException refused) {
      // a key the other instance holds, a version it moved on: the store refused, nothing changed
    }
  }

  /** One fault: listeners terminated, or the counter held by a long transaction for a while. */
  private static void fault(SplittableRandom random, String schema, ExecutorService pool)
      throws Exception {
    if (random.nextBoolean()) {
      LOG.info(
          "Injected fault: the instances' listening connections are terminated; the WARN \"Live"
              + " index lost the store's signal\" that follows is expected, and the test checks"
              + " the instances catch up by polling");
      execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
      return;
    }
    try (Connection holder = SERVER.getPostgresDatabase().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate(
            "INSERT INTO \""
                + schema
                + "\".directory_counter AS k VALUES ('default', 1) ON CONFLICT (host_directory)"
                + " DO UPDATE SET value = k.value");
      }
      Thread.sleep(50 + random.nextInt(100));
      holder.rollback();
    }
  }

  private static void assertSame(String decision, AccessDecision a, AccessDecision expected) {
    assertEquals(expected.eligible(), a.eligible(), decision + ": eligible");
    assertEquals(expected.membership(), a.membership(), decision + ": membership");
    assertEquals(expected.codes(), a.codes(), decision + ": reasons");
    assertEquals(expected.proposal(), a.proposal(), decision + ": proposal");
    assertEquals(expected.explanation(), a.explanation(), decision + ": explanation");
  }

  @Test
  @DisplayName(
      "for all random writes on two instances with faults: both indexes equal list() and decide as a fresh snapshot")
  @Timeout(value = HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void twoInstancesConvergeAndDecideAsTheDatabase() {
    qt().withExamples(12)
        .withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                run(seed);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  private static void run(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    PostgresSchema schema = PostgresSchema.named("several_" + SCHEMAS.incrementAndGet());
    schema.migrateIn(POOL_A);
    List<ConnectedOrganization> pool = EntenteGenerators.newOrganizations(random, 40);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (LiveIndex a =
            LiveIndex.builder(PostgresChangeFeed.of(PostgresOrganizationStore.of(POOL_A, schema)))
                .pollInterval(Duration.ofSeconds(2))
                .start();
        LiveIndex b =
            LiveIndex.builder(
                    PostgresChangeFeed.of(PostgresOrganizationStore.of(POOL_B, schema))
                        .withNotifications(false))
                .pollInterval(Duration.ofMillis(30))
                .start()) {
      Entente instanceA = Entente.builder().replica(a).build();
      Entente instanceB = Entente.builder().replica(b).build();
      for (int step = 0; step < 60; step++) {
        if (random.nextInt(10) == 0) {
          fault(random, schema.name(), threads);
        }
        // both instances write at once
        long left = random.nextLong();
        long right = random.nextLong();
        Future<?> onA = threads.submit(() -> write(new SplittableRandom(left), a, pool));
        Future<?> onB = threads.submit(() -> write(new SplittableRandom(right), b, pool));
        onA.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        onB.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
      }
      PostgresOrganizationStore database = PostgresOrganizationStore.of(POOL_A, schema);
      assertTrue(a.awaitLatest(HANG_GUARD), "hang guard: A caught up: " + a);
      assertTrue(b.awaitLatest(HANG_GUARD), "hang guard: B caught up: " + b);
      List<ConnectedOrganization> truth = Pages.all(database, PageRequest.MAX_SIZE);
      for (LiveIndex live : List.of(a, b)) {
        assertEquals(truth.size(), live.size(), live + " holds as many as the database");
        for (ConnectedOrganization org : truth) {
          assertEquals(org, live.byId(org.id()), live + ": byId");
          for (IdentitySource source : org.identitySources()) {
            assertEquals(org, live.holderOf(source.key()), live + ": holderOf " + source.key());
          }
        }
      }
      AccessRequestMatcher fresh = AccessRequestMatcher.of(OrganizationSnapshot.of(truth));
      for (int i = 0; i < 50; i++) {
        Requestor requestor = EntenteGenerators.requestor(random, truth);
        Policy policy = EntenteGenerators.policy(random, truth);
        AccessDecision expected = fresh.evaluate(requestor, policy);
        assertSame(requestor + " on A", instanceA.matcher().evaluate(requestor, policy), expected);
        assertSame(requestor + " on B", instanceB.matcher().evaluate(requestor, policy), expected);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
