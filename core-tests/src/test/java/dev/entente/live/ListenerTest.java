package dev.entente.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.Version;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Property;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "An EntenteListener is told of every decision, failed write and applied change (R-EMB-1)")
class ListenerTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final Policy ANYONE =
      Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());

  /** What a listener was told, in order. */
  static final class Told implements EntenteListener {
    final List<AccessDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<RuntimeException> thrown = Collections.synchronizedList(new ArrayList<>());
    final List<Long> applied = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void decided(AccessDecision decision) {
      decisions.add(decision);
    }

    @Override
    public void writeFailed(String operation, RuntimeException failure) {
      failures.add(operation);
      thrown.add(failure);
    }

    @Override
    public void changeApplied(long sequence, Duration delay) {
      applied.add(sequence);
      delays.add(delay);
    }
  }

  private static ConnectedOrganization contoso(Entente entente) {
    return entente
        .organizations()
        .create(
            OrganizationDraft.named("Contoso")
                .addIdentitySources(EmailDomain.of(DomainName.of("contoso.com")))
                .build(),
            ADMIN);
  }

  @Test
  @DisplayName(
      "every decision of Entente's matchers is told as returned, and approval's own check is not"
          + " a decision (R-EMB-1)")
  void everyDecisionIsTold() {
    Told told = new Told();
    Entente entente = Entente.builder().listener(told).build();
    contoso(entente);
    Requestor member = Requestor.passcodeUser(EmailAddress.of("ana@contoso.com"), true);
    Requestor stranger = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);

    AccessDecision admitted = entente.matcher().evaluate(member, ANYONE);
    AccessDecision proposing = entente.matcher().evaluate(stranger, List.of(ANYONE));
    entente.matcher().requestablePolicies(member, List.of(ANYONE));
    AccessDecision blocked =
        entente
            .matcher(CollaborationRestrictions.deny(List.of("woodgrove.com")))
            .evaluate(stranger, ANYONE);
    entente.organizations().approve(proposing);

    assertEquals(4, told.decisions.size(), "approve re-matches, and that is not told");
    assertTrue(told.decisions.get(0) == admitted && told.decisions.get(1) == proposing);
    assertEquals(ReasonCode.MEMBER_OF_ORGANIZATION, admitted.reason());
    assertEquals(ReasonCode.WOULD_PROPOSE_ORGANIZATION, proposing.reason());
    assertEquals(ReasonCode.BLOCKED_BY_DENY_LIST, blocked.reason());
    assertTrue(told.failures.isEmpty(), "nothing failed");
  }

  @Test
  @DisplayName(
      "a write that fails is told with its operation and what the caller is thrown, a write that"
          + " succeeds is not (R-EMB-1)")
  void failedWritesAreTold() {
    Told told = new Told();
    InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    Entente entente =
        Entente.builder()
            .store(store)
            .deleteGuard(org -> List.of("access package 7"))
            .listener(told)
            .build();
    ConnectedOrganization org = contoso(entente);
    StaleVersionException stale =
        assertThrows(
            StaleVersionException.class,
            () ->
                entente
                    .organizations()
                    .update(
                        org.id(),
                        Version.of(7),
                        OrganizationChanges.builder().displayName("Contoso Ltd").build(),
                        ADMIN));
    OrganizationInUseException inUse =
        assertThrows(
            OrganizationInUseException.class,
            () -> entente.organizations().delete(org.id(), org.version(), ADMIN));

    assertEquals(List.of("update", "delete"), told.failures);
    assertTrue(told.thrown.get(0) == stale && told.thrown.get(1) == inUse);
    assertEquals(org, store.get(org.id()).orElseThrow(), "and nothing changed");
  }

  @Test
  @DisplayName("a store that fails a create is told as the caller's PortFailureException (R-EMB-1)")
  void aPortFailureIsTold() {
    Told told = new Told();
    InMemoryOrganizationStore real = new InMemoryOrganizationStore();
    OrganizationStore store = // the real store, but its creates fail as a database's would
        (OrganizationStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {OrganizationStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("create")) {
                    throw new IllegalStateException("the database is down");
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Entente entente = Entente.builder().store(store).listener(told).build();
    PortFailureException thrown = assertThrows(PortFailureException.class, () -> contoso(entente));
    assertEquals(List.of("create"), told.failures);
    assertTrue(told.thrown.get(0) == thrown);
    assertEquals(0, real.size(), "nothing was stored");
  }

  @Test
  @DisplayName("a listener that throws changes no decision and no write (R-EMB-1)")
  void aThrowingListenerChangesNothing() {
    EntenteListener throwing =
        new EntenteListener() {
          @Override
          public void decided(AccessDecision decision) {
            throw new IllegalStateException("metrics are down");
          }

          @Override
          public void writeFailed(String operation, RuntimeException failure) {
            throw new IllegalStateException("metrics are down");
          }
        };
    Entente entente = Entente.builder().listener(throwing).build();
    ConnectedOrganization org = contoso(entente);
    Requestor member = Requestor.passcodeUser(EmailAddress.of("ana@contoso.com"), true);
    assertTrue(entente.matcher().evaluate(member, ANYONE).eligible());
    assertThrows(
        StaleVersionException.class,
        () -> entente.organizations().delete(org.id(), Version.of(9), ADMIN),
        "the write's own failure, not the listener's");
  }

  @Test
  @DisplayName(
      "for all writes through two replicas, each replica tells every change once, in sequence"
          + " order, with a delay never negative (R-EMB-1, R-IDX-1)")
  void everyChangeIsToldOnceInOrder() {
    Property.forAll(RandomGenerator::nextLong)
        .examples(60)
        .checkAssert(
            seed -> {
              InMemoryChangeFeed database = new InMemoryChangeFeed();
              Told toldOne = new Told();
              Told toldTwo = new Told();
              try (LiveIndex one = idle(database, toldOne);
                  LiveIndex two = idle(database, toldTwo)) {
                SplittableRandom random = new SplittableRandom(seed);
                List<ConnectedOrganization> orgs =
                    EntenteGenerators.newOrganizations(random, random.nextInt(1, 8));
                for (ConnectedOrganization org : orgs) {
                  LiveIndex through = random.nextBoolean() ? one : two;
                  ConnectedOrganization stored = through.store().create(org);
                  if (random.nextInt(3) == 0) {
                    through.catchUp(); // some catch-ups between writes, some not
                  }
                  switch (random.nextInt(3)) {
                    case 0 ->
                        (random.nextBoolean() ? one : two)
                            .store()
                            .delete(org.id(), stored.version());
                    case 1 ->
                        (random.nextBoolean() ? one : two)
                            .store()
                            .update(
                                stored.toBuilder()
                                    .version(stored.version().next())
                                    .displayName(stored.displayName() + " v2")
                                    .build());
                    default -> {}
                  }
                }
                one.catchUp();
                two.catchUp();
                List<Long> all =
                    LongStream.rangeClosed(1, database.lastSequence()).boxed().toList();
                assertEquals(all, toldOne.applied, "replica one");
                assertEquals(all, toldTwo.applied, "replica two");
                assertFalse(
                    toldOne.delays.stream().anyMatch(Duration::isNegative)
                        || toldTwo.delays.stream().anyMatch(Duration::isNegative));
              }
            });
  }

  private static LiveIndex idle(InMemoryChangeFeed database, EntenteListener listener) {
    return LiveIndex.builder(database.feed())
        .pollInterval(Duration.ofHours(1))
        .listener(listener)
        .start();
  }

  @Test
  @DisplayName("a replica tells a change's delay from its record's time by its own clock (R-EMB-1)")
  void theDelayIsMeasuredFromTheRecordsTime() {
    InMemoryChangeFeed database = new InMemoryChangeFeed();
    Told told = new Told();
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new SplittableRandom(3), 1).get(0);
    java.time.Instant later = org.createdAt().plusSeconds(2);
    try (LiveIndex live =
        LiveIndex.builder(database.feed())
            .pollInterval(Duration.ofHours(1))
            .clock(java.time.Clock.fixed(later, java.time.ZoneOffset.UTC))
            .listener(told)
            .start()) {
      database.store().create(org, AuditEvent.created(org)); // another instance's write
      live.catchUp();
    }
    assertEquals(List.of(1L), told.applied);
    assertEquals(List.of(Duration.ofSeconds(2)), told.delays);
  }
}
