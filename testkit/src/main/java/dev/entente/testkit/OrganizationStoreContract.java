package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.EntenteException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.OrganizationQuery;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.Page;
import dev.entente.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
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
 * <p>It covers every operation and its errors, with nothing changed by a refused write; the
 * uniqueness of identity-source keys (R-SRC-2) under concurrent creates; no lost update under
 * concurrent versioned updates (R-MGT-4); paging that neither skips nor repeats under concurrent
 * inserts (R-MGT-1); and a model-based test that runs generated sequences of operations against the
 * store and a plain reference model, comparing after every step. Concurrency tests use {@value
 * #THREADS} threads and stop within seconds.
 */
public abstract class OrganizationStoreContract {
  /** Threads of the concurrency tests. */
  protected static final int THREADS = 4;

  private static final int ROUNDS = 200;

  /** The store under test: a new, empty one before each test. */
  protected OrganizationStore store;

  /** For subclasses. */
  protected OrganizationStoreContract() {}

  /**
   * A new, empty store; called before each test.
   *
   * @return a new, empty store; called before each test
   */
  protected abstract OrganizationStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /**
   * A generated organization at version 1, as a create takes it.
   *
   * @param random the source of randomness
   * @return a generated organization at version 1, as a create takes it
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
   * An organization with one email-domain source for {@code domain}.
   *
   * @param org the organization
   * @param domain the domain
   * @return an organization with one email-domain source for {@code domain}
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

  @Nested
  @DisplayName("create (R-MGT-1, R-SRC-2)")
  class Create {
    @Test
    void aCreatedOrganizationIsReadByIdAndByEveryKey() {
      ConnectedOrganization org = newOrganization(new SplittableRandom(1));
      assertEquals(org, store.create(org));
      assertHoldsExactly(List.of(org));
    }

    @Test
    void creatingAnIdTwiceIsRefusedAndChangesNothing() {
      ConnectedOrganization org = newOrganization(new SplittableRandom(2));
      store.create(org);
      ConnectedOrganization twin =
          newOrganization(new SplittableRandom(3)).toBuilder().id(org.id()).build();
      assertThrows(DuplicateOrganizationException.class, () -> store.create(twin));
      assertHoldsExactly(List.of(org));
      for (IdentitySource source : twin.identitySources()) {
        assertTrue(store.findByKey(source.key()).isEmpty(), "the refused twin claimed no key");
      }
    }

    @Test
    void aKeyAnotherOrganizationHoldsIsRefusedNamingTheHolder() {
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
          assertThrows(IdentitySourceConflictException.class, () -> store.create(clash));
      assertEquals(first.id(), e.holder());
      assertEquals(IdentitySourceKey.domain(DomainName.of("woodgrove.com")), e.key());
      assertHoldsExactly(List.of(first));
      assertTrue(
          store.findByKey(second.identitySources().get(0).key()).isEmpty(), "nothing half-written");
    }

    @Test
    void aDomainHeldAsAnEmailDomainCannotBeFederatedByAnother() {
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
      assertThrows(IdentitySourceConflictException.class, () -> store.create(federated));
      assertHoldsExactly(List.of(first));
    }

    @Test
    void aNewOrganizationAtAnotherVersionThanOneIsRefused() {
      ConnectedOrganization org = newOrganization(new SplittableRandom(8));
      assertThrows(EntenteException.class, () -> store.create(next(org)));
      assertHoldsExactly(List.of());
    }
  }

  @Nested
  @DisplayName("update (R-MGT-4, R-SRC-2)")
  class Update {
    @Test
    void anUpdateAtTheNextVersionReplacesAndMovesTheKeys() {
      ConnectedOrganization org =
          withDomain(newOrganization(new SplittableRandom(10)), "contoso.com");
      store.create(org);
      ConnectedOrganization changed =
          next(org).toBuilder()
              .displayName("Renamed")
              .identitySources(List.of(EmailDomain.of(DomainName.of("contoso.org"))))
              .build();
      assertEquals(changed, store.update(changed));
      assertHoldsExactly(List.of(changed));
      assertTrue(
          store.findByKey(IdentitySourceKey.domain(DomainName.of("contoso.com"))).isEmpty(),
          "the dropped key is free");
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
      ConnectedOrganization org = newOrganization(new SplittableRandom(11));
      store.create(org);
      ConnectedOrganization v2 = next(org);
      store.update(v2);
      ConnectedOrganization basedOnV1 = next(org).toBuilder().displayName("Lost update").build();
      StaleVersionException e =
          assertThrows(StaleVersionException.class, () -> store.update(basedOnV1));
      assertEquals(Version.of(2), e.actual());
      ConnectedOrganization skipping = next(next(v2));
      assertThrows(StaleVersionException.class, () -> store.update(skipping));
      assertHoldsExactly(List.of(v2));
    }

    @Test
    void updatingAMissingOrganizationIsRefused() {
      assertThrows(
          OrganizationNotFoundException.class,
          () -> store.update(next(newOrganization(new SplittableRandom(12)))));
      assertHoldsExactly(List.of());
    }

    @Test
    void takingAnotherOrganizationsKeyIsRefusedAndChangesNeither() {
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
          assertThrows(IdentitySourceConflictException.class, () -> store.update(grab));
      assertEquals(a.id(), e.holder());
      assertHoldsExactly(List.of(a, b));
      assertTrue(
          store.findByKey(IdentitySourceKey.domain(DomainName.of("b2.example"))).isEmpty(),
          "nothing half-written");
    }

    @Test
    void aKeyDroppedByOneOrganizationCanBeTakenByAnother() {
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
  }

  @Nested
  @DisplayName("delete (R-MGT-4)")
  class Delete {
    @Test
    void aDeleteRemovesTheOrganizationAndFreesItsKeys() {
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
    void aStaleOrMissingDeleteIsRefusedAndChangesNothing() {
      ConnectedOrganization org = newOrganization(new SplittableRandom(22));
      store.create(org);
      assertThrows(StaleVersionException.class, () -> store.delete(org.id(), Version.of(2)));
      assertThrows(
          OrganizationNotFoundException.class,
          () -> store.delete(OrganizationId.of("missing"), Version.initial()));
      assertHoldsExactly(List.of(org));
    }
  }

  @Nested
  @DisplayName("list and search (R-MGT-1, R-MGT-2)")
  class Paging {
    @Test
    void anEmptyStoreHasOneEmptyLastPage() {
      Page<ConnectedOrganization> page = store.list(PageRequest.first());
      assertTrue(page.items().isEmpty());
      assertTrue(page.next().isEmpty());
    }

    @Test
    void pagesCoverEveryOrganizationOnceInIdOrder() {
      List<ConnectedOrganization> orgs =
          EntenteGenerators.organizations(new SplittableRandom(30), 53).stream()
              .map(o -> o.toBuilder().version(Version.initial()).modifiedAt(o.createdAt()).build())
              .toList();
      orgs.forEach(store::create);
      List<OrganizationId> seen = new ArrayList<>();
      Page<ConnectedOrganization> page = store.list(PageRequest.first(7));
      while (true) {
        assertTrue(page.items().size() <= 7);
        page.items().forEach(o -> seen.add(o.id()));
        if (page.next().isEmpty()) {
          break;
        }
        page =
            store.list(
                PageRequest.after(dev.entente.spi.PageCursor.parse(page.next().get().token()), 7));
      }
      assertEquals(orgs.stream().map(ConnectedOrganization::id).sorted().toList(), seen);
    }

    @Test
    void searchReturnsExactlyWhatTheQueryMatches() {
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
                      .namePrefix(probe.displayName().substring(0, 3))
                      .state(OrganizationState.PROPOSED)
                      .build(),
                  OrganizationQuery.builder().state(OrganizationState.CONFIGURED).build()));
      for (ConnectedOrganization org : orgs) {
        for (IdentitySource source : org.identitySources()) {
          if (source instanceof EmailDomain e) {
            queries.add(OrganizationQuery.builder().domain(e.domainName()).build());
          } else if (source instanceof Federation f) {
            queries.add(
                OrganizationQuery.builder().domain(f.domainName()).issuer(f.issuerUri()).build());
          } else if (source instanceof dev.entente.model.EntraTenant t) {
            queries.add(OrganizationQuery.builder().tenantId(t.tenantId()).build());
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
  }

  @Nested
  @DisplayName("concurrency (R-SRC-2, R-MGT-4, R-MGT-1), bounded in threads and time")
  class Concurrency {
    @Test
    @Timeout(30)
    void concurrentCreatesOfOneKeyLetExactlyOneWin() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          String domain = "race" + round + ".example";
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Boolean>> results = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
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
            winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
          }
          assertEquals(1, winners, "creates of " + domain);
          assertTrue(store.findByKey(IdentitySourceKey.domain(DomainName.of(domain))).isPresent());
        }
        assertEquals(ROUNDS, all().size());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @Timeout(30)
    void concurrentVersionedUpdatesLoseNothing() throws Exception {
      ConnectedOrganization org =
          newOrganization(new SplittableRandom(40)).toBuilder()
              .internalSponsors(List.of())
              .externalSponsors(List.of())
              .build();
      store.create(org);
      int perThread = 200;
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      AtomicInteger stale = new AtomicInteger();
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
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
          f.get(20, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      ConnectedOrganization last = store.get(org.id()).orElseThrow();
      assertEquals(
          THREADS * perThread,
          last.internalSponsors().size(),
          "every update kept (" + stale + " stale retries)");
      assertEquals(Version.of(1 + THREADS * perThread), last.version());
    }

    @Test
    @Timeout(30)
    void pagingUnderConcurrentInsertsNeitherSkipsNorRepeats() throws Exception {
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
        inserter.get(10, TimeUnit.SECONDS);
      } finally {
        stop.set(true);
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("model-based: generated operation sequences against a reference model")
  class ModelBased {
    @Test
    @Timeout(120)
    void everyStepAgreesWithTheReferenceModel() {
      qt().withExamples(400)
          .withShrinkCycles(200)
          .withTestingTime(Duration.ofSeconds(40).toMillis(), TimeUnit.MILLISECONDS)
          .forAll(EntenteGenerators.gen(StoreModel::operations))
          .checkAssert(
              ops -> {
                OrganizationStore fresh = newStore();
                StoreModel model = new StoreModel();
                for (StoreModel.Operation op : ops) {
                  op.check(fresh, model);
                }
              });
    }
  }
}
