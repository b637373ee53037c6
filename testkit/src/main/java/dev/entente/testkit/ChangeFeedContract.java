package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a {@link ChangeFeed}: what a live index relies on to decide what it holds by
 * sequence (R-IDX-1). Extend it, return a new feed over a new, empty store, and run it with your
 * tests.
 *
 * <p>It checks that a write says the sequence of its own record, and that sequence is the log's
 * next one, with no gaps; that a refused write says none and moves nothing; that a look returns the
 * records with the state of the organizations they name and the sequence it was read at; that a
 * snapshot hands over every organization once and says the sequence it holds; that writes through
 * {@link ChangeFeed#store()} are in the log too; and that a write wakes a waiting reader.
 */
@Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
public abstract class ChangeFeedContract {
  /** The feed under test: a new one over an empty store before each test. */
  protected ChangeFeed feed;

  /** For subclasses. */
  protected ChangeFeedContract() {}

  /**
   * A new feed over a new, empty store.
   *
   * @return the feed
   */
  protected abstract ChangeFeed newFeed();

  @BeforeEach
  void freshFeed() {
    feed = newFeed();
  }

  @AfterEach
  void closeFeed() {
    feed.close();
  }

  private static List<ConnectedOrganization> organizations(long seed, int count) {
    return EntenteGenerators.newOrganizations(new SplittableRandom(seed), count);
  }

  private static ConnectedOrganization renamed(ConnectedOrganization org) {
    return org.toBuilder()
        .version(org.version().next())
        .modifiedAt(org.modifiedAt().plusSeconds(1))
        .displayName(org.displayName() + " renamed")
        .build();
  }

  @Test
  @DisplayName(
      "R-DIR-1, R-DIR-2 (optional, many directories): a feed returns its own directory's records, sequences "
          + "and organizations only")
  @ContractCase(
      rules = {"R-DIR-1", "R-DIR-2"},
      requirement = Requirement.OPTIONAL,
      capability = Capability.MANY_DIRECTORIES)
  void R_DIR_1_aFeedFollowsItsOwnDirectoryOnly() {
    ConnectedOrganization own = organizations(7, 1).get(0);
    feed.create(own, AuditEvent.created(own).in(feed.store().directory()));
    long last = feed.lastSequence();
    if (Declared.manyDirectories(capabilities(), feed.store())) {
      OrganizationStores many = (OrganizationStores) feed.store();
      HostDirectory elsewhere =
          HostDirectory.of(
              feed.store().directory().value().equals("entente-contract-other")
                  ? "entente-contract-else"
                  : "entente-contract-other");
      OrganizationStore other = many.inDirectory(elsewhere);
      for (ConnectedOrganization org : organizations(8, 3)) {
        other.create(org);
      }
      assertEquals(last, feed.lastSequence(), "writes elsewhere move no sequence of this feed");
    }
    ChangeFeed.Changes changes = feed.changesAfter(0, 100);
    assertEquals(1, changes.records().size(), "one record, this directory's: " + changes);
    assertEquals(feed.store().directory(), changes.records().get(0).directory());
    assertEquals(last, changes.sequence());
    List<ConnectedOrganization> seen = Collections.synchronizedList(new ArrayList<>());
    assertEquals(last, feed.snapshot(seen::add));
    assertEquals(List.of(own), seen, "a snapshot holds this directory's organizations only");
  }

  @Test
  @DisplayName(
      "R-IDX-1, R-LOG-2 (required): each write says the sequence of its own record, the "
          + "log's next one, no gaps")
  @ContractCase(rules = {"R-IDX-1", "R-LOG-2"})
  void R_IDX_1_eachWriteSaysItsOwnRecordsSequence() {
    ConnectedOrganization a = organizations(1, 1).get(0);
    long start = feed.lastSequence();
    ChangeFeed.Written created = feed.create(a, AuditEvent.created(a));
    ChangeFeed.Written updated = feed.update(renamed(a), AuditEvent.updated(renamed(a)));
    long deleted =
        feed.delete(
            a.id(),
            updated.organization().version(),
            AuditEvent.deleted(a.id(), a.createdAt().plusSeconds(2)));
    ChangeFeed.Written again = feed.create(a, AuditEvent.created(a)); // the same id, version 1
    assertEquals(a, created.organization());
    assertEquals(renamed(a), updated.organization());
    assertEquals(
        List.of(start + 1, start + 2, start + 3, start + 4),
        List.of(created.sequence(), updated.sequence(), deleted, again.sequence()));
    assertEquals(start + 4, feed.lastSequence());
    List<ChangeRecord> records = feed.changesAfter(start, 10).records();
    assertEquals(4, records.size());
    for (ChangeRecord r : records) {
      assertEquals(a.id(), r.organizationId(), "the records name the organization");
    }
    assertEquals(
        List.of(
            AuditEvent.Kind.CREATED,
            AuditEvent.Kind.UPDATED,
            AuditEvent.Kind.DELETED,
            AuditEvent.Kind.CREATED),
        records.stream().map(ChangeRecord::kind).toList());
  }

  @Test
  @DisplayName("R-LOG-1 (required): a refused write says no sequence, and the log does not move")
  @ContractCase(rules = {"R-LOG-1"})
  void R_LOG_1_aRefusedWriteMovesNothing() {
    ConnectedOrganization a = organizations(2, 1).get(0);
    feed.create(a, AuditEvent.created(a));
    long before = feed.lastSequence();
    assertThrows(DuplicateOrganizationException.class, () -> feed.create(a, AuditEvent.created(a)));
    ConnectedOrganization stale = renamed(renamed(a));
    assertThrows(StaleVersionException.class, () -> feed.update(stale, AuditEvent.updated(stale)));
    assertEquals(before, feed.lastSequence());
    assertEquals(List.of(), feed.changesAfter(before, 10).records());
  }

  @Test
  @DisplayName(
      "R-IDX-1 (required): a look returns the records with the state of the organizations "
          + "they name, from a snapshot whose sequence is no earlier than its last record, a "
          + "limit at a time")
  @ContractCase(rules = {"R-IDX-1"})
  void R_IDX_1_aLookReturnsRecordsWithTheirOrganizations() {
    List<ConnectedOrganization> orgs = organizations(3, 3);
    orgs.forEach(o -> feed.create(o, AuditEvent.created(o)));
    ConnectedOrganization renamed = renamed(orgs.get(0));
    feed.update(renamed, AuditEvent.updated(renamed));
    long deleted =
        feed.delete(
            orgs.get(2).id(),
            orgs.get(2).version(),
            AuditEvent.deleted(orgs.get(2).id(), orgs.get(2).createdAt()));
    ChangeFeed.Changes all = feed.changesAfter(0, 10);
    assertEquals(5, all.records().size());
    assertEquals(
        Map.of(orgs.get(0).id(), renamed, orgs.get(1).id(), orgs.get(1)),
        all.organizations(),
        "the named organizations as they are now, the deleted one left out");
    assertEquals(deleted, all.sequence());
    ChangeFeed.Changes first = feed.changesAfter(0, 1);
    assertEquals(1, first.records().size());
    assertEquals(Map.of(orgs.get(0).id(), renamed), first.organizations(), "as it is now");
    assertEquals(deleted, first.sequence(), "the snapshot's sequence, past the one record");
    ChangeFeed.Changes none = feed.changesAfter(deleted, 10);
    assertEquals(List.of(), none.records());
    assertEquals(Map.of(), none.organizations());
    assertEquals(deleted, none.sequence(), "the sequence comes back with no record");
  }

  @Test
  @DisplayName(
      "R-IDX-1, R-LOG-1 (required): a snapshot hands over every organization once and says "
          + "the sequence it holds; writes through the store are in the log too")
  @ContractCase(rules = {"R-IDX-1", "R-LOG-1"})
  void R_IDX_1_aSnapshotHandsOverEveryOrganizationOnce() {
    List<ConnectedOrganization> orgs = organizations(4, 2_100);
    for (ConnectedOrganization org : orgs.subList(0, 2_000)) {
      feed.store().create(org);
    }
    long last = feed.lastSequence();
    assertTrue(last >= 2_000, "a record for each write through the store");
    List<ConnectedOrganization> handed = Collections.synchronizedList(new ArrayList<>());
    long sequence = feed.snapshot(handed::add);
    assertEquals(last, sequence);
    List<ConnectedOrganization> sorted = new ArrayList<>(handed);
    sorted.sort(java.util.Comparator.comparing(ConnectedOrganization::id));
    List<ConnectedOrganization> expected = new ArrayList<>(orgs.subList(0, 2_000));
    expected.sort(java.util.Comparator.comparing(ConnectedOrganization::id));
    assertEquals(expected, sorted);
  }

  @Test
  @DisplayName(
      "R-IDX-2 (optional, change signal): a write wakes a reader waiting for the signal, or "
          + "the feed polls only")
  @ContractCase(
      rules = {"R-IDX-2"},
      requirement = Requirement.OPTIONAL,
      capability = Capability.CHANGE_SIGNAL)
  void R_IDX_2_aWriteWakesAWaitingReader() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HangGuard.MINUTES);
    while (feed.awaitChange(Duration.ofMillis(50))) { // drains what was signalled before
      assertTrue(System.nanoTime() < deadline, "hang guard: the signal never settles");
    }
    ConnectedOrganization a = organizations(5, 1).get(0);
    feed.store().create(a);
    if (capabilities().contains(Capability.CHANGE_SIGNAL)) {
      while (!feed.awaitChange(Duration.ofMillis(250))) {
        assertTrue(System.nanoTime() < deadline, "hang guard: the write was never signalled");
      }
    } else {
      assertTrue(!feed.awaitChange(Duration.ofMillis(10)), "a feed without a signal never fires");
    }
  }

  /**
   * What the feed under test can do beyond what every feed must: {@link Capability#CHANGE_SIGNAL}
   * when a write wakes a waiting reader, {@link Capability#MANY_DIRECTORIES} when its store is an
   * {@link OrganizationStores}; none unless overridden. The kit checks the declaration: a feed that
   * declares no signal must never signal.
   *
   * @return the capabilities
   */
  protected Set<Capability> capabilities() {
    return Set.of();
  }
}
