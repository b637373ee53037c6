package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.ChangeRecord;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a store that keeps a {@link ChangeLog}: one record for every committed write,
 * none for a refused one (R-LOG-1), and sequences that a reader polling "after the last one I saw"
 * never skips, however writers interleave (R-LOG-2). Extend it beside {@link
 * OrganizationStoreContract}, whose model-based test also checks the log of such a store after
 * every step.
 *
 * @param <S> the store type
 */
public abstract class ChangeLogContract<S extends OrganizationStore & ChangeLog> {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

  /** The store under test: a new, empty one before each test. */
  protected S store;

  /** For subclasses. */
  protected ChangeLogContract() {}

  /**
   * A new, empty store with an empty log.
   *
   * @return the store
   */
  protected abstract S newStore();

  /**
   * How many writes each of the two writers of the commit-order test makes; 300 unless overridden.
   *
   * @return the writes per writer
   */
  protected int writesPerWriter() {
    return 300;
  }

  /**
   * What the store under test can do beyond what every store must: {@link
   * Capability#MANY_DIRECTORIES} for an {@link OrganizationStores} whose directories keep their own
   * logs; none unless overridden. The kit checks the declaration against the store.
   *
   * @return the capabilities
   */
  protected Set<Capability> capabilities() {
    return Set.of();
  }

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static ConnectedOrganization organization(String id, String domain) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(id))
        .displayName(id)
        .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
        .createdAt(AT)
        .createdBy(ADMIN)
        .build();
  }

  private static AuditEvent created(ConnectedOrganization org) {
    return AuditEvent.created(org);
  }

  private List<ChangeRecord> all() {
    return store.changesAfter(0, ChangeLog.MAX_LIMIT);
  }

  @Test
  @DisplayName(
      "R-DIR-2, R-DIR-1, R-LOG-2 (optional, many directories): each directory numbers its "
          + "own changes from 1 without gaps, reads and prunes only its own")
  @ContractCase(
      rules = {"R-DIR-2", "R-DIR-1", "R-LOG-2"},
      requirement = Requirement.OPTIONAL,
      capability = Capability.MANY_DIRECTORIES)
  void R_DIR_2_eachDirectoryKeepsItsOwnLog() {
    ConnectedOrganization a = organization("dir-own-1", "own.example");
    store.create(a, created(a).in(store.directory()));
    assertEquals(store.directory(), all().get(0).directory(), "a record names its directory");
    if (!Declared.manyDirectories(capabilities(), store)) {
      assertEquals(1, all().size());
      return;
    }
    OrganizationStore other =
        ((OrganizationStores) store).inDirectory(HostDirectory.of("entente-contract-other"));
    assertTrue(other instanceof ChangeLog, "another directory's store keeps its own log");
    ChangeLog otherLog = (ChangeLog) other;
    for (int i = 0; i < 3; i++) {
      other.create(organization("dir-other-" + i, "other" + i + ".example"));
    }
    ConnectedOrganization b = organization("dir-own-2", "own2.example");
    store.create(b, created(b).in(store.directory()));
    List<ChangeRecord> ours = all();
    assertEquals(2, ours.size(), "this directory's two records only: " + ours);
    assertEquals(ours.get(1).sequence(), store.lastSequence());
    List<ChangeRecord> theirs = otherLog.changesAfter(0, ChangeLog.MAX_LIMIT);
    assertEquals(3, theirs.size(), "the other directory's three: " + theirs);
    assertConsecutive(ours, "this directory's sequences");
    assertConsecutive(theirs, "the other directory's sequences");
    assertTrue(
        theirs.stream().allMatch(r -> r.directory().equals(other.directory())),
        "the other log holds its own directory's records: " + theirs);
    otherLog.pruneChangesThrough(theirs.get(2).sequence());
    assertEquals(2, all().size(), "a prune there prunes nothing here");
  }

  @Test
  @DisplayName(
      "R-LOG-1, R-MGT-6, R-LOG-2 (required): a create, an update and a delete each leave "
          + "one record saying what, who, when and which version")
  @ContractCase(rules = {"R-LOG-1", "R-MGT-6", "R-LOG-2"})
  void R_LOG_1_everyCommittedWriteHasExactlyOneRecord() {
    ConnectedOrganization org = organization("org-1", "one.example");
    store.create(org, created(org));
    Sponsor dana = Sponsor.of(Sponsor.Kind.USER, "dana", "Dana");
    ConnectedOrganization next =
        org.toBuilder()
            .version(Version.of(2))
            .addInternalSponsors(dana)
            .modifiedAt(AT.plusSeconds(1))
            .modifiedBy(ADMIN)
            .build();
    store.update(next, AuditEvent.sponsorAdded(org, next, dana));
    store.delete(org.id(), Version.of(2), AuditEvent.deleted(next, ADMIN, AT.plusSeconds(2)));

    List<ChangeRecord> log = all();
    assertEquals(3, log.size(), "three records: " + log);
    assertEquals(
        List.of(AuditEvent.Kind.CREATED, AuditEvent.Kind.SPONSOR_ADDED, AuditEvent.Kind.DELETED),
        log.stream().map(ChangeRecord::kind).toList());
    assertEquals(
        List.of(1L, 2L, 2L),
        log.stream().map(r -> r.version().value()).toList(),
        "the version written; for the delete, the version deleted");
    assertEquals(
        List.of(AT, AT.plusSeconds(1), AT.plusSeconds(2)),
        log.stream().map(ChangeRecord::at).toList(),
        "the event's time, to the microsecond");
    assertTrue(log.stream().allMatch(r -> r.organizationId().equals(org.id())));
    assertTrue(log.stream().allMatch(r -> r.actor().equals(ADMIN)));
    assertEquals(Set.of("internalSponsors"), log.get(1).changedFields());
    assertEquals(Optional.of("dana"), log.get(1).sponsorId());
    assertConsecutive(log, "the sequences of three writes");
    assertEquals(log.get(2).sequence(), store.lastSequence(), "the last sequence is the last's");
  }

  @Test
  @DisplayName(
      "R-LOG-1 (required): a refused create, update or delete leaves no record and does not "
          + "move the sequence")
  @ContractCase(rules = {"R-LOG-1"})
  void R_LOG_1_aRefusedWriteLeavesNoRecord() {
    ConnectedOrganization org = organization("org-1", "one.example");
    store.create(org, created(org));
    long last = store.lastSequence();
    ConnectedOrganization sameId = organization("org-1", "other.example");
    assertThrows(DuplicateOrganizationException.class, () -> store.create(sameId, created(sameId)));
    ConnectedOrganization sameKey = organization("org-2", "one.example");
    assertThrows(
        IdentitySourceConflictException.class, () -> store.create(sameKey, created(sameKey)));
    ConnectedOrganization stale = org.toBuilder().version(Version.of(3)).build();
    assertThrows(
        StaleVersionException.class,
        () -> store.update(stale, AuditEvent.updated(org, stale, Set.of())));
    ConnectedOrganization missing =
        organization("org-3", "three.example").toBuilder().version(Version.of(2)).build();
    assertThrows(
        OrganizationNotFoundException.class,
        () -> store.update(missing, AuditEvent.updated(missing, missing, Set.of())));
    assertThrows(
        StaleVersionException.class,
        () -> store.delete(org.id(), Version.of(2), AuditEvent.deleted(org, ADMIN, AT)));
    assertEquals(1, all().size(), "only the create's record: " + all());
    assertEquals(last, store.lastSequence(), "the sequence did not move");
  }

  @Test
  @DisplayName(
      "R-LOG-2 (required): a reader polling after its last sequence sees every record of "
          + "racing writers")
  @ContractCase(rules = {"R-LOG-2"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_LOG_2_aReaderPollingAfterItsLastSequenceNeverSkipsARecord() throws Exception {
    int perWriter = writesPerWriter();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger committed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  SplittableRandom random = new SplittableRandom(writer);
                  for (int i = 0; i < perWriter; i++) {
                    // a shared key now and then, so that some writes are refused
                    String domain =
                        random.nextInt(4) == 0
                            ? "shared" + random.nextInt(8) + ".example"
                            : "w" + writer + "-" + i + ".example";
                    ConnectedOrganization org = organization("w" + writer + "-" + i, domain);
                    try {
                      store.create(org, created(org));
                      committed.incrementAndGet();
                    } catch (IdentitySourceConflictException refused) {
                      // refused: no record expected
                    }
                  }
                  return null;
                }));
      }
      Future<List<ChangeRecord>> reader =
          pool.submit(
              () -> {
                List<ChangeRecord> seen = new ArrayList<>();
                long last = 0;
                boolean more = true;
                while (more) {
                  more = writing.get();
                  for (ChangeRecord r : store.changesAfter(last, 100)) {
                    seen.add(r);
                    last = r.sequence();
                  }
                }
                for (List<ChangeRecord> rest = store.changesAfter(last, 100);
                    !rest.isEmpty();
                    rest = store.changesAfter(last, 100)) {
                  seen.addAll(rest);
                  last = rest.get(rest.size() - 1).sequence();
                }
                return seen;
              });
      for (Future<?> writer : writers) {
        writer.get(HangGuard.MINUTES, TimeUnit.MINUTES);
      }
      writing.set(false);
      List<ChangeRecord> seen = reader.get(HangGuard.MINUTES, TimeUnit.MINUTES);
      List<ChangeRecord> log = all();
      assertEquals(committed.get(), log.size(), "one record per committed create");
      Set<Long> missed = new TreeSet<>(log.stream().map(ChangeRecord::sequence).toList());
      seen.stream().map(ChangeRecord::sequence).toList().forEach(missed::remove);
      assertEquals(Set.of(), missed, "sequences the polling reader skipped");
      assertEquals(log, seen, "the reader saw the log, in order, once each");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "R-LOG-2 (required): the log is bounded by pruning through a sequence; the last "
          + "sequence stays")
  @ContractCase(rules = {"R-LOG-2"})
  void R_LOG_2_pruningDeletesThroughTheSequenceAndKeepsTheRest() {
    for (int i = 1; i <= 5; i++) {
      ConnectedOrganization org = organization("org-" + i, "d" + i + ".example");
      store.create(org, created(org));
    }
    List<ChangeRecord> before = all();
    long third = before.get(2).sequence();
    assertEquals(3, store.pruneChangesThrough(third), "three records deleted");
    assertEquals(before.subList(3, 5), all(), "the last two remain");
    assertEquals(before.get(4).sequence(), store.lastSequence(), "pruning keeps the last sequence");
    assertEquals(0, store.pruneChangesThrough(third), "pruning again deletes nothing");
  }

  @Test
  @DisplayName(
      "R-LOG-2 (required): a limit outside 1 to 10,000 or a negative sequence is refused "
          + "naming the field")
  @ContractCase(rules = {"R-LOG-2"})
  void R_LOG_2_badReadArgumentsAreRefusedNamingTheField() {
    assertEquals("limit", refusal(() -> store.changesAfter(0, 0)).field());
    assertEquals("limit", refusal(() -> store.changesAfter(0, ChangeLog.MAX_LIMIT + 1)).field());
    assertEquals("sequence", refusal(() -> store.changesAfter(-1, 10)).field());
  }

  /** Each record's sequence is one more than the one before: no gaps, no reordering. */
  private static void assertConsecutive(List<ChangeRecord> records, String what) {
    List<Long> sequences = records.stream().map(ChangeRecord::sequence).toList();
    for (int i = 1; i < sequences.size(); i++) {
      assertEquals(
          sequences.get(i - 1) + 1, sequences.get(i), what + " follow one another: " + sequences);
    }
  }

  private static ValidationException refusal(Runnable call) {
    return assertThrows(ValidationException.class, call::run);
  }

  /**
   * The records a step of the model-based test should have left: one of {@code kind} for {@code id}
   * at {@code version} after a committed write, none after a refused one. Returns the log's new
   * last sequence.
   */
  static long assertStep(
      ChangeLog log,
      long last,
      AuditEvent.@Nullable Kind kind,
      OrganizationId id,
      Version version,
      String after) {
    List<ChangeRecord> records = log.changesAfter(last, 10);
    if (kind == null) {
      assertEquals(List.of(), records, "after " + after + ": records of a refused write");
      return last;
    }
    assertEquals(1, records.size(), "after " + after + ": one record, not " + records);
    ChangeRecord r = records.get(0);
    assertEquals(
        List.of(kind, id, version),
        List.of(r.kind(), r.organizationId(), r.version()),
        "after " + after + ": the record");
    return r.sequence();
  }
}
