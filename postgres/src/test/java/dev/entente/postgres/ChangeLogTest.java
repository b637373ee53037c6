package dev.entente.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The change log: one record per committed change, in its transaction, in commit order. */
@DisplayName("Change log on PostgreSQL (R-LOG-1, R-LOG-2)")
class ChangeLogTest {
  private static final DataSource DATABASE = Database.fresh();
  private static final Actor ADMIN = Actor.administrator("admin@host.example");

  private static PostgresOrganizationStore store(String schema) {
    PostgresSchema s = PostgresSchema.named(schema);
    s.migrateIn(DATABASE);
    return PostgresOrganizationStore.of(DATABASE, s);
  }

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private static ConnectedOrganization org(String domain) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.random())
        .displayName(domain)
        .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
        .createdAt(T0)
        .createdBy(ADMIN)
        .build();
  }

  /** The next version with these changes, and its record, as the management service makes them. */
  private static ConnectedOrganization next(
      ConnectedOrganization org, ConnectedOrganization.Builder changed) {
    return changed
        .version(org.version().next())
        .modifiedAt(org.modifiedAt().plusSeconds(1))
        .build();
  }

  private static AuditEvent event(
      AuditEvent.Kind kind,
      ConnectedOrganization before,
      ConnectedOrganization after,
      Set<String> fields,
      Sponsor sponsor) {
    return AuditEvent.of(
        kind, ADMIN, after == null ? T0 : after.modifiedAt(), fields, before, after, sponsor);
  }

  private static ConnectedOrganization create(PostgresOrganizationStore store, String domain) {
    ConnectedOrganization o = org(domain);
    return store.create(
        o, AuditEvent.of(AuditEvent.Kind.CREATED, ADMIN, T0, Set.of(), null, o, null));
  }

  @Test
  @DisplayName("every committed change has exactly one record, numbered in order (R-LOG-1)")
  void everyCommittedChangeHasOneRecord() {
    PostgresOrganizationStore store = store("one_each");
    ConnectedOrganization v1 = create(store, "woodgrove.example");
    ConnectedOrganization v2 = next(v1, v1.toBuilder().description("d"));
    store.update(v2, event(AuditEvent.Kind.UPDATED, v1, v2, Set.of("description"), null));
    Sponsor dana = Sponsor.user("dana");
    ConnectedOrganization v3 = next(v2, v2.toBuilder().addInternalSponsors(dana));
    store.update(
        v3, event(AuditEvent.Kind.SPONSOR_ADDED, v2, v3, Set.of("internalSponsors"), dana));
    ConnectedOrganization v4 = next(v3, v3.toBuilder().state(OrganizationState.PROPOSED));
    store.update(v4, event(AuditEvent.Kind.STATE_CHANGED, v3, v4, Set.of("state"), null));
    store.delete(
        v4.id(),
        v4.version(),
        AuditEvent.of(AuditEvent.Kind.DELETED, ADMIN, T0, Set.of(), v4, null, null));

    List<ChangeRecord> log = store.changesAfter(0, 100);
    assertEquals(
        List.of(
            AuditEvent.Kind.CREATED,
            AuditEvent.Kind.UPDATED,
            AuditEvent.Kind.SPONSOR_ADDED,
            AuditEvent.Kind.STATE_CHANGED,
            AuditEvent.Kind.DELETED),
        log.stream().map(ChangeRecord::kind).toList(),
        "one record per committed change, in order");
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L),
        log.stream().map(ChangeRecord::sequence).toList(),
        "sequences from 1, without gaps");
    assertEquals(Set.of("state"), log.get(3).changedFields(), "the changed fields");
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 4L),
        log.stream().map(r -> r.version().value()).toList(),
        "the version written, and for the delete the version deleted");
    assertTrue(log.stream().allMatch(r -> r.organizationId().equals(v1.id())), "one organization");
    assertEquals("dana", log.get(2).sponsorId().orElseThrow(), "the sponsor of the sponsor change");
    assertEquals(ADMIN, log.get(0).actor(), "who");
  }

  @Test
  @DisplayName("a refused or failed write leaves no record (R-LOG-1)")
  void aRefusedWriteLeavesNoRecord() {
    PostgresOrganizationStore store = store("refused");
    ConnectedOrganization org = create(store, "fabrikam.example");
    assertThrows(
        IdentitySourceConflictException.class,
        () -> create(store, "fabrikam.example"),
        "a second organization for the same domain is refused");
    ConnectedOrganization stale =
        org.toBuilder().version(Version.of(7)).modifiedAt(T0.plusSeconds(7)).build();
    assertThrows(
        StaleVersionException.class,
        () -> store.update(stale, event(AuditEvent.Kind.UPDATED, org, stale, Set.of(), null)),
        "a stale update is refused");
    assertEquals(1, store.changesAfter(0, 100).size(), "only the create has a record");
  }

  @Test
  @DisplayName(
      "a reader asking for what follows the last sequence it saw never skips a change, however"
          + " writers interleave (R-LOG-2)")
  void sequencesBecomeVisibleInCommitOrder() throws Exception {
    PostgresOrganizationStore store = store("commit_order");
    int writers = 4;
    int each = 50;
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      Future<List<Long>> reader =
          pool.submit(
              () -> {
                List<Long> seen = new ArrayList<>();
                long last = 0;
                while (seen.size() < writers * each) {
                  for (ChangeRecord r : store.changesAfter(last, 1_000)) {
                    assertEquals(last + 1, r.sequence(), "no sequence is skipped or late");
                    last = r.sequence();
                    seen.add(last);
                  }
                  if (done.get() && seen.size() < writers * each) {
                    List<ChangeRecord> rest = store.changesAfter(last, 1_000);
                    assertTrue(!rest.isEmpty(), "the writers are done, so the rest is visible");
                  }
                }
                return seen;
              });
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    create(store, "w" + writer + "-" + i + ".example");
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      assertEquals(writers * each, reader.get(60, TimeUnit.SECONDS).size(), "every change read");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the log is bounded: records every reader applied can be pruned")
  void recordsCanBePruned() {
    PostgresOrganizationStore store = store("pruned");
    for (int i = 0; i < 5; i++) {
      create(store, "p" + i + ".example");
    }
    assertEquals(3, store.pruneChangesThrough(3), "records 1 to 3 deleted");
    assertEquals(
        List.of(4L, 5L),
        store.changesAfter(0, 10).stream().map(ChangeRecord::sequence).toList(),
        "the rest stays, numbered as before");
  }
}
