package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of write through every kind of pool a host may pass, read back through a second pool
 * (R-LOG-3): a write reported done is committed, with exactly one change record, and the connection
 * goes back in the state it came; a connection inside a host transaction is refused, with nothing
 * written and the host's transaction untouched.
 */
@DisplayName("The store commits every write whatever pool the host passes (R-LOG-3, R-LOG-1)")
class AnyPoolTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
  private static final List<DataSource> OPENED = Collections.synchronizedList(new ArrayList<>());

  /** The pools a host passes. */
  enum Pool {
    HIKARI_AUTOCOMMIT_ON(() -> Database.pool(DATABASE, c -> c.setAutoCommit(true))),
    HIKARI_AUTOCOMMIT_OFF(() -> Database.pool(DATABASE, c -> c.setAutoCommit(false))),
    HIKARI_AUTOCOMMIT_OFF_READ_ONLY(
        () ->
            Database.pool(
                DATABASE,
                c -> {
                  c.setAutoCommit(false);
                  c.setReadOnly(true);
                })),
    HIKARI_SERIALIZABLE(
        () -> Database.pool(DATABASE, c -> c.setTransactionIsolation("TRANSACTION_SERIALIZABLE"))),
    PG_SIMPLE_DATA_SOURCE(() -> Database.simple(DATABASE));

    final Supplier<DataSource> open;

    Pool(Supplier<DataSource> open) {
      this.open = open;
    }
  }

  @AfterAll
  static void closePools() throws Exception {
    for (DataSource pool : OPENED) {
      if (pool instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static List<ConnectedOrganization> all(PostgresOrganizationStore store) {
    List<ConnectedOrganization> out = new ArrayList<>(Pages.all(store, PageRequest.MAX_SIZE));
    out.sort(Comparator.comparing(ConnectedOrganization::id));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Pool.class)
  @DisplayName(
      "every write kind is committed with one record and read back through a second pool, and"
          + " each connection goes back as it came (R-LOG-3)")
  void everyWriteIsCommittedAndReadBackThroughASecondPool(Pool kind) throws Exception {
    PostgresSchema schema = PostgresSchema.named("pool_" + kind.name().toLowerCase());
    schema.migrateIn(DATABASE);
    DataSource pool = kind.open.get();
    OPENED.add(pool);
    StateChecking checked = new StateChecking(pool);
    PostgresOrganizationStore store = PostgresOrganizationStore.of(checked.dataSource(), schema);
    PostgresOrganizationStore second = PostgresOrganizationStore.of(DATABASE, schema);
    List<ChangeRecord> log = new ArrayList<>();

    // each write as the management service sends it: the value and its audit event
    ConnectedOrganization a =
        ConnectedOrganization.builder()
            .id(OrganizationId.of("fabrikam-" + kind.ordinal()))
            .displayName("Fabrikam")
            .addIdentitySources(EmailDomain.of(DomainName.of("fabrikam.example")))
            .createdAt(AT)
            .createdBy(ADMIN)
            .build();
    store.create(a, AuditEvent.created(a));
    assertReadBack(second, a, "create");
    a = write(store, a, a.toBuilder().description("Supplier"), null);
    assertReadBack(second, a, "update");
    Sponsor dana = Sponsor.user("dana");
    a = write(store, a, a.toBuilder().addInternalSponsors(dana), dana);
    assertReadBack(second, a, "add a sponsor");
    a = write(store, a, a.toBuilder().internalSponsors(List.of()), dana);
    assertReadBack(second, a, "remove a sponsor");

    ConnectedOrganization proposed =
        ConnectedOrganization.builder()
            .id(OrganizationId.of("northwind-" + kind.ordinal()))
            .displayName("northwind.example")
            .addIdentitySources(EmailDomain.of(DomainName.of("northwind.example")))
            .state(OrganizationState.PROPOSED)
            .createdAt(AT)
            .createdBy(Actor.system())
            .build();
    store.create(proposed, AuditEvent.proposed(proposed));
    assertReadBack(second, proposed, "approve (the proposal an approval creates)");

    List<ConnectedOrganization> imported =
        store.createAll(EntenteGenerators.newOrganizations(new SplittableRandom(7), 25));
    for (ConnectedOrganization org : imported) {
      assertReadBack(second, org, "createAll");
    }

    store.delete(a.id(), a.version(), AuditEvent.deleted(a, ADMIN, AT));
    assertTrue(second.get(a.id()).isEmpty(), "the delete is committed: a second pool sees none");

    log.addAll(second.changesAfter(0, 100));
    assertEquals(6 + imported.size(), log.size(), "one record per committed write: " + log.size());
    assertEquals(
        List.of(a.id(), a.id(), a.id(), a.id(), proposed.id()),
        log.subList(0, 5).stream().map(ChangeRecord::organizationId).toList(),
        "the records name the organizations written, in order");
    assertEquals(a.id(), log.get(log.size() - 1).organizationId(), "the delete's record is last");
    assertEquals(all(second), all(store), "both pools read the same");
    assertEquals(List.of(), checked.changed(), "every connection went back in the state it came");
    assertTrue(checked.handedOut() >= 7, "every write used the pool: " + checked.handedOut());
  }

  /**
   * The update of {@code current} to {@code next} at the next version, with its event: a sponsor's
   * when {@code sponsor} is given (added or removed, as {@code next} says), an update's otherwise.
   */
  private static ConnectedOrganization write(
      PostgresOrganizationStore store,
      ConnectedOrganization current,
      ConnectedOrganization.Builder next,
      @Nullable Sponsor sponsor) {
    ConnectedOrganization after =
        next.version(current.version().next()).modifiedAt(AT).modifiedBy(ADMIN).build();
    AuditEvent event =
        sponsor == null
            ? AuditEvent.updated(current, after, Set.of("description"))
            : after.internalSponsors().contains(sponsor)
                ? AuditEvent.sponsorAdded(current, after, sponsor)
                : AuditEvent.sponsorRemoved(current, after, sponsor);
    return store.update(after, event);
  }

  private static void assertReadBack(
      PostgresOrganizationStore second, ConnectedOrganization written, String write) {
    assertEquals(
        written,
        second.get(written.id()).orElse(null),
        write + " is committed: a second pool reads it");
  }

  @Test
  @DisplayName(
      "regression: a delete through a pool with autocommit off is committed, not rolled back when"
          + " the pool takes its connection back (R-LOG-3)")
  void aDeleteThroughAPoolWithAutoCommitOffIsNotRolledBackByThePool() throws Exception {
    PostgresSchema schema = PostgresSchema.named("pool_delete_regression");
    schema.migrateIn(DATABASE);
    PostgresOrganizationStore second = PostgresOrganizationStore.of(DATABASE, schema);
    ConnectedOrganization org =
        second.create(EntenteGenerators.newOrganizations(new SplittableRandom(5), 1).get(0));
    try (HikariDataSource pool =
        Database.pool(
            DATABASE,
            c -> {
              c.setAutoCommit(false);
              c.setMaximumPoolSize(1); // the next borrower gets the same connection back
            })) {
      PostgresOrganizationStore store = PostgresOrganizationStore.of(pool, schema);
      store.delete(org.id(), org.version());
      assertTrue(store.get(org.id()).isEmpty(), "gone through the same connection");
    }
    assertTrue(second.get(org.id()).isEmpty(), "gone for a second pool, after the pool closed");
    assertEquals(
        List.of(AuditEvent.Kind.CREATED, AuditEvent.Kind.DELETED),
        second.changesAfter(0, 10).stream().map(ChangeRecord::kind).toList(),
        "and recorded");
  }

  @Test
  @DisplayName(
      "a connection inside a host transaction the host did not declare is refused for every write"
          + " kind, nothing is written, and the host's transaction is untouched (R-LOG-3, R-LOG-4)")
  void aConnectionInsideAHostTransactionIsRefusedAndLeftUntouched() throws Exception {
    PostgresSchema schema = PostgresSchema.named("pool_host_transaction");
    schema.migrateIn(DATABASE);
    try (Connection c = DATABASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS host_work (note text)");
    }
    PostgresOrganizationStore plain = PostgresOrganizationStore.of(DATABASE, schema);
    ConnectedOrganization existing =
        plain.create(EntenteGenerators.newOrganizations(new SplittableRandom(3), 1).get(0));
    ConnectedOrganization fresh =
        EntenteGenerators.newOrganizations(new SplittableRandom(4), 1).get(0);

    try (Connection host = DATABASE.getConnection()) {
      host.setAutoCommit(false);
      try (Statement s = host.createStatement()) {
        s.execute("INSERT INTO host_work VALUES ('the host''s own work')");
      }
      // a data source bound to the host's transaction, as Spring's transaction-aware proxy is
      PostgresOrganizationStore bound = PostgresOrganizationStore.of(unclosable(host), schema);
      List<Runnable> writes =
          List.of(
              () -> bound.create(fresh),
              () ->
                  bound.update(
                      existing.toBuilder()
                          .version(existing.version().next())
                          .displayName("Changed")
                          .build()),
              () -> bound.delete(existing.id(), existing.version()),
              () -> bound.createAll(List.of(fresh)),
              () -> bound.pruneChangesThrough(1));
      for (Runnable write : writes) {
        HostTransactionException refused = assertThrows(HostTransactionException.class, write::run);
        assertTrue(refused.getMessage().contains("but did not declare"), refused.getMessage());
        assertTrue(
            refused.operation().startsWith("PostgresOrganizationStore."), refused.operation());
        assertEquals(refused.operation(), reserialized(refused).operation(), "it serializes");
      }
      assertEquals(existing, bound.get(existing.id()).orElseThrow(), "reads work inside it");
      assertTrue(!host.getAutoCommit(), "the host's transaction is still open");
      host.commit();
    }
    assertEquals(1, count("SELECT count(*) FROM host_work"), "the host's own work committed");
    assertEquals(List.of(existing), all(plain), "nothing of the refused writes");
    assertEquals(1, plain.changesAfter(0, 10).size(), "no record but the first create's");
  }

  private static HostTransactionException reserialized(HostTransactionException e)
      throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (HostTransactionException) in.readObject();
    }
  }

  private static int count(String sql) throws SQLException {
    return Database.count(DATABASE, sql);
  }

  /** A data source that hands out {@code c} each time and never closes it. */
  private static DataSource unclosable(Connection c) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    Connection bound =
        (Connection)
            Proxy.newProxyInstance(
                AnyPoolTest.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    return dataSource(() -> bound);
  }

  /** Connections from a supplier, as a data source. */
  static DataSource dataSource(SqlSupplier<Connection> connections) {
    return (DataSource)
        Proxy.newProxyInstance(
            AnyPoolTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return connections.get();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /** A supplier that may throw {@link SQLException}. */
  interface SqlSupplier<T> {
    T get() throws SQLException;
  }

  /**
   * A data source that notes each connection's autocommit, read-only and isolation settings when
   * handed out and compares them when it is closed.
   */
  static final class StateChecking {
    private final DataSource pool;
    private final List<String> changed = Collections.synchronizedList(new ArrayList<>());
    private int handedOut;

    StateChecking(DataSource pool) {
      this.pool = pool;
    }

    DataSource dataSource() {
      return AnyPoolTest.dataSource(this::connection);
    }

    synchronized int handedOut() {
      return handedOut;
    }

    List<String> changed() {
      return List.copyOf(changed);
    }

    private Connection connection() throws SQLException {
      Connection c = pool.getConnection();
      synchronized (this) {
        handedOut++;
      }
      String before = state(c);
      InvocationHandler handler =
          (proxy, method, args) -> {
            if (method.getName().equals("close")) {
              String after = state(c);
              if (!after.equals(before)) {
                changed.add(before + " -> " + after);
              }
            }
            try {
              return method.invoke(c, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return (Connection)
          Proxy.newProxyInstance(
              AnyPoolTest.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** The settings; asking for the isolation runs a statement, whose transaction it ends. */
    private static String state(Connection c) throws SQLException {
      String state =
          "autoCommit="
              + c.getAutoCommit()
              + " readOnly="
              + c.isReadOnly()
              + " isolation="
              + c.getTransactionIsolation();
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      return state;
    }
  }
}
