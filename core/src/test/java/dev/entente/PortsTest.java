package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageCursor;
import dev.entente.spi.PageRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Errors name the right culprit: a caller's mistake is refused before any port is called and is
 * never blamed on a port; a port that breaks its promise is reported as that port's failure; a
 * committed write is never made to look failed by what happens after it (R-MGT-6).
 */
@DisplayName("Ports never lie about what happened (R-MGT-4, R-MGT-6)")
class PortsTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

  /** The real in-memory store, counting calls, that can return null or throw sneakily. */
  static final class Misbehaving implements OrganizationStore {
    final InMemoryOrganizationStore real = new InMemoryOrganizationStore();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean returnsNull;
    volatile boolean throwsChecked;

    @SuppressWarnings("unchecked")
    static <E extends Throwable> void sneaky(Throwable e) throws E {
      throw (E) e;
    }

    private <T> T call(Supplier<T> real) {
      calls.incrementAndGet();
      if (throwsChecked) {
        Misbehaving.<RuntimeException>sneaky(new IOException("connection reset"));
      }
      return returnsNull ? null : real.get();
    }

    @Override
    public Optional<ConnectedOrganization> get(OrganizationId id) {
      return call(() -> real.get(id));
    }

    @Override
    public Optional<ConnectedOrganization> findByKey(IdentitySourceKey key) {
      return call(() -> real.findByKey(key));
    }

    @Override
    public Page<ConnectedOrganization> list(PageRequest page) {
      return call(() -> real.list(page));
    }

    @Override
    public Page<ConnectedOrganization> search(OrganizationQuery query, PageRequest page) {
      return call(() -> real.search(query, page));
    }

    @Override
    public ConnectedOrganization create(ConnectedOrganization organization, AuditEvent change) {
      return call(() -> real.create(organization, change));
    }

    @Override
    public ConnectedOrganization update(ConnectedOrganization next, AuditEvent change) {
      return call(() -> real.update(next, change));
    }

    @Override
    public void delete(OrganizationId id, Version expected, AuditEvent change) {
      call(
          () -> {
            real.delete(id, expected, change);
            return Boolean.TRUE;
          });
    }
  }

  private final Misbehaving store = new Misbehaving();
  private final List<AuditEvent> events = new ArrayList<>();

  private ConnectedOrganizations organizations(Clock clock) {
    return Entente.builder()
        .store(store)
        .clock(clock)
        .auditSink(events::add)
        .build()
        .organizations();
  }

  private final ConnectedOrganizations orgs = organizations(Clock.fixed(NOW, ZoneOffset.UTC));

  @Nested
  @DisplayName("a caller's null is refused, naming the parameter, before any port is called")
  class CallersNull {
    @Test
    void getOfNullBlamesTheCallerNotTheStore() {
      NullPointerException e = assertThrows(NullPointerException.class, () -> orgs.get(null));
      assertEquals("id", e.getMessage());
      assertEquals(0, store.calls.get(), "the store was not called");
    }

    @Test
    void updateWithANullVersionIsNotReportedAsStale() {
      ConnectedOrganization org = orgs.create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      NullPointerException e =
          assertThrows(
              NullPointerException.class,
              () -> orgs.update(org.id(), null, OrganizationChanges.state(org.state()), ADMIN));
      assertEquals("basedOn", e.getMessage());
    }

    @Test
    void deleteWithANullActorDeletesNothingAndAuditsNothing() {
      ConnectedOrganization org = orgs.create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      int audited = events.size();
      NullPointerException e =
          assertThrows(
              NullPointerException.class, () -> orgs.delete(org.id(), org.version(), null));
      assertEquals("by", e.getMessage());
      assertEquals(Optional.of(org), orgs.get(org.id()), "still there");
      assertEquals(audited, events.size(), "no audit event");
    }

    @Test
    void queriesAndCursorsRefuseANullFilterInsteadOfDroppingIt() {
      assertEquals(
          "domain",
          assertThrows(NullPointerException.class, () -> OrganizationQuery.builder().domain(null))
              .getMessage());
      assertEquals(
          "nameContains",
          assertThrows(
                  NullPointerException.class, () -> OrganizationQuery.builder().nameContains(null))
              .getMessage());
      assertEquals(
          "id",
          assertThrows(NullPointerException.class, () -> PageCursor.after(null)).getMessage());
    }
  }

  @Nested
  @DisplayName("a port that breaks its promise is reported as that port's failure")
  class BrokenPromises {
    @Test
    void aStoreReturningNullIsAPortFailureNamingTheOperation() {
      store.returnsNull = true;
      PortFailureException e =
          assertThrows(PortFailureException.class, () -> orgs.get(OrganizationId.of("org-1")));
      assertEquals("OrganizationStore.get", e.port());
      assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }

    @Test
    void aCheckedExceptionThrownSneakilyIsAPortFailureWithItAsTheCause() {
      store.throwsChecked = true;
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () -> orgs.create(ConnectedOrganizationsTest.woodgrove(), ADMIN));
      assertEquals("OrganizationStore.create", e.port());
      assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void aFailingClockIsAPortFailureAndNothingIsWritten() {
      Clock broken =
          new Clock() {
            @Override
            public ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              throw new IllegalStateException("NTP unreachable");
            }
          };
      ConnectedOrganizations withBrokenClock = organizations(broken);
      PortFailureException e =
          assertThrows(
              PortFailureException.class,
              () -> withBrokenClock.create(ConnectedOrganizationsTest.woodgrove(), ADMIN));
      assertEquals("Clock.instant", e.port());
      assertTrue(store.real.list(PageRequest.first()).items().isEmpty(), "nothing written");
      assertTrue(events.isEmpty(), "nothing audited");
    }
  }

  @Nested
  @DisplayName("a failing audit sink never makes a committed write look failed (R-MGT-6)")
  class CommittedWritesStand {
    private ConnectedOrganizations auditedBy(dev.entente.spi.AuditSink sink) {
      return Entente.builder()
          .store(store)
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .auditSink(sink)
          .build()
          .organizations();
    }

    @Test
    void anErrorFromTheSinkAfterACreateReturnsTheCommittedOrganization() {
      ConnectedOrganizations failing =
          auditedBy(
              event -> {
                throw new NoClassDefFoundError("org/example/AuditClient");
              });
      ConnectedOrganization created = failing.create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      assertEquals(Optional.of(created), store.real.get(created.id()), "the create committed");
    }

    @Test
    void aCheckedExceptionFromTheSinkAfterADeleteStillReportsSuccess() {
      ConnectedOrganization org = orgs.create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      ConnectedOrganizations failing =
          auditedBy(event -> Misbehaving.<RuntimeException>sneaky(new IOException("audit down")));
      failing.delete(org.id(), org.version(), ADMIN);
      assertTrue(store.real.get(org.id()).isEmpty(), "the delete committed");
    }
  }

  @Test
  @DisplayName("a host's own index answers the matcher and approvals, not the store (R-IDX-2)")
  void aHostsOwnIndexIsWhatTheMatcherReads() {
    InMemoryOrganizationStore index = new InMemoryOrganizationStore();
    Entente entente = Entente.builder().store(store).index(index).auditSink(events::add).build();
    ConnectedOrganization org =
        entente.organizations().create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
    index.create(org); // the host's replica catches up, as a change log would make it
    int calls = store.calls.get();
    dev.entente.access.Requestor li =
        dev.entente.access.Requestor.passcodeUser(
            dev.entente.access.EmailAddress.of("li@woodgrove.com"), true);
    assertEquals(
        org, entente.matcher().match(li).membership().orElseThrow().organization(), "matched");
    assertEquals(calls, store.calls.get(), "the matcher did not call the store");
  }

  @Test
  @DisplayName("the version after the last one there is is a typed refusal (R-MGT-4)")
  void theVersionAfterTheLastIsATypedRefusal() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> Version.of(Long.MAX_VALUE).next());
    assertEquals("version", e.field());
  }
}
