package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.live.LiveDirectories;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.Version;
import dev.entente.spi.OrganizationStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Directories decide alone, for all interleavings of writes in several (R-DIR-1)")
class DirectoriesPropertyTest {
  /** One write: in a directory, create an organization of the pool, or delete one it holds. */
  record Write(HostDirectory directory, ConnectedOrganization organization, boolean delete) {}

  /**
   * Directories that take organizations from one shared pool — the same ids and keys in several
   * directories, the most confusable data — written in one random interleaving, and requests.
   */
  record World(
      List<HostDirectory> directories,
      List<Write> writes,
      List<Requestor> requestors,
      List<Policy> policies) {}

  static World world(RandomGenerator random) {
    List<ConnectedOrganization> pool =
        EntenteGenerators.newOrganizations(random, random.nextInt(1, 10));
    List<HostDirectory> directories = new ArrayList<>();
    for (int i = random.nextInt(2, 5); i > 0; i--) {
      directories.add(HostDirectory.of("directory-" + i));
    }
    List<Write> writes = new ArrayList<>();
    for (int i = random.nextInt(0, 30); i > 0; i--) {
      writes.add(
          new Write(
              directories.get(random.nextInt(directories.size())),
              pool.get(random.nextInt(pool.size())),
              random.nextInt(4) == 0));
    }
    List<Requestor> requestors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      requestors.add(EntenteGenerators.requestor(random, pool));
    }
    List<Policy> policies = new ArrayList<>();
    for (int i = random.nextInt(1, 3); i > 0; i--) {
      policies.add(EntenteGenerators.policy(random, pool));
    }
    return new World(directories, writes, requestors, policies);
  }

  static final Generator<World> WORLDS = DirectoriesPropertyTest::world;

  /** Applies a write where it applies (a create of an id held, a delete of one not, is skipped). */
  private static void apply(OrganizationStore store, Write w) {
    ConnectedOrganization org = w.organization();
    if (w.delete()) {
      store.get(org.id()).ifPresent(held -> store.delete(held.id(), held.version()));
    } else if (store.get(org.id()).isEmpty()
        && org.identitySources().stream().allMatch(s -> store.findByKey(s.key()).isEmpty())) {
      store.create(org);
    }
  }

  /** What a decision says, to compare two. */
  private static String said(AccessDecision d) {
    return d.eligible()
        + " "
        + d.membership()
        + " "
        + d.chosenPolicy()
        + " "
        + d.proposal()
        + " "
        + d.explanation();
  }

  /** For every directory, its decisions next to those of a store holding its writes alone. */
  private static void decidesAlone(World world, Map<HostDirectory, Entente> served) {
    for (HostDirectory d : world.directories()) {
      InMemoryOrganizationStore own = new InMemoryOrganizationStore();
      world.writes().stream().filter(w -> w.directory().equals(d)).forEach(w -> apply(own, w));
      Entente alone = Entente.builder().store(own).build();
      for (Requestor requestor : world.requestors()) {
        assertEquals(
            said(alone.matcher().evaluate(requestor, world.policies())),
            said(served.get(d).matcher().evaluate(requestor, world.policies())),
            d + " decides as a store of its own organizations alone would");
      }
    }
  }

  @Test
  @DisplayName(
      "R-DIR-1: for all interleavings, each directory of one in-memory store decides as a store of"
          + " its own organizations alone")
  void eachDirectoryOfOneStoreDecidesAlone() {
    Property.forAll(WORLDS)
        .examples(300)
        .checkAssert(
            world -> {
              InMemoryOrganizationStore store = new InMemoryOrganizationStore();
              Entente deployment = Entente.builder().store(store).build();
              world.writes().forEach(w -> apply(store.inDirectory(w.directory()), w));
              Map<HostDirectory, Entente> served = new LinkedHashMap<>();
              world.directories().forEach(d -> served.put(d, deployment.directory(d)));
              decidesAlone(world, served);
            });
  }

  @Test
  @DisplayName(
      "R-DIR-1, R-DIR-3: for all interleavings, each directory's replica in LiveDirectories"
          + " decides as a store of its own organizations alone, under a budget that evicts")
  void eachReplicatedDirectoryDecidesAlone() {
    Property.forAll(WORLDS)
        .examples(60)
        .checkAssert(
            world -> {
              InMemoryChangeFeed database = new InMemoryChangeFeed();
              try (LiveDirectories live =
                  LiveDirectories.builder(database.feeds()).maxOrganizations(3).start()) {
                Entente deployment = Entente.builder().replicas(live).build();
                world.writes().forEach(w -> apply(live.store(w.directory()), w));
                Map<HostDirectory, Entente> served = new LinkedHashMap<>();
                world.directories().forEach(d -> served.put(d, deployment.directory(d)));
                decidesAlone(world, served);
              }
            });
  }

  @Test
  @DisplayName("R-DIR-1: an organization's version in one directory is not its version in another")
  void versionsAreCountedPerDirectory() {
    InMemoryOrganizationStore deployment = new InMemoryOrganizationStore();
    ConnectedOrganization org =
        EntenteGenerators.newOrganizations(new java.util.SplittableRandom(3), 1).get(0);
    OrganizationStore a = deployment.inDirectory(HostDirectory.of("a"));
    OrganizationStore b = deployment.inDirectory(HostDirectory.of("b"));
    a.create(org);
    a.update(org.toBuilder().version(Version.of(2)).displayName("Two").build());
    b.create(org);
    assertEquals(Version.of(2), a.get(org.id()).orElseThrow().version());
    assertEquals(Version.of(1), b.get(org.id()).orElseThrow().version());
  }
}
