package dev.entente.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live index over an in-memory change feed with faults injected: each of the failures that
 * admitted people who must be refused, as its own deterministic test (R-IDX-1, R-IDX-2).
 */
@DisplayName("LiveIndex decides what it holds by change-log sequence, through faults (R-IDX-1)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class LiveIndexTest {
  /**
   * A hang guard, not a limit: freshness is awaited for minutes before the test calls it a hang.
   */
  private static final Duration HANG_GUARD = Duration.ofMinutes(10);

  private final InMemoryChangeFeed database = new InMemoryChangeFeed();
  private final FaultyFeed feed1 = new FaultyFeed(database.feed());
  private final FaultyFeed feed2 = new FaultyFeed(database.feed());

  /** Two instances whose threads look only when told: every step below happens where it says. */
  private final LiveIndex one = idle(feed1);

  private final LiveIndex two = idle(feed2);

  private static LiveIndex idle(ChangeFeed feed) {
    return LiveIndex.builder(feed).pollInterval(Duration.ofHours(1)).start();
  }

  @AfterEach
  void close() {
    feed1.release.countDown();
    one.close();
    two.close();
  }

  static List<ConnectedOrganization> organizations(long seed, int count) {
    return EntenteGenerators.newOrganizations(new SplittableRandom(seed), count);
  }

  static ConnectedOrganization renamed(ConnectedOrganization org, String name) {
    return org.toBuilder()
        .version(org.version().next())
        .modifiedAt(org.modifiedAt().plusSeconds(1))
        .displayName(name)
        .build();
  }

  /** The index holds exactly the store's organizations, by id and by every key. */
  static void assertEqualsStore(LiveIndex live, InMemoryChangeFeed database) {
    List<ConnectedOrganization> stored = Pages.all(database.store(), PageRequest.MAX_SIZE);
    assertEquals(stored, live.all(), "the index against the store");
    for (ConnectedOrganization org : stored) {
      for (IdentitySource source : org.identitySources()) {
        assertEquals(org, live.holderOf(source.key()), "holderOf(" + source.key() + ")");
      }
    }
  }

  @Test
  @DisplayName(
      "regression: a delete another instance commits between this instance's update and its"
          + " return is never undone by the update's value (R-IDX-1)")
  void aDeleteIsNeverUndoneByAnOlderWritesValue() {
    ConnectedOrganization a = one.store().create(organizations(1, 1).get(0));
    ConnectedOrganization v2 = renamed(a, "A v2");
    feed1.afterNextCommit =
        () -> {
          two.store().delete(a.id(), v2.version()); // instance 2 deletes A at v2
          one.catchUp(); // instance 1's thread applies both records
        };
    one.store().update(v2); // then the update's own install comes
    assertNull(one.byId(a.id()), "the deleted organization stays deleted");
    for (IdentitySource source : a.identitySources()) {
      assertNull(one.holderOf(source.key()), "and its keys admit nobody");
    }
    one.catchUp();
    assertNull(one.byId(a.id()), "for good");
    assertEqualsStore(one, database);
  }

  @Test
  @DisplayName(
      "regression: an id re-created by another instance between this instance's delete and its"
          + " return is never removed by the older delete (R-IDX-1)")
  void aReCreatedIdIsNeverRemovedByAnOlderDelete() {
    ConnectedOrganization a = organizations(2, 1).get(0);
    one.store().create(a);
    feed1.afterNextCommit =
        () -> {
          two.store().create(a); // an import keeps the id: version 1 again
          one.catchUp();
        };
    one.store().delete(a.id(), a.version());
    assertEquals(a, one.byId(a.id()), "the re-created organization stays");
    for (IdentitySource source : a.identitySources()) {
      assertEquals(a, one.holderOf(source.key()), "and its members are admitted");
    }
    assertEqualsStore(one, database);
  }

  /**
   * Runs {@code write} on another thread until it has committed, and returns what lets it go on and
   * waits for it to return: its own install happens then, after whatever the test did meanwhile.
   */
  private Runnable heldAfterCommit(FaultyFeed feed, Runnable write) throws Exception {
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    feed.afterNextCommit =
        () -> {
          committed.countDown();
          try {
            go.await(10, TimeUnit.MINUTES); // a hang guard
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    Thread writer = new Thread(write, "held-writer");
    writer.start();
    assertTrue(committed.await(10, TimeUnit.MINUTES), "hang guard: the write commits");
    return () -> {
      go.countDown();
      try {
        writer.join(TimeUnit.MINUTES.toMillis(10)); // a hang guard
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /**
   * One batch of one record applied on this thread, the organizations read in the same snapshot,
   * after everything the test committed; then the next look fails, leaving the applied sequence
   * behind what was read.
   */
  private void oneBatchThenFail(LiveIndex live, FaultyFeed feed) {
    feed.recordsPerCall = 1;
    feed.afterNextLook = () -> feed.failingReads.set(1);
    assertThrows(PortFailureException.class, live::catchUp);
    feed.recordsPerCall = Integer.MAX_VALUE;
  }

  @Test
  @DisplayName(
      "regression: a delete the thread read, past the sequence it applied, is never undone by an"
          + " update that committed before it and installs after (R-IDX-1)")
  void aDeleteReadAheadOfTheAppliedSequenceIsNeverUndone() throws Exception {
    ConnectedOrganization a = two.store().create(organizations(9, 1).get(0)); // record 1
    ConnectedOrganization v2 = renamed(a, "A v2");
    Runnable update = heldAfterCommit(feed1, () -> one.store().update(v2)); // record 2
    two.store().delete(a.id(), v2.version()); // record 3
    oneBatchThenFail(one, feed1); // applies record 1, reading A at sequence 3: gone
    assertEquals(1, one.appliedSequence());
    update.run(); // the update's own install comes last
    assertNull(one.byId(a.id()), "the deleted organization stays deleted");
    for (IdentitySource source : a.identitySources()) {
      assertNull(one.holderOf(source.key()), "and its keys admit nobody");
    }
    one.catchUp();
    assertEqualsStore(one, database);
  }

  @Test
  @DisplayName(
      "regression: an id re-created, read by the thread past the sequence it applied, is never"
          + " removed by a delete that committed before it and installs after (R-IDX-1)")
  void aReCreateReadAheadOfTheAppliedSequenceIsNeverRemoved() throws Exception {
    ConnectedOrganization a = organizations(10, 1).get(0);
    two.store().create(a); // record 1
    Runnable delete = heldAfterCommit(feed1, () -> one.store().delete(a.id(), a.version())); // 2
    two.store().create(a); // record 3: the same id, version 1 again
    oneBatchThenFail(one, feed1); // applies record 1, reading A at sequence 3: there
    assertEquals(1, one.appliedSequence());
    delete.run(); // the delete's own install comes last
    assertEquals(a, one.byId(a.id()), "the re-created organization stays");
    one.catchUp();
    assertEqualsStore(one, database);
  }

  @Test
  @DisplayName(
      "R-IDX-2: a write whose reply is lost after it committed arrives with the next look, and a"
          + " write after a failed look is read back at once")
  void aWriteStandsWhateverFailsAfterIt() {
    List<ConnectedOrganization> orgs = organizations(3, 2);
    feed1.loseNextResponse = true;
    assertThrows(PortFailureException.class, () -> one.store().create(orgs.get(0)));
    feed1.failingReads.set(1);
    assertThrows(PortFailureException.class, one::catchUp);
    assertEquals(orgs.get(1), one.store().create(orgs.get(1)));
    assertEquals(orgs.get(1), one.byId(orgs.get(1).id()), "read back with no round trip");
    one.catchUp();
    assertEquals(orgs.get(0), one.byId(orgs.get(0).id()), "the committed one arrived");
    assertEquals(0, one.lag());
    assertEqualsStore(one, database);
  }

  @Test
  @DisplayName(
      "regression: a log pruned empty past the index makes it reload, with no later write to show"
          + " the gap (R-IDX-1)")
  void aLogPrunedEmptyPastTheIndexMakesItReload() {
    List<ConnectedOrganization> orgs = organizations(4, 10);
    orgs.subList(0, 5).forEach(one.store()::create);
    two.catchUp();
    orgs.subList(5, 10).forEach(one.store()::create);
    database.pruneChangesThrough(database.lastSequence());
    two.catchUp();
    assertEquals(database.lastSequence(), two.appliedSequence(), "reloaded at the last sequence");
    assertEquals(0, two.lag());
    assertEqualsStore(two, database);
  }

  @Test
  @DisplayName(
      "regression: close() returns while the thread waits on a read that ignores interrupts; the"
          + " thread stops and closes the feed once the read returns")
  void closeReturnsWhileAReadBlocks() throws Exception {
    FaultyFeed blocking = new FaultyFeed(database.feed());
    LiveIndex live = LiveIndex.builder(blocking).pollInterval(Duration.ofMillis(10)).start();
    CountDownLatch entered = new CountDownLatch(1);
    blocking.entered = entered;
    assertTrue(entered.await(10, TimeUnit.MINUTES), "hang guard: the thread reads");
    live.close(); // returns, bounded, with the read still blocked
    assertFalse(blocking.closed, "the read has not returned: the feed is still in use");
    blocking.release.countDown();
    awaitTrue(live::stopped);
    assertTrue(blocking.closed, "closed by the thread on its way out");
  }

  @Test
  @DisplayName(
      "R-IDX-2: reads failing many times in a row delay the index, never stop it: it keeps"
          + " trying and catches up")
  void failingReadsNeverStopTheIndex() throws Exception {
    FaultyFeed failing = new FaultyFeed(database.feed());
    failing.signals = true;
    try (LiveIndex live = LiveIndex.builder(failing).pollInterval(Duration.ofMillis(20)).start()) {
      failing.failingReads.set(40);
      organizations(6, 3).forEach(two.store()::create);
      assertTrue(
          live.awaitSequence(database.lastSequence(), HANG_GUARD),
          "hang guard: caught up: " + live);
      assertEquals(0, failing.failingReads.get(), "every failure was met and tried again");
      assertEqualsStore(live, database);
    }
  }

  @Test
  @DisplayName(
      "regression: the pause after failures in a row is none for the first few, then never longer"
          + " than the poll interval, for every count of failures and every interval (R-IDX-2)")
  void pausesNeverExceedThePollInterval() {
    for (Duration interval :
        List.of(
            Duration.ofMillis(10),
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofMinutes(7),
            Duration.ofHours(1))) {
      long previous = 0;
      for (int failures = 1; failures < 10_000; failures++) {
        long pause = LiveIndex.pauseMillis(failures, interval);
        assertTrue(pause >= previous, "pauses never shrink while failures go on");
        assertTrue(pause <= interval.toMillis(), pause + " ms after " + failures + " failures");
        if (failures <= LiveIndex.QUICK_RETRIES) {
          assertEquals(0, pause, "tried again at once: a pool's dead connections fail at once");
        }
        previous = pause;
      }
      assertEquals(interval.toMillis(), previous, "it reaches the poll interval");
    }
  }

  @Test
  @DisplayName(
      "R-IDX-1: a feed that reads organizations at a sequence before its own records is a port"
          + " failure, and nothing is applied")
  void aFeedReadingBeforeItsRecordsIsAPortFailure() {
    ChangeFeed behind =
        new ForwardingFeed(database.feed()) {
          @Override
          public Changes changesAfter(long sequence, int limit) {
            Changes real = super.changesAfter(sequence, limit);
            return new Changes(real.records(), real.organizations(), 0);
          }
        };
    try (LiveIndex live = LiveIndex.builder(behind).pollInterval(Duration.ofHours(1)).start()) {
      organizations(7, 1).forEach(two.store()::create);
      assertThrows(PortFailureException.class, live::catchUp);
      assertEquals(0, live.appliedSequence());
    }
  }

  @Test
  @DisplayName(
      "regression: a look whose records were read before a commit its sequence holds looks again"
          + " instead of reloading; a second look with no record is a pruned log (R-IDX-1)")
  void aLookRacingACommitLooksAgainBeforeReloading() {
    java.util.concurrent.atomic.AtomicInteger snapshots =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean racing =
        new java.util.concurrent.atomic.AtomicBoolean();
    ChangeFeed feed =
        new ForwardingFeed(database.feed()) {
          @Override
          public Changes changesAfter(long sequence, int limit) {
            Changes real = super.changesAfter(sequence, limit);
            return racing.getAndSet(false) // the records read before the commit, the rest after
                ? new Changes(List.of(), java.util.Map.of(), real.sequence())
                : real;
          }

          @Override
          public long snapshot(java.util.function.Consumer<ConnectedOrganization> sink) {
            snapshots.incrementAndGet();
            return super.snapshot(sink);
          }

          @Override
          public boolean awaitChange(Duration timeout) throws InterruptedException {
            Thread.sleep(timeout.toMillis()); // no signal: only this test's looks apply
            return false;
          }
        };
    try (LiveIndex live = LiveIndex.builder(feed).pollInterval(Duration.ofHours(1)).start()) {
      organizations(11, 3).forEach(two.store()::create);
      racing.set(true);
      live.catchUp();
      assertEquals(1, snapshots.get(), "loaded at start only: no reload");
      assertEqualsStore(live, database);
      organizations(12, 2).forEach(two.store()::create);
      database.pruneChangesThrough(database.lastSequence());
      live.catchUp();
      assertEquals(2, snapshots.get(), "the pruned log, seen by two looks, reloads");
      assertEqualsStore(live, database);
    }
  }

  @Test
  @DisplayName("a poll interval outside 10 ms to 1 hour is refused naming the field")
  void aBadPollIntervalIsRefused() {
    assertEquals(
        "pollInterval",
        assertThrows(
                dev.entente.errors.ValidationException.class,
                () -> LiveIndex.builder(database.feed()).pollInterval(Duration.ofMillis(9)))
            .field());
  }

  @Test
  @DisplayName(
      "regression: awaiting a sequence takes any duration, the longest one included, and a zero or"
          + " negative one only looks (R-IDX-2)")
  void awaitingASequenceTakesAnyDuration() throws Exception {
    organizations(8, 3).forEach(one.store()::create);
    one.catchUp();
    long applied = one.appliedSequence();
    assertEquals(3, applied);
    assertTrue(one.awaitSequence(applied, Duration.ofSeconds(Long.MAX_VALUE)), "no overflow");
    assertTrue(one.awaitSequence(applied, Duration.ofSeconds(-1)), "already applied");
    assertFalse(one.awaitSequence(applied + 1, Duration.ZERO), "not applied: looks only");
    assertFalse(one.awaitSequence(applied + 1, Duration.ofSeconds(Long.MIN_VALUE)), "likewise");
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "hang guard: still not true after minutes");
      Thread.sleep(5);
    }
  }
}
