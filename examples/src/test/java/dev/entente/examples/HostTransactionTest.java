package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.live.LiveIndex;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.observe.EntenteListener;
import dev.entente.postgres.HostTransactionException;
import dev.entente.postgres.JdbcTransactions;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.HostTransaction;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Entente's writes inside transactions a plain-JDBC host declares ({@link JdbcTransactions}), on a
 * real PostgreSQL, with two instances (two live replicas on pools of their own): a rolled-back
 * write leaves nothing anywhere, a committed one is everywhere, and every effect outside the
 * database waits for the host's commit (R-LOG-4, R-LOG-1, R-IDX-1, R-IDX-2).
 */
@DisplayName("Writes inside the host's transaction (R-LOG-4)")
@Timeout(value = HostTransactionTest.HANG_GUARD_MINUTES, unit = TimeUnit.MINUTES) // a hang guard
class HostTransactionTest {
  /** How long a step may take before the test calls it a hang: minutes, never a limit. */
  static final long HANG_GUARD_MINUTES = 10;

  private static final Duration HANG_GUARD = Duration.ofMinutes(HANG_GUARD_MINUTES);
  private static final EmbeddedPostgres SERVER;

  static {
    try {
      SERVER = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final DataSource DATABASE = SERVER.getPostgresDatabase();

  @AfterAll
  static void stop() throws IOException {
    SERVER.close();
  }

  private static HikariDataSource pool(Consumer<HikariConfig> settings) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(DATABASE);
    settings.accept(config);
    return new HikariDataSource(config);
  }

  private static int count(DataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("hang guard: still waiting after " + HANG_GUARD + " for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static int schemas;

  private final JdbcTransactions transactions = JdbcTransactions.create();
  private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
  private final List<Long> applied = new CopyOnWriteArrayList<>();
  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private PostgresOrganizationStore storeA;
  private LiveIndex liveA;
  private LiveIndex liveB;
  private Entente entente;

  @BeforeEach
  void twoInstances() throws SQLException {
    PostgresSchema schema = PostgresSchema.named("host_tx_" + ++schemas);
    schema.migrateIn(DATABASE);
    poolA = pool(c -> c.setMaximumPoolSize(4));
    poolB = pool(c -> c.setMaximumPoolSize(4));
    try (Connection c = poolA.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS public.customer (name text PRIMARY KEY)");
      s.execute("TRUNCATE public.customer");
    }
    storeA = PostgresOrganizationStore.of(poolA, schema).joining(transactions);
    liveA =
        LiveIndex.builder(PostgresChangeFeed.of(storeA))
            .listener(
                new EntenteListener() {
                  @Override
                  public void changeApplied(long sequence, Duration delay) {
                    applied.add(sequence);
                  }
                })
            .start();
    liveB = LiveIndex.start(PostgresChangeFeed.of(PostgresOrganizationStore.of(poolB, schema)));
    entente = Entente.builder().replica(liveA).auditSink(audited::add).build();
  }

  @AfterEach
  void close() {
    liveA.close();
    liveB.close();
    poolA.close();
    poolB.close();
  }

  private static OrganizationDraft draftOf(ConnectedOrganization org) {
    return OrganizationDraft.from(org).build();
  }

  private static void insertCustomer(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO public.customer VALUES ('" + name + "')");
    }
  }

  private int customers() throws SQLException {
    return count(poolA, "SELECT count(*) FROM public.customer");
  }

  private List<ConnectedOrganization> stored() {
    return Pages.all(PostgresOrganizationStore.of(poolB, storeA.schema()), PageRequest.MAX_SIZE);
  }

  /** The host's work failing after Entente's write: the host rolls back. */
  private static final class QuotaExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QuotaExceeded() {
      super("quota exceeded");
    }
  }

  @Test
  @DisplayName(
      "R-LOG-4: a write inside a host transaction that rolls back leaves no organization, no change"
          + " record, no audit event, nothing applied on either instance")
  void aRolledBackWriteLeavesNothing() throws Exception {
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(1), 1).get(0);
    assertThrows(
        QuotaExceeded.class,
        () ->
            transactions.inTransaction(
                poolA,
                c -> {
                  insertCustomer(c, "refused partner");
                  entente.organizations().create(draftOf(org), ADMIN);
                  assertTrue(audited.isEmpty(), "nothing is audited before the commit");
                  throw new QuotaExceeded();
                }));
    assertEquals(0, customers(), "the host's own row rolled back");
    assertEquals(List.of(), stored(), "and so did the organization");
    assertEquals(0, storeA.lastSequence(), "and its change record");
    assertEquals(List.of(), audited, "no audit event");
    assertEquals(List.of(), applied, "nothing applied");
    assertTrue(liveB.awaitLatest(HANG_GUARD));
    for (IdentitySource source : org.identitySources()) {
      assertNull(liveA.holderOf(source.key()), "instance A admits nobody by " + source.key());
      assertNull(liveB.holderOf(source.key()), "nor does instance B");
    }
  }

  @Test
  @DisplayName(
      "R-LOG-4, R-IDX-2: a committed write is audited once, after the commit, and this instance"
          + " decides with it as soon as the host has committed; the other within its bound")
  void aCommittedWriteIsEverywhereAfterTheCommit() throws Exception {
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(2), 1).get(0);
    ConnectedOrganization created =
        transactions.inTransaction(
            poolA,
            c -> {
              insertCustomer(c, "partner");
              ConnectedOrganization made = entente.organizations().create(draftOf(org), ADMIN);
              assertNull(liveA.byId(made.id()), "not decided with before the host's commit");
              assertEquals(
                  Optional.of(made),
                  entente.organizations().get(made.id()),
                  "but read inside the transaction, on its connection");
              assertTrue(audited.isEmpty(), "nor audited");
              return made;
            });
    assertEquals(created, liveA.byId(created.id()), "decided with once the host committed");
    assertEquals(1, audited.size(), "audited once");
    assertEquals(AuditEvent.Kind.CREATED, audited.get(0).kind());
    assertEquals(1, customers());
    assertEquals(List.of(created), stored());
    assertEquals(1, storeA.lastSequence(), "with its one change record (R-LOG-1)");
    assertTrue(liveB.awaitSequence(1, HANG_GUARD));
    assertEquals(created, liveB.byId(created.id()), "and the other instance decides with it");
  }

  @Test
  @DisplayName(
      "R-LOG-4: a refused write inside a host transaction (a key another organization holds) rolls"
          + " back to its savepoint: the host's transaction stays usable and commits its own work")
  void aRefusedWriteLeavesTheHostTransactionUsable() throws Exception {
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(3), 1).get(0);
    ConnectedOrganization holder = entente.organizations().create(draftOf(org), ADMIN);
    transactions.inTransaction(
        poolA,
        c -> {
          IdentitySourceConflictException taken =
              assertThrows(
                  IdentitySourceConflictException.class,
                  () ->
                      entente
                          .organizations()
                          .create(OrganizationDraft.from(org).displayName("Copy").build(), ADMIN));
          assertEquals(holder.id(), taken.holder());
          insertCustomer(c, "after the refusal");
          return null;
        });
    assertEquals(1, customers(), "the host's statement after the refusal committed");
    assertEquals(List.of(holder), stored());
    assertEquals(1, audited.size(), "only the first create was audited");
  }

  @Test
  @DisplayName(
      "R-LOG-4: inside a read-only host transaction, or one on another data source, a write is"
          + " refused typed before anything is written")
  void transactionsEntenteCannotTakePartInAreRefused() throws Exception {
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(4), 1).get(0);
    HostTransactionException readOnly =
        assertThrows(
            HostTransactionException.class,
            () ->
                transactions.inTransaction(
                    poolA,
                    c -> {
                      c.setReadOnly(true);
                      try {
                        return entente.organizations().create(draftOf(org), ADMIN);
                      } finally {
                        c.setReadOnly(false);
                      }
                    }));
    assertTrue(readOnly.getMessage().contains("read-only"), readOnly.getMessage());
    HostTransactionException elsewhere =
        assertThrows(
            HostTransactionException.class,
            () ->
                transactions.inTransaction(
                    poolB, c -> entente.organizations().create(draftOf(org), ADMIN)));
    assertTrue(elsewhere.getMessage().contains("DataSource"), elsewhere.getMessage());
    assertEquals(List.of(), stored());
    assertEquals(List.of(), audited);
  }

  @Test
  @DisplayName(
      "R-LOG-4: a pool of two, one connection held by the replica's signal: a write inside a host"
          + " transaction takes no second connection")
  void aPoolOfTwoIsEnough() throws Exception {
    try (HikariDataSource two =
            pool(
                c -> {
                  c.setMaximumPoolSize(2);
                  c.setConnectionTimeout(HANG_GUARD.toMillis()); // a hang guard
                });
        LiveIndex live =
            LiveIndex.start(
                PostgresChangeFeed.of(
                    PostgresOrganizationStore.of(two, storeA.schema()).joining(transactions)))) {
      await("the replica to listen", () -> two.getHikariPoolMXBean().getActiveConnections() == 1);
      Entente small = Entente.builder().replica(live).build();
      List<ConnectedOrganization> orgs =
          EntenteGenerators.newOrganizations(new SplittableRandom(5), 3);
      for (ConnectedOrganization org : orgs) {
        ConnectedOrganization made =
            transactions.inTransaction(
                two,
                c -> {
                  insertCustomer(c, org.id().toString());
                  ConnectedOrganization m = small.organizations().create(draftOf(org), ADMIN);
                  return small
                      .organizations()
                      .update(
                          m.id(),
                          m.version(),
                          OrganizationChanges.builder().description("onboarded").build(),
                          ADMIN);
                });
        assertEquals(made, live.byId(made.id()));
      }
      assertEquals(3, customers());
    }
  }

  @Test
  @DisplayName(
      "R-LOG-4, R-LOG-1: for all sequences of creates, updates and deletes in host transactions"
          + " that commit or roll back at random, the store, the change log, the audit events and"
          + " both replicas hold exactly the committed ones")
  void forAllCommitsAndRollbacksOnlyTheCommittedRemain() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      audited.clear();
      SplittableRandom random = new SplittableRandom(seed);
      Map<OrganizationId, ConnectedOrganization> model = new HashMap<>();
      for (ConnectedOrganization org : stored()) {
        model.put(org.id(), org);
      }
      int committedChanges = 0;
      for (int step = 0; step < 12; step++) {
        boolean commit = random.nextBoolean();
        List<ConnectedOrganization> existing = new ArrayList<>(model.values());
        ConnectedOrganization[] result = new ConnectedOrganization[1];
        boolean[] deleted = new boolean[1];
        int op = existing.isEmpty() ? 0 : random.nextInt(3);
        ConnectedOrganization target =
            existing.isEmpty() ? null : existing.get(random.nextInt(existing.size()));
        ConnectedOrganization fresh = EntenteGenerators.newOrganizations(random, 1).get(0);
        try {
          transactions.inTransaction(
              poolA,
              c -> {
                switch (op) {
                  case 0 -> result[0] = entente.organizations().create(draftOf(fresh), ADMIN);
                  case 1 ->
                      result[0] =
                          entente
                              .organizations()
                              .update(
                                  target.id(),
                                  target.version(),
                                  OrganizationChanges.builder()
                                      .displayName(target.displayName() + "+")
                                      .build(),
                                  ADMIN);
                  default -> {
                    entente.organizations().delete(target.id(), target.version(), ADMIN);
                    deleted[0] = true;
                  }
                }
                if (!commit) {
                  throw new QuotaExceeded();
                }
                return null;
              });
        } catch (QuotaExceeded expected) {
          // rolled back
        } catch (IdentitySourceConflictException refused) {
          continue; // a generated key another organization holds: refused, nothing changed
        }
        if (commit) {
          committedChanges++;
          if (deleted[0]) {
            model.remove(target.id());
          } else {
            assertNotNull(result[0]);
            model.put(result[0].id(), result[0]);
          }
        }
        assertEquals(committedChanges, audited.size(), "seed " + seed + ": one event a commit");
      }
      List<ConnectedOrganization> database = stored();
      assertEquals(model.size(), database.size(), "seed " + seed);
      for (ConnectedOrganization org : database) {
        assertEquals(model.get(org.id()), org, "seed " + seed);
      }
      assertTrue(liveB.awaitSequence(storeA.lastSequence(), HANG_GUARD));
      for (LiveIndex live : List.of(liveA, liveB)) {
        assertEquals(model.size(), live.size(), "seed " + seed + ": the replica's count");
        for (ConnectedOrganization org : database) {
          assertEquals(org, live.byId(org.id()), "seed " + seed);
        }
      }
      assertEquals(
          storeA.lastSequence(),
          storeA.changesAfter(0, 1_000).size(),
          "seed " + seed + ": a gap-free log of the committed changes only");
    }
  }

  @Test
  @DisplayName(
      "R-LOG-4: the documentation's sample commits the host's row and the organization together, and"
          + " keeps neither when Entente refuses the organization")
  void theReadmeSample() throws Exception {
    try (Connection c = poolA.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS public.partner_request (domain text)");
      s.execute("TRUNCATE public.partner_request");
      PostgresSchema.standard().migrateIn(poolA);
      s.execute("TRUNCATE entente.organization, entente.change_log CASCADE");
    }
    ConnectedOrganization partner = HostTransactionSample.onboard(poolA, "partner.example");
    assertEquals(1, count(poolA, "SELECT count(*) FROM public.partner_request"));
    assertEquals(
        1,
        count(
            poolA, "SELECT count(*) FROM entente.organization WHERE id = '" + partner.id() + "'"));
    assertThrows( // Entente refuses the taken domain: the host's second row rolls back with it
        IdentitySourceConflictException.class,
        () -> HostTransactionSample.onboard(poolA, "partner.example"));
    assertEquals(1, count(poolA, "SELECT count(*) FROM public.partner_request"));
    assertEquals(1, count(poolA, "SELECT count(*) FROM entente.organization"));
  }

  @Test
  @DisplayName("R-LOG-4: outside a host transaction a joining store commits its own writes")
  void outsideAHostTransactionNothingChanges() {
    assertEquals(Optional.<HostTransaction>empty(), transactions.current());
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(6), 1).get(0);
    ConnectedOrganization made = entente.organizations().create(draftOf(org), ADMIN);
    assertEquals(made, liveA.byId(made.id()), "read at once (R-IDX-2)");
    assertEquals(1, audited.size());
  }
}
