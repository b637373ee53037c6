package dev.entente.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.StaleVersionException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.HostDirectory;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import dev.entente.spi.ChangeFeed;
import dev.entente.spi.ChangeFeeds;
import dev.entente.spi.OrganizationIndex;
import dev.entente.spi.OrganizationStore;
import dev.entente.testkit.EntenteGenerators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model-based test of {@link LiveDirectories}: random steps — writes in random directories by
 * another instance, lookups that load directories under a small budget (so evictions and reloads
 * happen all the time), pruned logs, and periods in which the signal and the store fail — checked
 * against a plain map per directory after every step.
 */
@DisplayName(
    "LiveDirectories against a model: evictions, reloads, lost signals, pruned logs (R-DIR-3)")
class LiveDirectoriesModelTest {
  private static final Duration GUARD = Duration.ofMinutes(10); // a hang guard only

  /** Feeds whose signal, polls, looks and loads fail while {@link #failing} is set. */
  static final class FaultyFeeds implements ChangeFeeds {
    final ChangeFeeds real;
    volatile boolean failing;

    FaultyFeeds(ChangeFeeds real) {
      this.real = real;
    }

    private void maybeFail(String what) {
      if (failing) {
        throw new PortFailureException(
            "FaultyFeeds." + what, new IllegalStateException("injected"));
      }
    }

    @Override
    public ChangeFeed feed(HostDirectory directory) {
      return new ForwardingFeed(real.feed(directory)) {
        @Override
        public long lastSequence() {
          maybeFail("lastSequence");
          return super.lastSequence();
        }

        @Override
        public Changes changesAfter(long sequence, int limit) {
          maybeFail("changesAfter");
          return super.changesAfter(sequence, limit);
        }

        @Override
        public long snapshot(Consumer<ConnectedOrganization> sink) {
          maybeFail("snapshot");
          return super.snapshot(sink);
        }
      };
    }

    @Override
    public Map<HostDirectory, Long> lastSequences(Collection<HostDirectory> directories) {
      maybeFail("lastSequences");
      return real.lastSequences(directories);
    }

    @Override
    public Set<HostDirectory> awaitChanges(Duration timeout) throws InterruptedException {
      Set<HostDirectory> heard = real.awaitChanges(timeout);
      maybeFail("awaitChanges"); // the signal lost, what it carried with it
      return heard;
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  @DisplayName(
      "R-DIR-3, R-IDX-1: after any steps, each directory's replica, once it has applied its last"
          + " sequence, holds exactly that directory's organizations")
  void replicasFollowTheModel(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    InMemoryChangeFeed database = new InMemoryChangeFeed();
    FaultyFeeds feeds = new FaultyFeeds(database.feeds());
    List<HostDirectory> directories = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      directories.add(HostDirectory.of("d" + i));
    }
    List<ConnectedOrganization> pool = EntenteGenerators.newOrganizations(random, 12);
    Map<HostDirectory, Map<OrganizationId, ConnectedOrganization>> model = new HashMap<>();
    directories.forEach(d -> model.put(d, new HashMap<>()));
    long budget = 5;
    int coldFailures = 0;
    int reloads = 0;
    try (LiveDirectories live =
        LiveDirectories.builder(feeds)
            .maxOrganizations(budget)
            .pollInterval(Duration.ofMillis(20))
            .start()) {
      for (int step = 0; step < 150; step++) {
        HostDirectory d = directories.get(random.nextInt(directories.size()));
        OrganizationStore other = database.inDirectory(d).store(); // another instance writes
        Map<OrganizationId, ConnectedOrganization> held = model.get(d);
        int choice = random.nextInt(10);
        if (choice < 4) {
          ConnectedOrganization org = pool.get(random.nextInt(pool.size()));
          ConnectedOrganization current = held.get(org.id());
          if (current == null) {
            if (org.identitySources().stream()
                .allMatch(s -> held.values().stream().noneMatch(h -> holds(h, s)))) {
              held.put(org.id(), other.create(org));
            }
          } else if (random.nextBoolean()) {
            other.delete(current.id(), current.version());
            held.remove(current.id());
          } else {
            ConnectedOrganization next =
                current.toBuilder()
                    .version(current.version().next())
                    .displayName("Step " + step)
                    .modifiedAt(current.modifiedAt().plusSeconds(1))
                    .build();
            held.put(next.id(), other.update(next));
          }
        } else if (choice < 5) {
          database.inDirectory(d).pruneChangesThrough(database.inDirectory(d).lastSequence());
        } else if (choice < 6) {
          feeds.failing = !feeds.failing; // a fault begins, or ends
        } else if (feeds.failing && !live.isLoaded(d)) {
          HostDirectory cold = d;
          coldFailures++;
          assertThrows(
              PortFailureException.class,
              () -> live.index(cold).byId(pool.get(0).id()),
              "a cold directory whose load fails is a typed failure, never a partial answer");
        } else if (!feeds.failing) {
          if (!live.isLoaded(d) && live.loadedOrganizations() > 0) {
            reloads++; // a directory dropped, or never loaded, while others are held
          }
          assertTrue(
              live.awaitSequence(d, database.inDirectory(d).lastSequence(), GUARD),
              "hang guard: " + d + " never caught up");
          check(live.index(d), held, pool, d);
          // a directory another instance grew is trimmed for once its writes are applied
          long deadline = System.nanoTime() + GUARD.toNanos();
          while (live.loadedOrganizations() > Math.max(budget, held.size())) {
            assertTrue(System.nanoTime() < deadline, "hang guard: the budget was never kept");
            Thread.sleep(5);
          }
        }
      }
      assertTrue(coldFailures > 0, "the steps met a cold directory whose load failed");
      assertTrue(reloads > 0, "the steps met a directory not held while others were");
      feeds.failing = false;
      for (HostDirectory d : directories) {
        assertTrue(live.awaitSequence(d, database.inDirectory(d).lastSequence(), GUARD));
        check(live.index(d), model.get(d), pool, d);
      }
    }
  }

  private static boolean holds(ConnectedOrganization org, IdentitySource source) {
    return org.identitySources().stream().anyMatch(s -> s.key().equals(source.key()));
  }

  private static void check(
      OrganizationIndex index,
      Map<OrganizationId, ConnectedOrganization> held,
      List<ConnectedOrganization> pool,
      HostDirectory d) {
    for (ConnectedOrganization org : pool) {
      ConnectedOrganization expected = held.get(org.id());
      assertEquals(expected, index.byId(org.id()), d + ": " + org.id());
      for (IdentitySource source : org.identitySources()) {
        ConnectedOrganization holder =
            held.values().stream().filter(h -> holds(h, source)).findFirst().orElse(null);
        assertEquals(holder, index.holderOf(source.key()), d + ": " + source.key());
      }
    }
  }

  @Test
  @DisplayName(
      "R-DIR-3: an untouched directory is never loaded, and a directory dropped under the budget"
          + " is loaded again on its next use, whole")
  void directoriesLoadOnDemandAndReloadAfterEviction() throws Exception {
    InMemoryChangeFeed database = new InMemoryChangeFeed();
    List<ConnectedOrganization> orgs =
        EntenteGenerators.newOrganizations(new SplittableRandom(9), 4);
    HostDirectory a = HostDirectory.of("a");
    HostDirectory b = HostDirectory.of("b");
    orgs.subList(0, 2).forEach(o -> database.inDirectory(a).store().create(o));
    orgs.subList(2, 4).forEach(o -> database.inDirectory(b).store().create(o));
    try (LiveDirectories live =
        LiveDirectories.builder(database.feeds()).maxOrganizations(2).start()) {
      assertEquals(Set.of(), live.loadedDirectories(), "nothing loaded before its use");
      assertEquals(orgs.get(0), live.index(a).byId(orgs.get(0).id()));
      assertEquals(Set.of(a), live.loadedDirectories());
      assertNull(live.index(a).byId(orgs.get(2).id()), "b's organization is not a's");
      assertEquals(orgs.get(2), live.index(b).byId(orgs.get(2).id()));
      assertEquals(Set.of(b), live.loadedDirectories(), "a dropped: two organizations a budget");
      assertEquals(orgs.get(1), live.index(a).byId(orgs.get(1).id()), "a loaded again, whole");
      assertEquals(Set.of(a), live.loadedDirectories());
      assertEquals(2, live.loadedOrganizations());
      ConnectedOrganization renamed =
          orgs.get(0).toBuilder().version(Version.of(2)).displayName("Renamed").build();
      live.store(a).update(renamed);
      assertEquals(renamed, live.index(a).byId(renamed.id()), "read your writes (R-IDX-2)");
      assertThrows(
          StaleVersionException.class,
          () -> live.store(b).update(orgs.get(2).toBuilder().version(Version.of(3)).build()));
      assertEquals(Set.of(b), live.loadedDirectories(), "the write in b loaded b, dropping a");
      assertEquals(2, live.appliedSequence(b), "b's own sequence");
      assertEquals(0, live.appliedSequence(a), "a is not loaded");
    }
  }
}
