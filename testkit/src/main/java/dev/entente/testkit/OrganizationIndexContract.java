package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.OrganizationStores;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of an {@link OrganizationIndex} kept by a host over its {@link OrganizationStore} (a
 * cache, a replica fed by a change log): extend it, return a new empty store and the index over it,
 * and run it with your tests.
 *
 * <pre>{@code
 * class MyIndexTest extends OrganizationIndexContract {
 *   @Override
 *   protected Pair newPair() {
 *     MyStore store = new MyStore(freshDatabase());
 *     return new Pair(store, new MyIndex(store));
 *   }
 * }
 * }</pre>
 *
 * <p>It checks what {@code OrganizationIndex}'s javadoc promises: read-your-writes (once a write
 * through the store returns, both lookups answer with it, R-IDX-2), one holder per key that holds a
 * source of that key (R-SRC-2), freed keys and deleted organizations answered with null — a delete
 * never undone, an id re-created at version 1 never taken for an older value (R-IDX-1) — and, while
 * another thread writes, never a value that was not committed whole.
 */
public abstract class OrganizationIndexContract {
  /**
   * A store and the index over it.
   *
   * @param store where the writes go
   * @param index what must answer with them
   */
  public record Pair(OrganizationStore store, OrganizationIndex index) {}

  /** The pair under test: a new one before each test. */
  protected Pair pair;

  /** For subclasses. */
  protected OrganizationIndexContract() {}

  /**
   * A new, empty store and the index over it; called before each test.
   *
   * @return the pair
   */
  protected abstract Pair newPair();

  /**
   * What the store of the pair can do beyond what every store must: {@link
   * Capability#MANY_DIRECTORIES} for an {@link OrganizationStores}; none unless overridden. The kit
   * checks the declaration against the store.
   *
   * @return the capabilities
   */
  protected Set<Capability> capabilities() {
    return Set.of();
  }

  @BeforeEach
  void freshPair() {
    pair = newPair();
  }

  @Test
  @DisplayName(
      "R-DIR-1 (optional, many directories): writes in another directory of the store never show in the index")
  @ContractCase(
      rules = {"R-DIR-1"},
      requirement = Requirement.OPTIONAL,
      capability = Capability.MANY_DIRECTORIES)
  void R_DIR_1_anIndexHoldsItsOwnDirectoryOnly() {
    ConnectedOrganization own = org(71, "index-own.example");
    pair.store().create(own);
    ConnectedOrganization twin = own.toBuilder().displayName("Twin elsewhere").build();
    if (Declared.manyDirectories(capabilities(), pair.store())) {
      OrganizationStores many = (OrganizationStores) pair.store();
      many.inDirectory(HostDirectory.of("entente-contract-other")).create(twin);
      ConnectedOrganization stranger = org(72, "index-stranger.example");
      many.inDirectory(HostDirectory.of("entente-contract-other")).create(stranger);
      assertNull(pair.index().byId(stranger.id()), "another directory's organization");
      assertNull(
          pair.index().holderOf(stranger.identitySources().get(0).key()),
          "another directory's key");
    }
    assertEquals(own, pair.index().byId(own.id()), "its own, not the twin of the same id");
    assertEquals(own, pair.index().holderOf(own.identitySources().get(0).key()));
  }

  private static ConnectedOrganization org(long seed, String domain) {
    return OrganizationStoreContract.withDomain(
        OrganizationStoreContract.newOrganization(new SplittableRandom(seed)), domain);
  }

  private static ConnectedOrganization next(ConnectedOrganization org, String domain) {
    return org.toBuilder()
        .version(org.version().next())
        .modifiedAt(org.modifiedAt().plusSeconds(1))
        .identitySources(List.of(EmailDomain.of(DomainName.of(domain))))
        .build();
  }

  private static IdentitySourceKey key(String domain) {
    return IdentitySourceKey.domain(DomainName.of(domain));
  }

  @Test
  @DisplayName("R-IDX-2 (required): a create is answered by id and by each key")
  @ContractCase(rules = {"R-IDX-2"})
  void R_IDX_2_aCreateIsAnsweredByIdAndByEveryKey() {
    ConnectedOrganization org = pair.store().create(org(1, "created.example"));
    assertEquals(org, pair.index().byId(org.id()), "byId after the create returned");
    for (IdentitySource source : org.identitySources()) {
      assertEquals(org, pair.index().holderOf(source.key()), "holderOf(" + source.key() + ")");
    }
  }

  @Test
  @DisplayName("R-IDX-2, R-SRC-2 (required): an update moves the keys, the old one is free")
  @ContractCase(rules = {"R-IDX-2", "R-SRC-2"})
  void R_IDX_2_anUpdateMovesTheKeys() {
    ConnectedOrganization org = pair.store().create(org(2, "old.example"));
    ConnectedOrganization moved = pair.store().update(next(org, "new.example"));
    assertEquals(moved, pair.index().byId(org.id()), "byId answers the new version");
    assertEquals(moved, pair.index().holderOf(key("new.example")), "the new key's holder");
    assertNull(pair.index().holderOf(key("old.example")), "the dropped key has no holder");
  }

  @Test
  @DisplayName("R-IDX-1, R-IDX-2 (required): a deleted organization and its keys are gone")
  @ContractCase(rules = {"R-IDX-1", "R-IDX-2"})
  void R_IDX_1_aDeleteIsGoneByIdAndByKey() {
    ConnectedOrganization org = pair.store().create(org(3, "deleted.example"));
    pair.store().delete(org.id(), org.version());
    assertNull(pair.index().byId(org.id()), "byId after the delete returned");
    assertNull(pair.index().holderOf(key("deleted.example")), "holderOf the deleted key");
  }

  @Test
  @DisplayName(
      "R-IDX-1, R-IDX-2 (required): an id deleted and created again at version 1, as an "
          + "import keeping Graph ids does, is answered with its keys, and gone once deleted again")
  @ContractCase(rules = {"R-IDX-1", "R-IDX-2"})
  void R_IDX_1_aReCreatedIdIsAnsweredAndItsDeleteToo() {
    ConnectedOrganization org = org(6, "recreated.example");
    pair.store().create(org);
    pair.store().delete(org.id(), org.version());
    ConnectedOrganization again = pair.store().create(org);
    assertEquals(again, pair.index().byId(org.id()), "byId after the re-create");
    assertEquals(again, pair.index().holderOf(key("recreated.example")), "its key");
    pair.store().delete(again.id(), again.version());
    assertNull(pair.index().byId(org.id()), "byId after the second delete");
    assertNull(pair.index().holderOf(key("recreated.example")), "its key after it");
  }

  @Test
  @DisplayName(
      "R-IDX-2, R-SRC-2 (required): a key one organization's update released and another's "
          + "create took is answered with the new holder")
  @ContractCase(rules = {"R-IDX-2", "R-SRC-2"})
  void R_IDX_2_aKeyPassedOnIsAnsweredWithItsNewHolder() {
    ConnectedOrganization first = pair.store().create(org(7, "passed.example"));
    pair.store().update(next(first, "kept.example"));
    ConnectedOrganization second = pair.store().create(org(8, "passed.example"));
    assertEquals(second, pair.index().holderOf(key("passed.example")), "the new holder");
    ConnectedOrganization kept = pair.index().holderOf(key("kept.example"));
    assertEquals(first.id(), kept == null ? null : kept.id(), "the first organization's own key");
  }

  @Test
  @DisplayName(
      "R-IDX-1 (required): after many rounds of update, delete and re-create of one id, the "
          + "index answers exactly the store's last state after each")
  @ContractCase(rules = {"R-IDX-1"})
  void R_IDX_1_roundsOfUpdateDeleteAndReCreateLeaveTheLastState() {
    ConnectedOrganization org = org(9, "round-0.example");
    for (int round = 1; round <= 50; round++) {
      ConnectedOrganization current = pair.store().create(org);
      ConnectedOrganization moved =
          pair.store().update(next(current, "round-" + round + ".example"));
      assertEquals(moved, pair.index().byId(org.id()), "round " + round + ": updated");
      assertNull(pair.index().holderOf(key("round-0.example")), "round " + round + ": released");
      if (round % 2 == 0) {
        pair.store().delete(moved.id(), moved.version());
        assertNull(pair.index().byId(org.id()), "round " + round + ": deleted");
        assertNull(
            pair.index().holderOf(key("round-" + round + ".example")), "round " + round + ": key");
      } else {
        pair.store().delete(moved.id(), moved.version());
      }
    }
  }

  @Test
  @DisplayName("R-IDX-2 (required): lookups of what nobody holds answer null")
  @ContractCase(rules = {"R-IDX-2"})
  void R_IDX_2_unknownIdsAndKeysAreNull() {
    assertNull(pair.index().byId(OrganizationId.of("nobody")), "byId of an unknown id");
    assertNull(pair.index().holderOf(key("nobody.example")), "holderOf an unknown key");
  }

  @Test
  @Timeout(value = HangGuard.MINUTES, unit = TimeUnit.MINUTES) // a hang guard, not a limit
  @DisplayName(
      "R-IDX-1, R-SRC-2 (required): while another thread writes, a holder always holds a "
          + "source of the key it is found by (R-SRC-2)")
  @ContractCase(rules = {"R-IDX-1", "R-SRC-2"})
  void R_IDX_1_concurrentReadersSeeOnlyWholeCommittedValues() throws Exception {
    ConnectedOrganization org = pair.store().create(org(4, "a.example"));
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> reads =
          reader.submit(
              () -> {
                int n = 0;
                while (!stop.get()) {
                  for (String domain : List.of("a.example", "b.example")) {
                    ConnectedOrganization holder = pair.index().holderOf(key(domain));
                    assertTrue(
                        holder == null
                            || holder.identitySources().stream()
                                .anyMatch(s -> s.key().equals(key(domain))),
                        "the holder of " + domain + " holds it: " + holder);
                  }
                  n++;
                }
                return n;
              });
      ConnectedOrganization current = org;
      for (int i = 0; i < 2_000; i++) {
        current = pair.store().update(next(current, i % 2 == 0 ? "b.example" : "a.example"));
      }
      stop.set(true);
      assertTrue(reads.get(HangGuard.MINUTES, TimeUnit.MINUTES) > 0, "the reader read");
      assertEquals(current, pair.index().byId(org.id()), "the last version, once the writes end");
    } finally {
      stop.set(true);
      reader.shutdownNow();
    }
  }
}
