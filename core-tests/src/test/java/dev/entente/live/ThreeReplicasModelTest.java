package dev.entente.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.embedded.InMemoryChangeFeed;
import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationId;
import dev.entente.spi.PageRequest;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Pages;
import dev.entente.testkit.Property;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A model-based test of three live indexes on one store: random writes through all of them —
 * creates, updates that move keys, deletes, re-creates of the same id — with another instance's
 * write or a look run between a write's commit and its return, replies lost after commit, reads
 * failing, the log pruned past some of them. The model is the store's history: every state each
 * organization had, with the sequence it began at.
 *
 * <p>After every step, each index holds, for every organization, a state no older than what it has
 * applied and what it wrote itself says (R-IDX-1: a delete never undone, a re-created id never
 * removed; R-IDX-2: its own writes); once the faults stop and each looks once, each equals the
 * store exactly, by id and by every key.
 */
@DisplayName("Three live indexes on one store, with faults: never older than applied (R-IDX-1)")
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a limit
class ThreeReplicasModelTest {
  private static final int REPLICAS = 3;

  /** One state of an organization: from {@code sequence} on, until the next one; null: absent. */
  private record State(long sequence, @Nullable ConnectedOrganization value) {}

  private static final class Run {
    final InMemoryChangeFeed database = new InMemoryChangeFeed();
    final List<FaultyFeed> feeds = new ArrayList<>();
    final List<LiveIndex> indexes = new ArrayList<>();
    final Map<OrganizationId, List<State>> history = new HashMap<>();

    /** Per index, per organization: the sequence of its own last write that returned. */
    final List<Map<OrganizationId, Long>> ownWrites = new ArrayList<>();

    /** Per index: the sequence of the last write that committed through it. */
    final long[] lastCommitted = new long[REPLICAS];

    final List<ConnectedOrganization> pool;
    final SplittableRandom random;

    Run(long seed, boolean threadsRunning) {
      random = new SplittableRandom(seed);
      pool = EntenteGenerators.newOrganizations(random, 8);
      for (int i = 0; i < REPLICAS; i++) {
        FaultyFeed feed = new FaultyFeed(database.feed());
        feed.signals = threadsRunning;
        int index = i;
        feed.onCommit =
            id -> {
              committed(id);
              lastCommitted[index] = database.lastSequence();
            };
        feeds.add(feed);
        indexes.add(
            LiveIndex.builder(feed)
                .pollInterval(threadsRunning ? Duration.ofMillis(10) : Duration.ofHours(1))
                .start());
        ownWrites.add(new HashMap<>());
      }
    }

    /** The store's state of {@code id} after the write that just committed, at its sequence. */
    void committed(OrganizationId id) {
      history
          .computeIfAbsent(id, k -> new ArrayList<>(List.of(new State(0, null))))
          .add(new State(database.lastSequence(), database.store().get(id).orElse(null)));
    }

    /** A random write through index {@code i}; refusals (a stale version, a key held) are fine. */
    void write(int i) {
      LiveIndex index = indexes.get(i);
      ConnectedOrganization base = pool.get(random.nextInt(pool.size()));
      ConnectedOrganization current = database.store().get(base.id()).orElse(null);
      try {
        if (current == null) {
          index.store().create(base); // a create, or a re-create of a deleted id at version 1
        } else if (random.nextInt(3) == 0) {
          index.store().delete(current.id(), current.version());
        } else {
          index.store().update(changed(current));
        }
        ownWrites.get(i).put(base.id(), lastCommitted[i]);
      } catch (EntenteException e) {
        // refused, or its reply lost after commit: the model has what committed
      }
    }

    /** {@code org} at its next version, renamed, with the sources of another of the pool. */
    ConnectedOrganization changed(ConnectedOrganization org) {
      List<IdentitySource> sources =
          random.nextBoolean()
              ? org.identitySources()
              : pool.get(random.nextInt(pool.size())).identitySources();
      return org.toBuilder()
          .version(org.version().next())
          .modifiedAt(org.modifiedAt().plusSeconds(1))
          .displayName("v" + org.version().next().value())
          .identitySources(sources)
          .build();
    }

    void step() {
      int i = random.nextInt(REPLICAS);
      FaultyFeed feed = feeds.get(i);
      switch (random.nextInt(10)) {
        case 0, 1, 2 -> write(i);
        case 3 -> { // another instance writes, or this one looks, between commit and return
          int other = (i + 1 + random.nextInt(REPLICAS - 1)) % REPLICAS;
          feed.afterNextCommit =
              () -> {
                if (random.nextBoolean()) {
                  write(other);
                }
                lookQuietly(i);
              };
          write(i);
          feed.afterNextCommit = null;
        }
        case 4 -> {
          feed.loseNextResponse = true;
          write(i);
          feed.loseNextResponse = false;
        }
        case 5, 6 -> lookQuietly(i);
        case 7 -> feed.failingReads.set(1 + random.nextInt(3));
        case 8 -> { // one batch of one record, another write after it, then the next look fails
          feed.recordsPerCall = 1;
          feed.afterNextLook =
              () -> {
                write((i + 1) % REPLICAS);
                feed.failingReads.set(1);
              };
          lookQuietly(i);
          feed.recordsPerCall = Integer.MAX_VALUE;
          feed.afterNextLook = null;
        }
        default -> database.pruneChangesThrough(random.nextLong(database.lastSequence() + 1));
      }
    }

    void lookQuietly(int i) {
      try {
        indexes.get(i).catchUp();
      } catch (PortFailureException e) {
        // injected: what was applied stays applied
      }
    }

    /**
     * Every index holds, for every organization, one of its states no older than the floor: the
     * last state its applied sequence covers, and its own last write.
     */
    void assertNeverOlderThanApplied() {
      for (int i = 0; i < REPLICAS; i++) {
        LiveIndex index = indexes.get(i);
        long applied = index.appliedSequence(); // read first: it only grows
        for (Map.Entry<OrganizationId, List<State>> e : history.entrySet()) {
          ConnectedOrganization held = index.byId(e.getKey());
          List<State> states = e.getValue();
          long floor = ownWrites.get(i).getOrDefault(e.getKey(), 0L);
          for (State s : states) {
            if (s.sequence() <= applied) {
              floor = Math.max(floor, s.sequence());
            }
          }
          Set<@Nullable ConnectedOrganization> allowed = new HashSet<>();
          for (int k = 0; k < states.size(); k++) {
            boolean lastsPastFloor = k == states.size() - 1 || states.get(k + 1).sequence() > floor;
            if (lastsPastFloor) {
              allowed.add(states.get(k).value());
            }
          }
          assertTrue(
              allowed.contains(held),
              "index "
                  + i
                  + " at "
                  + applied
                  + " holds "
                  + describe(held)
                  + " for "
                  + e.getKey()
                  + "; its history "
                  + describe(states)
                  + ", floor "
                  + floor);
        }
      }
    }

    void assertEachEqualsTheStore() {
      List<ConnectedOrganization> stored = Pages.all(database.store(), PageRequest.MAX_SIZE);
      for (int i = 0; i < REPLICAS; i++) {
        feeds.get(i).failingReads.set(0);
        LiveIndex index = indexes.get(i);
        index.catchUp();
        assertEquals(database.lastSequence(), index.appliedSequence(), "index " + i + " applied");
        assertEquals(stored, index.all(), "index " + i + " against the store");
        for (ConnectedOrganization org : stored) {
          for (IdentitySource source : org.identitySources()) {
            assertEquals(org, index.holderOf(source.key()), "index " + i + " " + source.key());
          }
        }
        for (ConnectedOrganization org : pool) {
          for (IdentitySource source : org.identitySources()) {
            assertEquals(
                database.store().findByKey(source.key()).orElse(null),
                index.holderOf(source.key()),
                "index " + i + ": the holder of " + source.key());
          }
        }
      }
    }

    void close() {
      indexes.forEach(LiveIndex::close);
    }
  }

  private static String describe(@Nullable ConnectedOrganization org) {
    return org == null ? "nothing" : org.displayName() + "@" + org.version().value();
  }

  private static String describe(List<State> states) {
    List<String> out = new ArrayList<>();
    states.forEach(s -> out.add(s.sequence() + ":" + describe(s.value())));
    return out.toString();
  }

  private static void run(long seed, boolean threadsRunning) {
    Run run = new Run(seed, threadsRunning);
    try {
      for (int step = 0; step < 60; step++) {
        run.step();
        if (!threadsRunning) {
          run.assertNeverOlderThanApplied();
        }
      }
      run.assertEachEqualsTheStore();
    } finally {
      run.close();
    }
  }

  @Test
  @DisplayName(
      "R-IDX-1, R-IDX-2: for all runs of writes, interleavings and faults, no index ever holds an"
          + " organization older than it applied or wrote, and each ends equal to the store")
  void noIndexIsEverOlderThanItAppliedOrWrote() {
    Property.forAll(RandomGenerator::nextLong).examples(300).checkAssert(seed -> run(seed, false));
  }

  @Test
  @DisplayName(
      "R-IDX-1: the same with every index's thread running, woken by each write and polling every"
          + " 10 ms: each ends equal to the store")
  void withTheThreadsRunningEachEndsEqualToTheStore() {
    Property.forAll(RandomGenerator::nextLong).examples(40).checkAssert(seed -> run(seed, true));
  }
}
