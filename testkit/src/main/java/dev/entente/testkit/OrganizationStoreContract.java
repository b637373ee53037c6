package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.Federation;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link OrganizationStore} must pass: extend it, return a new empty store from
 * {@link #newStore()}, and run it with your tests.
 *
 * <pre>{@code
 * class MyStoreTest extends OrganizationStoreContract {
 *   @Override
 *   protected OrganizationStore newStore() {
 *     return new MyStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>It covers every operation and its errors, with nothing changed by a refused write, and the
 * exact exception type of each refusal; the uniqueness of identity-source keys (R-SRC-2) under
 * racing creates, racing updates that add one contested key, a create racing an update for one key,
 * and a delete racing an update that takes the deleted organization's key; no lost update under
 * concurrent versioned updates (R-MGT-4); paging in code-point order of the id that neither skips
 * nor repeats under concurrent inserts (R-MGT-1); and a model-based test that runs generated
 * sequences of operations against the store and a plain reference model, comparing after every
 * step.
 *
 * <p>Host directories (R-DIR-1): every store refuses a change record of a directory other than its
 * own and changes nothing; a store of many directories ({@link OrganizationStores}), which its test
 * declares with {@link Capability#MANY_DIRECTORIES} in {@link #capabilities()}, is checked for
 * isolation — nothing written in one directory is read, found, listed, refused or changed through
 * another, and each directory holds R-SRC-2 within itself.
 *
 * <p>Each case is named by the first rule it checks ({@code R_SRC_2_…}) and carries {@link
 * ContractCase} with all its rules and whether a store must pass it; the package's javadoc has the
 * table of rules and cases, and the kit's own build fails thirty deliberately broken stores, logs,
 * feeds and indexes, each in its case.
 *
 * <p>Every test is a method of this class, not of a nested one, so a report names the subclass —
 * the store under test — and reruns find the test again. The race tests use {@link #threads()}
 * threads and run {@link #raceRounds()} rounds: they count work done, never time, so a busy machine
 * makes them slower, not red; {@link #raceRounds()} says how a store on a database sizes them.
 */
public abstract class OrganizationStoreContract {
  /** Threads of the concurrency tests, unless {@link #threads()} says otherwise. */
  protected static final int THREADS = 4;

  /** The store under test: a new, empty one before each test. */
  protected OrganizationStore store;

  /** For subclasses. */
  protected OrganizationStoreContract() {}

  /**
   * A new, empty store. Called before each test, and once more for every example of the model-based
   * test ({@link #modelExamples()} times, plus its shrinking): each example starts from an empty
   * store. A database-backed store should return a store on a fresh schema or database, or on
   * emptied tables.
   *
   * @return a new, empty store
   */
  protected abstract OrganizationStore newStore();

  /**
   * How many threads the race tests use; 4 unless overridden.
   *
   * @return the thread count, at least 2
   */
  protected int threads() {
    return THREADS;
  }

  /**
   * How many rounds each race test runs; 200 unless overridden.
   *
   * <p>No test of this kit passes or fails on time: a race test runs its rounds to the end, however
   * long a busy machine makes them take, and only a hang (ten minutes) fails it. So size the rounds
   * by how long you are willing to wait. A round is about {@link #threads()} writes, each retried
   * while it meets a newer version, and the versioned-update race makes {@code raceRounds()}
   * updates a thread: for an in-memory store (microseconds a write) keep 200; for a store on a
   * database, where a write is a round trip or more (about a millisecond on loopback, more on a
   * network), 25 to 50 rounds keep each race test to seconds and still meet hundreds of collisions.
   * Fewer rounds catch fewer races; never go below 10.
   *
   * @return the number of rounds
   */
  protected int raceRounds() {
    return 200;
  }

  /**
   * How many generated operation sequences the model-based test runs; 400 unless overridden. The
   * test also stops generating after 40 seconds, so that a slow store or a busy machine runs fewer
   * sequences rather than failing; a store on a database may ask for fewer (100) from the start.
   *
   * @return the number of examples
   */
  protected int modelExamples() {
    return 400;
  }

  /**
   * What the store under test can do beyond what every store must: {@link
   * Capability#MANY_DIRECTORIES} for an {@link OrganizationStores}; none unless overridden. The kit
   * checks the declaration against the store, so it must be true.
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

  // ---------------------------------------------------------------------------------------------
  // host directories (R-DIR-1)

  /** A directory no test writes to but the isolation cases. */
  private static final HostDirectory OTHER = HostDirectory.of("entente-contract-other");

  @Test
  @DisplayName(
      "R-DIR-1 (required): a change record of another directory is refused, and nothing "
          + "changes")
  @ContractCase(rules = {"R-DIR-1"})
  void R_DIR_1_aChangeRecordOfAnotherDirectoryIsRefusedAndNothingChanges() {
    HostDirectory own = store.directory();
    HostDirectory other = own.equals(OTHER) ? HostDirectory.of("entente-contract-else") : OTHER;
    ConnectedOrganization org = newOrganization(new SplittableRandom(31));
    ValidationException refused =
        assertThrows(
            ValidationException.class,
            () -> store.create(org, AuditEvent.created(org).in(other)),
            "a create handed another directory's record");
    assertEquals("change.directory", refused.field());
    assertEquals(Optional.empty(), store.get(org.id()), "nothing was created");
    store.create(org);
    ConnectedOrganization renamed = next(org).toBuilder().displayName("Renamed").build();
    assertThrows(
        ValidationException.class,
        () -> store.update(renamed, AuditEvent.updated(renamed).in(other)));
    assertThrows(
        ValidationException.class,
        () ->
            store.delete(
                org.id(), org.version(), AuditEvent.deleted(org.id(), org.createdAt()).in(other)));
    assertEquals(Optional.of(org), store.get(org.id()), "neither the update nor the delete ran");
  }

  @Test
  @DisplayName(
      "R-DIR-1, R-SRC-2 (optional, many directories): nothing of one directory is read, "
          + "found, listed, refused or changed through another")
  @ContractCase(
      rules = {"R-DIR-1", "R-SRC-2"},
      requirement = Requirement.OPTIONAL,
      capability = Capability.MANY_DIRECTORIES)
  void R_DIR_1_directoriesShareNothing() {
    ConnectedOrganization org =
        withDomain(newOrganization(new SplittableRandom(41)), "shared.example");
    store.create(org);
    if (!Declared.manyDirectories(capabilities(), store)) {
      assertEquals(
          Optional.of(org), store.get(org.id()), "a store of one directory reads its own writes");
      return;
    }
    OrganizationStores many = (OrganizationStores) store;
    OrganizationStore other = many.inDirectory(OTHER);
    assertEquals(OTHER, other.directory(), "the store handed out is of the directory asked");
    IdentitySourceKey key = org.identitySources().get(0).key();
    assertEquals(Optional.empty(), other.get(org.id()), "get reads its own directory only");
    assertEquals(Optional.empty(), other.findByKey(key), "findByKey too");
    assertEquals(List.of(), other.list(PageRequest.first(10)).items(), "and list");
    assertEquals(
        List.of(),
        other
            .search(
                OrganizationQuery.builder().domain(DomainName.of("shared.example")).build(),
                PageRequest.first(10))
            .items(),
        "and search");
    // The same id and the same key in another directory: R-SRC-2 holds within each directory.
    ConnectedOrganization twin = org.toBuilder().displayName("Twin in another directory").build();
    other.create(twin);
    assertEquals(Optional.of(twin), other.findByKey(key));
    assertEquals(Optional.of(org), store.findByKey(key), "the first directory keeps its holder");
    ConnectedOrganization renamed = next(twin).toBuilder().displayName("Renamed there").build();
    other.update(renamed);
    assertEquals(Optional.of(org), store.get(org.id()), "an update there changes nothing here");
    other.delete(twin.id(), renamed.version());
    assertEquals(Optional.of(org), store.get(org.id()), "nor does a delete there");
    assertEquals(Optional.empty(), other.get(twin.id()));
    ConnectedOrganization again = twin.toBuilder().displayName("Again").build();
    other.create(again);
    assertThrows(
        StaleVersionException.class,
        () -> other.delete(again.id(), org.version().next()),
        "a version of this directory's organization means nothing there");
    assertTrue(
        many.directories(Optional.empty(), OrganizationStores.MAX_LIMIT).contains(OTHER),
        "the directory written to is listed");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /**
   * {@return a generated organization at version 1, as a create takes it}
   *
   * @param random the source of randomness
   */
  protected static ConnectedOrganization newOrganization(RandomGenerator random) {
    ConnectedOrganization org = EntenteGenerators.organization(random);
    return org.toBuilder()
        .version(Version.initial())
        .modifiedAt(org.createdAt())
        .modifiedBy(org.createdBy())
        .build();
  }

  /**
   * {@return an organization with one email-domain source for {@code domain}}
   *
   * @param org the organization
   * @param domain the domain
   */
  protected static ConnectedOrganization withDomain(ConnectedOrganization org, String domain) {
    return org.toBuilder().identitySources(List.of(EmailDomain.of(DomainName.of(domain)))).build();
  }

  private static ConnectedOrganization next(ConnectedOrganization org) {
    return org.toBuilder()
        .version(org.version().next())
        .modifiedAt(org.modifiedAt().plusSeconds(1))
        .build();
  }

  private static List<String> ids(List<ConnectedOrganization> orgs) {
    return orgs.stream().map(o -> o.id().toString()).toList();
  }

  private List<ConnectedOrganization> all() {
    return Pages.all(store, PageRequest.MAX_SIZE);
  }

  private void assertHoldsExactly(List<ConnectedOrganization> expected) {
    List<ConnectedOrganization> sorted = new ArrayList<>(expected);
    sorted.sort(Comparator.comparing(ConnectedOrganization::id));
    assertEquals(sorted, all(), "list() in id order");
    for (ConnectedOrganization org : expected) {
      assertEquals(org, store.get(org.id()).orElse(null), "get(" + org.id() + ")");
      for (IdentitySource source : org.identitySources()) {
        assertEquals(
            org, store.findByKey(source.key()).orElse(null), "findByKey(" + source.key() + ")");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R-MGT-1, R-SRC-2 (required): a created organization is read by id and by every key")
  @ContractCase(rules = {"R-MGT-1", "R-SRC-2"})
  void R_MGT_1_aCreatedOrganizationIsReadByIdAndByEveryKey() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(1));
    assertEquals(org, store.create(org), "create returns what it stored");
    assertHoldsExactly(List.of(org));
  }

  @Test
  @DisplayName(
      "R-LOG-3, R-MGT-1 (required): a write reported done is seen from another thread, as another"
          + " connection of the host's pool would see it")
  @ContractCase(rules = {"R-LOG-3", "R-MGT-1"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_LOG_3_aWriteReportedDoneIsSeenFromAnotherThread() throws Exception {
    ConnectedOrganization org =
        withDomain(newOrganization(new SplittableRandom(23)), "committed.example");
    store.create(org);
    ConnectedOrganization renamed =
        store.update(next(org).toBuilder().displayName("Renamed and committed").build());
    ConnectedOrganization gone =
        withDomain(newOrganization(new SplittableRandom(24)), "deleted.example");
    store.create(gone);
    store.delete(gone.id(), gone.version());
    ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    try {
      List<Object> seen =
          elsewhere
              .submit(
                  () ->
                      List.<Object>of(
                          store.get(org.id()),
                          store.findByKey(org.identitySources().get(0).key()),
                          ids(all()),
                          store.get(gone.id()),
                          store.findByKey(gone.identitySources().get(0).key())))
              .get(HangGuard.MINUTES, TimeUnit.MINUTES);
      assertEquals(
          List.of(
              Optional.of(renamed),
              Optional.of(renamed),
              List.of(org.id().toString()),
              Optional.empty(),
              Optional.empty()),
          seen,
          "another thread reads the update, and not the deleted organization: get, findByKey,"
              + " list, get, findByKey");
    } finally {
      elsewhere.shutdownNow();
    }
  }

  @Test
  @DisplayName("R-MGT-1, R-SRC-2 (required): creating an id twice is refused and changes nothing")
  @ContractCase(rules = {"R-MGT-1", "R-SRC-2"})
  void R_MGT_1_creatingAnIdTwiceIsRefusedAndChangesNothing() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(2));
    store.create(org);
    ConnectedOrganization twin =
        newOrganization(new SplittableRandom(3)).toBuilder().id(org.id()).build();
    assertThrows(
        DuplicateOrganizationException.class,
        () -> store.create(twin),
        "store.create(twin) is refused with DuplicateOrganizationException");
    assertHoldsExactly(List.of(org));
    for (IdentitySource source : twin.identitySources()) {
      assertTrue(store.findByKey(source.key()).isEmpty(), "the refused twin claimed no key");
    }
  }

  @Test
  @DisplayName(
      "R-SRC-2, R-MGT-1 (required): a key another organization holds is refused naming the "
          + "holder")
  @ContractCase(rules = {"R-SRC-2", "R-MGT-1"})
  void R_SRC_2_aKeyAnotherOrganizationHoldsIsRefusedNamingTheHolder() {
    ConnectedOrganization first =
        withDomain(newOrganization(new SplittableRandom(4)), "woodgrove.com");
    store.create(first);
    ConnectedOrganization second = newOrganization(new SplittableRandom(5));
    ConnectedOrganization clash =
        second.toBuilder()
            .identitySources(
                List.of(
                    second.identitySources().get(0),
                    EmailDomain.of(DomainName.of("Woodgrove.COM"))))
            .build();
    IdentitySourceConflictException e =
        assertThrows(
            IdentitySourceConflictException.class,
            () -> store.create(clash),
            "store.create(clash) is refused with IdentitySourceConflictException");
    assertEquals(first.id(), e.holder(), "the holder the conflict names");
    assertEquals(IdentitySourceKey.domain(DomainName.of("woodgrove.com")), e.key());
    assertHoldsExactly(List.of(first));
    assertTrue(
        store.findByKey(second.identitySources().get(0).key()).isEmpty(), "nothing half-written");
  }

  @Test
  @DisplayName(
      "R-SRC-2 (required): a domain held as an email domain cannot be federated by another")
  @ContractCase(rules = {"R-SRC-2"})
  void R_SRC_2_aDomainHeldAsAnEmailDomainCannotBeFederatedByAnother() {
    ConnectedOrganization first =
        withDomain(newOrganization(new SplittableRandom(6)), "fabrikam.com");
    store.create(first);
    ConnectedOrganization federated =
        newOrganization(new SplittableRandom(7)).toBuilder()
            .identitySources(
                List.of(
                    Federation.of(
                        DomainName.of("fabrikam.com"),
                        IssuerUri.of("https://sts.fabrikam.com/adfs"),
                        "Fabrikam")))
            .build();
    assertThrows(
        IdentitySourceConflictException.class,
        () -> store.create(federated),
        "store.create(federated) is refused with IdentitySourceConflictException");
    assertHoldsExactly(List.of(first));
  }

  @Test
  @DisplayName("R-MGT-4 (required): a new organization at another version than one is refused")
  @ContractCase(rules = {"R-MGT-4"})
  void R_MGT_4_aNewOrganizationAtAnotherVersionThanOneIsRefused() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(8));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> store.create(next(org)),
            "store.create(next(org)) is refused with ValidationException");
    assertEquals("version", e.field(), "the refused field");
    assertHoldsExactly(List.of());
  }

  @Test
  @DisplayName("R-MGT-4 (required): an update at version 1 is refused as the caller's mistake")
  @ContractCase(rules = {"R-MGT-4"})
  void R_MGT_4_anUpdateAtVersionOneIsRefusedAsACallersMistake() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(9));
    store.create(org);
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> store.update(org),
            "store.update(org) is refused with ValidationException");
    assertEquals("version", e.field(), "the refused field");
    ConnectedOrganization missing = newOrganization(new SplittableRandom(19));
    assertThrows(
        ValidationException.class,
        () -> store.update(missing),
        "store.update(missing) is refused with ValidationException");
    assertHoldsExactly(List.of(org));
  }

  @Test
  @DisplayName(
      "R-MGT-4, R-SRC-2 (required): an update at the next version replaces and moves the " + "keys")
  @ContractCase(rules = {"R-MGT-4", "R-SRC-2"})
  void R_MGT_4_anUpdateAtTheNextVersionReplacesAndMovesTheKeys() {
    ConnectedOrganization org =
        withDomain(newOrganization(new SplittableRandom(10)), "contoso.com");
    store.create(org);
    ConnectedOrganization changed =
        next(org).toBuilder()
            .displayName("Renamed")
            .identitySources(List.of(EmailDomain.of(DomainName.of("contoso.org"))))
            .build();
    assertEquals(changed, store.update(changed), "update returns what it stored");
    assertHoldsExactly(List.of(changed));
    assertTrue(
        store.findByKey(IdentitySourceKey.domain(DomainName.of("contoso.com"))).isEmpty(),
        "the dropped key is free");
  }

  @Test
  @DisplayName("R-MGT-4 (required): a stale version is refused and changes nothing")
  @ContractCase(rules = {"R-MGT-4"})
  void R_MGT_4_aStaleVersionIsRefusedAndChangesNothing() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(11));
    store.create(org);
    ConnectedOrganization v2 = next(org);
    store.update(v2);
    ConnectedOrganization basedOnV1 = next(org).toBuilder().displayName("Lost update").build();
    StaleVersionException e =
        assertThrows(
            StaleVersionException.class,
            () -> store.update(basedOnV1),
            "store.update(basedOnV1) is refused with StaleVersionException");
    assertEquals(Version.of(2), e.actual(), "the version the refusal says the store holds");
    ConnectedOrganization skipping = next(next(v2));
    assertThrows(
        StaleVersionException.class,
        () -> store.update(skipping),
        "store.update(skipping) is refused with StaleVersionException");
    assertHoldsExactly(List.of(v2));
  }

  @Test
  @DisplayName("R-MGT-1 (required): updating a missing organization is refused")
  @ContractCase(rules = {"R-MGT-1"})
  void R_MGT_1_updatingAMissingOrganizationIsRefused() {
    assertThrows(
        OrganizationNotFoundException.class,
        () -> store.update(next(newOrganization(new SplittableRandom(12)))),
        "an update of an id no organization has is refused");
    assertHoldsExactly(List.of());
  }

  @Test
  @DisplayName(
      "R-SRC-2 (required): taking another organization's key is refused and changes neither")
  @ContractCase(rules = {"R-SRC-2"})
  void R_SRC_2_takingAnotherOrganizationsKeyIsRefusedAndChangesNeither() {
    ConnectedOrganization a = withDomain(newOrganization(new SplittableRandom(13)), "a.example");
    ConnectedOrganization b = withDomain(newOrganization(new SplittableRandom(14)), "b.example");
    store.create(a);
    store.create(b);
    ConnectedOrganization grab =
        next(b).toBuilder()
            .identitySources(
                List.of(
                    EmailDomain.of(DomainName.of("b2.example")),
                    EmailDomain.of(DomainName.of("a.example"))))
            .build();
    IdentitySourceConflictException e =
        assertThrows(
            IdentitySourceConflictException.class,
            () -> store.update(grab),
            "store.update(grab) is refused with IdentitySourceConflictException");
    assertEquals(a.id(), e.holder(), "the holder the conflict names");
    assertHoldsExactly(List.of(a, b));
    assertTrue(
        store.findByKey(IdentitySourceKey.domain(DomainName.of("b2.example"))).isEmpty(),
        "nothing half-written");
  }

  @Test
  @DisplayName("R-SRC-2 (required): a key dropped by one organization can be taken by another")
  @ContractCase(rules = {"R-SRC-2"})
  void R_SRC_2_aKeyDroppedByOneOrganizationCanBeTakenByAnother() {
    ConnectedOrganization a = withDomain(newOrganization(new SplittableRandom(15)), "a.example");
    ConnectedOrganization b = withDomain(newOrganization(new SplittableRandom(16)), "b.example");
    store.create(a);
    store.create(b);
    ConnectedOrganization a2 = store.update(withDomain(next(a), "a2.example"));
    ConnectedOrganization b2 =
        store.update(
            next(b).toBuilder()
                .identitySources(
                    List.of(
                        EmailDomain.of(DomainName.of("b.example")),
                        EmailDomain.of(DomainName.of("a.example"))))
                .build());
    assertHoldsExactly(List.of(a2, b2));
  }

  @Test
  @DisplayName("R-MGT-1, R-SRC-2 (required): a delete removes the organization and frees its keys")
  @ContractCase(rules = {"R-MGT-1", "R-SRC-2"})
  void R_MGT_1_aDeleteRemovesTheOrganizationAndFreesItsKeys() {
    ConnectedOrganization org =
        withDomain(newOrganization(new SplittableRandom(20)), "tailspin.example");
    store.create(org);
    store.delete(org.id(), org.version());
    assertHoldsExactly(List.of());
    assertTrue(
        store.findByKey(IdentitySourceKey.domain(DomainName.of("tailspin.example"))).isEmpty());
    ConnectedOrganization again =
        withDomain(newOrganization(new SplittableRandom(21)), "tailspin.example");
    store.create(again);
    assertHoldsExactly(List.of(again));
  }

  @Test
  @DisplayName("R-MGT-4 (required): a stale or missing delete is refused and changes nothing")
  @ContractCase(rules = {"R-MGT-4"})
  void R_MGT_4_aStaleOrMissingDeleteIsRefusedAndChangesNothing() {
    ConnectedOrganization org = newOrganization(new SplittableRandom(22));
    store.create(org);
    assertThrows(
        StaleVersionException.class,
        () -> store.delete(org.id(), Version.of(2)),
        "store.delete(org.id(), Version.of(2)) is refused with StaleVersionException");
    assertThrows(
        OrganizationNotFoundException.class,
        () -> store.delete(OrganizationId.of("missing"), Version.initial()));
    assertHoldsExactly(List.of(org));
  }

  @Test
  @DisplayName("R-MGT-1 (required): an empty store has one empty last page")
  @ContractCase(rules = {"R-MGT-1"})
  void R_MGT_1_anEmptyStoreHasOneEmptyLastPage() {
    Page<ConnectedOrganization> page = store.list(PageRequest.first());
    assertTrue(page.items().isEmpty(), "an empty store lists nothing");
    assertTrue(page.next().isEmpty(), "the first page of an empty store is the last");
  }

  @Test
  @DisplayName("R-MGT-1 (required): pages cover every organization once in id order")
  @ContractCase(rules = {"R-MGT-1"})
  void R_MGT_1_pagesCoverEveryOrganizationOnceInIdOrder() {
    List<ConnectedOrganization> orgs =
        EntenteGenerators.organizations(new SplittableRandom(30), 53).stream()
            .map(o -> o.toBuilder().version(Version.initial()).modifiedAt(o.createdAt()).build())
            .toList();
    orgs.forEach(store::create);
    List<OrganizationId> seen = new ArrayList<>();
    Page<ConnectedOrganization> page = store.list(PageRequest.first(7));
    while (true) {
      assertTrue(page.items().size() <= 7, "a page holds at most its size");
      page.items().forEach(o -> seen.add(o.id()));
      if (page.next().isEmpty()) {
        break;
      }
      page =
          store.list(
              PageRequest.after(dev.entente.spi.PageCursor.parse(page.next().get().token()), 7));
    }
    assertEquals(orgs.stream().map(ConnectedOrganization::id).sorted().toList(), seen, "seen");
  }

  @Test
  @DisplayName("R-MGT-2 (required): search returns exactly what the query matches")
  @ContractCase(rules = {"R-MGT-2"})
  void R_MGT_2_searchReturnsExactlyWhatTheQueryMatches() {
    List<ConnectedOrganization> orgs =
        EntenteGenerators.organizations(new SplittableRandom(31), 80).stream()
            .map(o -> o.toBuilder().version(Version.initial()).modifiedAt(o.createdAt()).build())
            .toList();
    orgs.forEach(store::create);
    ConnectedOrganization probe = orgs.get(17);
    List<OrganizationQuery> queries =
        new ArrayList<>(
            List.of(
                OrganizationQuery.all(),
                OrganizationQuery.builder()
                    .nameContains(
                        probe.displayName().substring(1, 4).toUpperCase(java.util.Locale.ROOT))
                    .build(),
                OrganizationQuery.builder()
                    .nameContains(
                        probe.displayName().substring(0, 3).toLowerCase(java.util.Locale.ROOT))
                    .build(),
                OrganizationQuery.builder()
                    .namePrefix(probe.displayName().substring(0, 3))
                    .state(OrganizationState.PROPOSED)
                    .build(),
                OrganizationQuery.builder().state(OrganizationState.CONFIGURED).build()));
    for (ConnectedOrganization org : orgs) {
      for (IdentitySource source : org.identitySources()) {
        source.domain().ifPresent(d -> queries.add(OrganizationQuery.builder().domain(d).build()));
        switch (source.kind()) {
          case ENTRA_TENANT ->
              queries.add(
                  OrganizationQuery.builder()
                      .tenantId(((dev.entente.model.EntraTenant) source).tenantId())
                      .build());
          case FEDERATION ->
              queries.add(
                  OrganizationQuery.builder()
                      .domain(source.domain().orElseThrow())
                      .issuer(((Federation) source).issuerUri())
                      .build());
          case EMAIL_DOMAIN, SOCIAL_PROVIDER -> {}
        }
      }
    }
    for (OrganizationQuery query : queries) {
      List<ConnectedOrganization> expected =
          orgs.stream()
              .filter(query::matches)
              .sorted(Comparator.comparing(ConnectedOrganization::id))
              .toList();
      List<ConnectedOrganization> found = new ArrayList<>();
      Page<ConnectedOrganization> page = store.search(query, PageRequest.first(10));
      while (true) {
        found.addAll(page.items());
        if (page.next().isEmpty()) {
          break;
        }
        page = store.search(query, PageRequest.after(page.next().get(), 10));
      }
      assertEquals(expected, found, query.toString());
    }
  }

  @Test
  @DisplayName("R-SRC-2 (required): concurrent creates of one key let exactly one win")
  @ContractCase(rules = {"R-SRC-2"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_SRC_2_concurrentCreatesOfOneKeyLetExactlyOneWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    try {
      for (int round = 0; round < raceRounds(); round++) {
        String domain = "race" + round + ".example";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads(); t++) {
          ConnectedOrganization candidate =
              withDomain(newOrganization(new SplittableRandom(round * 100L + t)), domain);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      store.create(candidate);
                      return true;
                    } catch (IdentitySourceConflictException e) {
                      return false;
                    }
                  }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
          winners += result.get(HangGuard.MINUTES, TimeUnit.MINUTES) ? 1 : 0;
        }
        assertEquals(1, winners, "creates of " + domain);
        assertTrue(
            store.findByKey(IdentitySourceKey.domain(DomainName.of(domain))).isPresent(),
            "the winner holds " + domain);
      }
      assertEquals(raceRounds(), all().size(), "one organization per round");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("R-MGT-4 (required): concurrent versioned updates lose nothing")
  @ContractCase(rules = {"R-MGT-4"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_MGT_4_concurrentVersionedUpdatesLoseNothing() throws Exception {
    ConnectedOrganization org =
        newOrganization(new SplittableRandom(40)).toBuilder()
            .internalSponsors(List.of())
            .externalSponsors(List.of())
            .build();
    store.create(org);
    int perThread = raceRounds();
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    AtomicInteger stale = new AtomicInteger();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads(); t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    while (true) {
                      ConnectedOrganization current = store.get(org.id()).orElseThrow();
                      ConnectedOrganization changed =
                          next(current).toBuilder()
                              .addInternalSponsors(Sponsor.user("t" + thread + "-" + i))
                              .build();
                      try {
                        store.update(changed);
                        break;
                      } catch (StaleVersionException e) {
                        stale.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(HangGuard.MINUTES, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    ConnectedOrganization last = store.get(org.id()).orElseThrow();
    assertEquals(
        threads() * perThread,
        last.internalSponsors().size(),
        "every update kept (" + stale + " stale retries)");
    assertEquals(
        Version.of(1L + (long) threads() * perThread), last.version(), "one version per update");
  }

  @Test
  @DisplayName("R-MGT-1 (required): paging under concurrent inserts neither skips nor repeats")
  @ContractCase(rules = {"R-MGT-1"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_MGT_1_pagingUnderConcurrentInsertsNeitherSkipsNorRepeats() throws Exception {
    List<ConnectedOrganization> before =
        EntenteGenerators.organizations(new SplittableRandom(50), 300).stream()
            .map(o -> o.toBuilder().version(Version.initial()).modifiedAt(o.createdAt()).build())
            .toList();
    before.forEach(store::create);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> inserter =
          pool.submit(
              () -> {
                int n = 0;
                SplittableRandom random = new SplittableRandom(51);
                while (!stop.get() && n < 2_000) {
                  try {
                    store.create(withDomain(newOrganization(random), "insert" + n + ".example"));
                  } catch (IdentitySourceConflictException | DuplicateOrganizationException e) {
                    // a generated key or id clashed with an existing one: fine for this test
                  }
                  n++;
                }
                return n;
              });
      for (int pass = 0; pass < 5; pass++) {
        Set<OrganizationId> seen = new HashSet<>();
        Page<ConnectedOrganization> page = store.list(PageRequest.first(9));
        while (true) {
          for (ConnectedOrganization o : page.items()) {
            assertTrue(seen.add(o.id()), "repeated " + o.id());
          }
          if (page.next().isEmpty()) {
            break;
          }
          page = store.list(PageRequest.after(page.next().get(), 9));
        }
        for (ConnectedOrganization o : before) {
          assertTrue(seen.contains(o.id()), "skipped " + o.id());
        }
      }
      stop.set(true);
      inserter.get(HangGuard.MINUTES, TimeUnit.MINUTES);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  /** Runs the racers at once, each on its own thread, and returns how many writes were accepted. */
  private static int race(List<Callable<Boolean>> racers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> racer : racers) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return racer.call();
                }));
      }
      start.countDown();
      int accepted = 0;
      for (Future<Boolean> result : results) {
        accepted += result.get(HangGuard.MINUTES, TimeUnit.MINUTES) ? 1 : 0;
      }
      return accepted;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A write that answers true when accepted and false when refused as the SPI allows. */
  private static Callable<Boolean> attempt(Runnable write) {
    return () -> {
      try {
        write.run();
        return true;
      } catch (IdentitySourceConflictException
          | StaleVersionException
          | OrganizationNotFoundException e) {
        return false;
      }
    };
  }

  /**
   * R-SRC-2 over the whole store: no key is held by two listed organizations, and {@code findByKey}
   * of every key of every listed organization answers that organization.
   */
  private void assertEveryKeyHasOneHolder(String when) {
    Map<IdentitySourceKey, OrganizationId> holders = new HashMap<>();
    for (ConnectedOrganization org : all()) {
      for (IdentitySource source : org.identitySources()) {
        OrganizationId earlier = holders.put(source.key(), org.id());
        assertTrue(
            earlier == null,
            when + ": " + source.key() + " is held by both " + earlier + " and " + org.id());
        assertEquals(
            Optional.of(org.id()),
            store.findByKey(source.key()).map(ConnectedOrganization::id),
            when + ": findByKey(" + source.key() + ")");
      }
    }
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  @DisplayName(
      "R-SRC-2 (required): of updates that each add one contested key to another "
          + "organization, exactly one wins")
  @ContractCase(rules = {"R-SRC-2"})
  void R_SRC_2_racingUpdatesOfOneContestedKeyLetExactlyOneWin() throws Exception {
    List<ConnectedOrganization> orgs = new ArrayList<>();
    for (int t = 0; t < threads(); t++) {
      ConnectedOrganization org =
          withDomain(newOrganization(new SplittableRandom(60 + t)), "own" + t + ".example");
      store.create(org);
      orgs.add(org);
    }
    for (int round = 0; round < raceRounds(); round++) {
      String contested = "contested" + round + ".example";
      List<Callable<Boolean>> racers = new ArrayList<>();
      for (ConnectedOrganization org : orgs) {
        ConnectedOrganization current = store.get(org.id()).orElseThrow();
        ConnectedOrganization grab =
            next(current).toBuilder()
                .addIdentitySources(EmailDomain.of(DomainName.of(contested)))
                .build();
        racers.add(attempt(() -> store.update(grab)));
      }
      assertEquals(1, race(racers), "accepted updates adding " + contested);
      assertEveryKeyHasOneHolder("after round " + round);
    }
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  @DisplayName("R-SRC-2 (required): of a create and an update claiming one key, exactly one wins")
  @ContractCase(rules = {"R-SRC-2"})
  void R_SRC_2_aCreateRacingAnUpdateForOneKeyLetsExactlyOneWin() throws Exception {
    ConnectedOrganization holder =
        withDomain(newOrganization(new SplittableRandom(70)), "updated.example");
    store.create(holder);
    for (int round = 0; round < raceRounds(); round++) {
      String contested = "claimed" + round + ".example";
      ConnectedOrganization grab =
          next(store.get(holder.id()).orElseThrow()).toBuilder()
              .addIdentitySources(EmailDomain.of(DomainName.of(contested)))
              .build();
      ConnectedOrganization created =
          withDomain(newOrganization(new SplittableRandom(7_000 + round)), contested);
      int accepted =
          race(List.of(attempt(() -> store.update(grab)), attempt(() -> store.create(created))));
      assertEquals(1, accepted, "accepted writes claiming " + contested);
      assertEveryKeyHasOneHolder("after round " + round);
    }
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  @DisplayName(
      "R-SRC-2, R-MGT-4 (required): a delete racing an update that takes the deleted "
          + "organization's key leaves the key with one holder at most")
  @ContractCase(rules = {"R-SRC-2", "R-MGT-4"})
  void R_SRC_2_aDeleteRacingAnUpdateThatTakesItsKeyLeavesOneHolder() throws Exception {
    ConnectedOrganization taker =
        withDomain(newOrganization(new SplittableRandom(80)), "taker.example");
    store.create(taker);
    for (int round = 0; round < raceRounds(); round++) {
      String contested = "freed" + round + ".example";
      ConnectedOrganization holder =
          withDomain(newOrganization(new SplittableRandom(8_000 + round)), contested);
      store.create(holder);
      ConnectedOrganization grab =
          next(store.get(taker.id()).orElseThrow()).toBuilder()
              .addIdentitySources(EmailDomain.of(DomainName.of(contested)))
              .build();
      race(
          List.of(
              attempt(() -> store.delete(holder.id(), holder.version())),
              attempt(() -> store.update(grab))));
      assertTrue(store.get(holder.id()).isEmpty(), "the delete, which nothing contests, won");
      assertEveryKeyHasOneHolder("after round " + round);
    }
  }

  @Test
  @DisplayName(
      "R-MGT-1 (required): an id deleted and created again is listed once, across page "
          + "boundaries")
  @ContractCase(rules = {"R-MGT-1"})
  void R_MGT_1_anIdDeletedAndCreatedAgainIsListedOnce() {
    for (String id : List.of("a", "m", "x")) {
      store.create(
          newOrganization(new SplittableRandom(id.hashCode())).toBuilder()
              .id(OrganizationId.of(id))
              .identitySources(List.of(EmailDomain.of(DomainName.of(id + ".recreated.example"))))
              .build());
    }
    ConnectedOrganization m = store.get(OrganizationId.of("m")).orElseThrow();
    store.delete(m.id(), m.version());
    store.create(m);
    for (int size = 1; size <= 4; size++) {
      assertEquals(List.of("a", "m", "x"), ids(Pages.all(store, size)), "pages of " + size);
    }
  }

  @Test
  @DisplayName(
      "R-MGT-1 (required): pages follow the code-point order of the id, whatever a "
          + "database's collation says")
  @ContractCase(rules = {"R-MGT-1"})
  void R_MGT_1_pagesFollowTheCodePointOrderOfTheId() {
    List<String> ids = List.of("a-1", "B-2", "b-1", "C", "_x", "Z9", "~t", "0");
    for (int i = 0; i < ids.size(); i++) {
      store.create(
          newOrganization(new SplittableRandom(90 + i)).toBuilder()
              .id(OrganizationId.of(ids.get(i)))
              .identitySources(List.of(EmailDomain.of(DomainName.of("order" + i + ".example"))))
              .build());
    }
    assertEquals(
        List.of("0", "B-2", "C", "Z9", "_x", "a-1", "b-1", "~t"),
        ids(Pages.all(store, 3)),
        "ids in code-point order (String.compareTo), across pages");
  }

  @Test
  @DisplayName(
      "R-MGT-1, R-MGT-4, R-SRC-2, R-LOG-1 (required): model-based (R-MGT-1, R-MGT-4, "
          + "R-SRC-2): every step of generated operation sequences agrees with a reference model")
  @ContractCase(rules = {"R-MGT-1", "R-MGT-4", "R-SRC-2", "R-LOG-1"})
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void R_MGT_1_everyStepAgreesWithTheReferenceModel() {
    Property.forAll(StoreModel::operations)
        .examples(modelExamples())
        .shrinkRuns(200)
        .timeBudget(Duration.ofSeconds(40))
        .checkAssert(
            ops -> {
              AssertionError failure = run(ops);
              if (failure != null) {
                throw failure;
              }
            });
  }

  /**
   * Runs one sequence on a new store and the model; the failure, or null when every step agreed.
   */
  private @Nullable AssertionError run(List<StoreModel.Operation> ops) {
    OrganizationStore fresh = newStore();
    StoreModel model = new StoreModel();
    List<String> done = new ArrayList<>();
    for (StoreModel.Operation op : ops) {
      try {
        done.add(op.check(fresh, model));
      } catch (AssertionError e) {
        return new AssertionError(
            ops.size()
                + " steps: "
                + (done.isEmpty() ? "" : String.join("; ", done) + "; then ")
                + e.getMessage(),
            e.getCause() == null ? e : e.getCause());
      }
    }
    return null;
  }
}
