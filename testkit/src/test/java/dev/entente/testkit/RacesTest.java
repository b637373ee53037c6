package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ApprovalOutcome;
import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import dev.entente.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races, bounded in threads (4) and time (about a second each), with the invariants checked after
 * each run: one organization per identity-source key, no lost update, no half-written organization
 * (R-SRC-2, R-MGT-4, R-POL-3).
 */
@DisplayName("Races on the management service and the in-memory store")
class RacesTest {
  static final int THREADS = 4;
  static final Actor ADMIN = Actor.administrator("admin@host.example");

  final InMemoryOrganizationStore store = new InMemoryOrganizationStore();
  final Entente entente = Entente.builder().store(store).auditSink(event -> {}).build();
  final ConnectedOrganizations orgs = entente.organizations();

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void racingApprovalsOfManyRequestorsProposeEachOrganizationOnce() throws Exception {
    Policy anyone = Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());
    for (int round = 0; round < 30; round++) {
      List<AccessDecision> decisions = new ArrayList<>();
      for (int d = 0; d < 5; d++) {
        decisions.add(
            entente
                .matcher()
                .evaluate(
                    Requestor.passcodeUser(
                        EmailAddress.of("jo@r" + round + "-" + d + ".example"), true),
                    anyone));
      }
      List<Callable<List<ApprovalOutcome>>> approvers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        approvers.add(
            () -> {
              List<ApprovalOutcome> out = new ArrayList<>();
              for (AccessDecision decision : decisions) {
                out.add(orgs.approve(decision));
              }
              return out;
            });
      }
      int created = 0;
      for (List<ApprovalOutcome> outcomes : race(approvers)) {
        created += (int) outcomes.stream().filter(ApprovalOutcome::created).count();
      }
      assertEquals(5, created, "round " + round);
      assertInvariants();
    }
    assertEquals(150, store.size());
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void racingVersionedUpdatesThroughTheServiceLoseNothing() throws Exception {
    ConnectedOrganization org =
        orgs.create(
            OrganizationDraft.named("Contended")
                .addIdentitySources(EmailDomain.of(DomainName.of("contended.example")))
                .build(),
            ADMIN);
    AtomicInteger stale = new AtomicInteger();
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      writers.add(
          () -> {
            for (int i = 0; i < 100; i++) {
              while (true) {
                ConnectedOrganization current = orgs.get(org.id()).orElseThrow();
                try {
                  orgs.addExternalSponsor(
                      current.id(), current.version(), Sponsor.user("t" + thread + "-" + i), ADMIN);
                  break;
                } catch (StaleVersionException e) {
                  stale.incrementAndGet();
                }
              }
            }
            return 100;
          });
    }
    race(writers);
    ConnectedOrganization last = orgs.get(org.id()).orElseThrow();
    assertEquals(
        THREADS * 100,
        last.externalSponsors().size(),
        "no lost update (" + stale + " stale retries)");
    assertEquals(Version.of(1 + THREADS * 100), last.version());
    assertInvariants();
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  void createsAndDeletesRacingForOneIdentitySourceKeepOneHolderAndNoHalfWrites() throws Exception {
    IdentitySource contested = EmailDomain.of(DomainName.of("contested.example"));
    IdentitySourceKey key = contested.key();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger violations = new AtomicInteger();
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS - 1; t++) {
      int thread = t;
      workers.add(
          () -> {
            int wins = 0;
            for (int i = 0; i < 2_000 && !stop.get(); i++) {
              ConnectedOrganization org =
                  ConnectedOrganization.builder()
                      .id(OrganizationId.of("t" + thread + "-" + i))
                      .displayName("Contender " + thread)
                      .identitySources(
                          List.of(
                              contested,
                              EmailDomain.of(DomainName.of("own" + thread + "-" + i + ".example"))))
                      .createdAt(Instant.EPOCH)
                      .createdBy(ADMIN)
                      .build();
              try {
                store.create(org);
                wins++;
                store.delete(org.id(), org.version());
              } catch (IdentitySourceConflictException lost) {
                // another contender holds the key right now
              }
            }
            return wins;
          });
    }
    workers.add(
        () -> {
          int checks = 0;
          while (!stop.get() && checks < 200_000) {
            store
                .findByKey(key)
                .ifPresent(
                    holder -> {
                      // The contested key may change hands between two reads; the holder's own key
                      // may not:
                      // while the holder exists, its own key must find it, and never another
                      // organization.
                      IdentitySourceKey own = holder.identitySources().get(1).key();
                      Optional<ConnectedOrganization> byOwn = store.findByKey(own);
                      boolean wrongHolder =
                          byOwn.isPresent() && !byOwn.get().id().equals(holder.id());
                      boolean halfWritten = byOwn.isEmpty() && store.get(holder.id()).isPresent();
                      if (!holder.identitySources().get(0).key().equals(key)
                          || wrongHolder
                          || halfWritten) {
                        violations.incrementAndGet();
                      }
                    });
            checks++;
          }
          return checks;
        });
    List<Integer> results = race(workers, stop);
    assertEquals(
        0, violations.get(), "a reader saw a holder without the key, or half of an organization");
    assertTrue(
        results.subList(0, THREADS - 1).stream().mapToInt(Integer::intValue).sum() > 0,
        "someone won the key");
    assertInvariants();
    assertTrue(store.findByKey(key).isEmpty(), "every winner deleted its organization");
    assertEquals(0, store.size());
  }

  /**
   * One organization per key; every listed organization found again by each of its keys; nothing
   * else listed.
   */
  private void assertInvariants() {
    Map<IdentitySourceKey, OrganizationId> holders = new HashMap<>();
    List<ConnectedOrganization> all = Pages.all(store, PageRequest.MAX_SIZE);
    for (ConnectedOrganization org : all) {
      assertEquals(org, store.get(org.id()).orElseThrow());
      for (IdentitySource source : org.identitySources()) {
        OrganizationId earlier = holders.put(source.key(), org.id());
        assertEquals(null, earlier, "two organizations hold " + source.key());
        assertEquals(org.id(), store.findByKey(source.key()).orElseThrow().id());
      }
    }
    assertEquals(all.size(), store.size());
  }

  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    return race(tasks, new AtomicBoolean());
  }

  /**
   * Starts the tasks together and waits for them; a task's own stop condition or {@code stop}
   * bounds it.
   */
  private static <T> List<T> race(List<Callable<T>> tasks, AtomicBoolean stop) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        if (i == futures.size() - 1) {
          stop.set(true);
        }
        out.add(futures.get(i).get(HangGuard.MINUTES, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }
}
