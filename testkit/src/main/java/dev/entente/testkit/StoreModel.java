package dev.entente.testkit;

import static dev.entente.spi.AuditEvent.Kind.CREATED;
import static dev.entente.spi.AuditEvent.Kind.DELETED;
import static dev.entente.spi.AuditEvent.Kind.UPDATED;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.errors.DuplicateOrganizationException;
import dev.entente.errors.IdentitySourceConflictException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.errors.StaleVersionException;
import dev.entente.errors.ValidationException;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.Version;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.ChangeLog;
import dev.entente.spi.OrganizationStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The reference model of an {@link OrganizationStore} for the contract's model-based test: a sorted
 * map, with the rules of the store's javadoc written out plainly. An operation is a kind and a
 * seed; what it does is decided from the seed and the model's state when it runs, so that generated
 * sequences always refer to organizations that exist (and sometimes, on purpose, to ones that do
 * not, or to stale versions, or to keys another organization holds).
 */
final class StoreModel {
  private final TreeMap<OrganizationId, ConnectedOrganization> organizations = new TreeMap<>();

  /** For a store that keeps a {@link ChangeLog}: the sequence of the last record checked. */
  private long lastSequence;

  enum Kind {
    CREATE,
    UPDATE,
    DELETE
  }

  /**
   * One step: a kind and the seed it draws from. What it does is decided when it runs, from the
   * seed and the model's state; {@link #check} says it in words, such as {@code create org-3 with
   * domain:a.example}, so that a failing sequence reads as what happened.
   */
  record Operation(Kind kind, long seed) {
    /**
     * Runs the step on the store and the model, checks the store against the model, and returns
     * what the step did, in words.
     *
     * @throws AssertionError naming the step, with the store's own exception as its cause when the
     *     store refused or failed unexpectedly
     */
    String check(OrganizationStore store, StoreModel model) {
      SplittableRandom random = new SplittableRandom(seed);
      String what =
          switch (kind) {
            case CREATE -> {
              ConnectedOrganization org = model.candidateForCreate(random);
              String done = "create " + model.name(org.id()) + " with " + keys(org);
              Set<Class<?>> allowed = model.refusalsOfCreate(org);
              RuntimeException outcome =
                  outcome(() -> store.create(org, event(CREATED, null, org)));
              done += assertAllowed(allowed, outcome, done);
              if (outcome == null) {
                model.organizations.put(org.id(), org);
              }
              model.assertLogged(
                  store, outcome == null ? CREATED : null, org.id(), org.version(), done);
              yield done;
            }
            case UPDATE -> {
              ConnectedOrganization next = model.candidateForUpdate(random);
              ConnectedOrganization current = model.organizations.get(next.id());
              String done =
                  "update "
                      + model.name(next.id())
                      + " v"
                      + (current == null ? "?" : current.version())
                      + "→v"
                      + next.version()
                      + " with "
                      + keys(next);
              Set<Class<?>> allowed = model.refusalsOfUpdate(next);
              RuntimeException outcome =
                  outcome(() -> store.update(next, event(UPDATED, current, next)));
              done += assertAllowed(allowed, outcome, done);
              if (outcome == null) {
                model.organizations.put(next.id(), next);
              }
              model.assertLogged(
                  store, outcome == null ? UPDATED : null, next.id(), next.version(), done);
              yield done;
            }
            case DELETE -> {
              ConnectedOrganization target = model.pick(random);
              Version version = random.nextInt(5) == 0 ? target.version().next() : target.version();
              String done = "delete " + model.name(target.id()) + " at v" + version;
              Set<Class<?>> allowed = model.refusalsOfDelete(target.id(), version);
              RuntimeException outcome =
                  outcome(() -> store.delete(target.id(), version, event(DELETED, target, null)));
              done += assertAllowed(allowed, outcome, done);
              if (outcome == null) {
                model.organizations.remove(target.id());
              }
              model.assertLogged(
                  store, outcome == null ? DELETED : null, target.id(), version, done);
              yield done;
            }
          };
      model.assertSameAs(store, what);
      return what;
    }

    /** Short, for the runner's report of the raw sequence: {@code create#1f3a…}. */
    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + Long.toHexString(seed);
    }

    private static String keys(ConnectedOrganization org) {
      return org.identitySources().stream().map(s -> s.key().toString()).toList().toString();
    }

    /** Checks the outcome against the refusals the model allows; returns it in words. */
    private static String assertAllowed(
        Set<Class<?>> refusals, @Nullable RuntimeException outcome, String what) {
      if (outcome == null) {
        if (!refusals.isEmpty()) {
          throw new AssertionError(what + " should be refused with one of " + names(refusals));
        }
        return "";
      }
      if (!refusals.contains(outcome.getClass())) {
        throw new AssertionError(
            what
                + (refusals.isEmpty()
                    ? " should succeed"
                    : " should be refused with one of " + names(refusals))
                + ", but the store threw "
                + outcome,
            outcome);
      }
      return " (refused: " + outcome.getClass().getSimpleName() + ")";
    }

    private static List<String> names(Set<Class<?>> classes) {
      return classes.stream().map(Class::getSimpleName).sorted().toList();
    }

    private static @Nullable RuntimeException outcome(Runnable call) {
      try {
        call.run();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }
  }

  /** Short, stable names for the organizations of one sequence: org-1, org-2 … */
  private final Map<OrganizationId, String> names = new HashMap<>();

  private String name(OrganizationId id) {
    return names.computeIfAbsent(id, i -> "org-" + (names.size() + 1));
  }

  /** A sequence of 1 to 40 operations. */
  static List<Operation> operations(RandomGenerator random) {
    List<Operation> ops = new ArrayList<>();
    for (int i = random.nextInt(1, 41); i > 0; i--) {
      ops.add(new Operation(Kind.values()[random.nextInt(3)], random.nextLong()));
    }
    return ops;
  }

  private ConnectedOrganization candidateForCreate(SplittableRandom random) {
    ConnectedOrganization org = OrganizationStoreContract.newOrganization(random);
    if (!organizations.isEmpty() && random.nextInt(6) == 0) {
      org = org.toBuilder().id(pick(random).id()).build();
    }
    if (!organizations.isEmpty() && random.nextInt(4) == 0) {
      org = org.toBuilder().identitySources(List.of(sourceOf(pick(random), random))).build();
    }
    return org;
  }

  private ConnectedOrganization candidateForUpdate(SplittableRandom random) {
    if (organizations.isEmpty() || random.nextInt(10) == 0) {
      ConnectedOrganization missing = OrganizationStoreContract.newOrganization(random);
      return missing.toBuilder().version(Version.of(2)).build();
    }
    ConnectedOrganization current = pick(random);
    ConnectedOrganization.Builder next =
        current.toBuilder()
            .modifiedAt(current.modifiedAt().plusSeconds(1))
            .version(random.nextInt(5) == 0 ? current.version() : current.version().next());
    if (random.nextBoolean()) {
      next.displayName(EntenteGenerators.displayName(random));
    }
    if (random.nextBoolean()) {
      next.state(
          current.state() == OrganizationState.CONFIGURED
              ? OrganizationState.PROPOSED
              : OrganizationState.CONFIGURED);
    }
    switch (random.nextInt(3)) {
      case 0 -> {}
      case 1 ->
          next.identitySources(OrganizationStoreContract.newOrganization(random).identitySources());
      default -> {
        ConnectedOrganization other = pick(random);
        IdentitySource borrowed = sourceOf(other, random);
        if (current.identitySources().stream().noneMatch(s -> s.key().equals(borrowed.key()))) {
          next.addIdentitySources(borrowed);
        }
      }
    }
    return next.build();
  }

  private Set<Class<?>> refusalsOfCreate(ConnectedOrganization org) {
    Set<Class<?>> refusals = new java.util.HashSet<>();
    if (organizations.containsKey(org.id())) {
      refusals.add(DuplicateOrganizationException.class);
    }
    if (conflicts(org)) {
      refusals.add(IdentitySourceConflictException.class);
    }
    return refusals;
  }

  private Set<Class<?>> refusalsOfUpdate(ConnectedOrganization next) {
    ConnectedOrganization current = organizations.get(next.id());
    Set<Class<?>> refusals = new java.util.HashSet<>();
    if (next.version().equals(Version.initial())) {
      // No update can be at version 1: a caller's mistake, refused before the store looks.
      return Set.of(ValidationException.class);
    }
    if (current == null) {
      refusals.add(OrganizationNotFoundException.class);
      return refusals;
    }
    if (!current.version().next().equals(next.version())) {
      refusals.add(StaleVersionException.class);
    }
    if (conflicts(next)) {
      refusals.add(IdentitySourceConflictException.class);
    }
    return refusals;
  }

  private Set<Class<?>> refusalsOfDelete(OrganizationId id, Version version) {
    ConnectedOrganization current = organizations.get(id);
    if (current == null) {
      return Set.of(OrganizationNotFoundException.class);
    }
    return current.version().equals(version) ? Set.of() : Set.of(StaleVersionException.class);
  }

  /** Whether another organization than {@code org}'s id holds one of its keys. */
  private boolean conflicts(ConnectedOrganization org) {
    for (ConnectedOrganization other : organizations.values()) {
      if (other.id().equals(org.id())) {
        continue;
      }
      for (IdentitySource source : org.identitySources()) {
        for (IdentitySource held : other.identitySources()) {
          if (held.key().equals(source.key())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private ConnectedOrganization pick(SplittableRandom random) {
    if (organizations.isEmpty()) {
      return OrganizationStoreContract.newOrganization(random);
    }
    List<ConnectedOrganization> all = new ArrayList<>(organizations.values());
    return all.get(random.nextInt(all.size()));
  }

  private static IdentitySource sourceOf(ConnectedOrganization org, SplittableRandom random) {
    return org.identitySources().get(random.nextInt(org.identitySources().size()));
  }

  private static AuditEvent event(
      AuditEvent.Kind kind,
      @Nullable ConnectedOrganization before,
      @Nullable ConnectedOrganization after) {
    return switch (kind) {
      case CREATED -> AuditEvent.created(requireNonNull(after));
      case UPDATED ->
          before == null
              ? AuditEvent.updated(requireNonNull(after))
              : AuditEvent.updated(before, requireNonNull(after), Set.of());
      case DELETED ->
          AuditEvent.deleted(requireNonNull(before), before.modifiedBy(), before.modifiedAt());
      case STATE_CHANGED, SPONSOR_ADDED, SPONSOR_REMOVED, AUTO_PROPOSED ->
          throw new IllegalArgumentException(kind + " is not a step of the model");
    };
  }

  /** For a store that keeps a change log: the step's one record, or none for a refused step. */
  private void assertLogged(
      OrganizationStore store,
      AuditEvent.@Nullable Kind kind,
      OrganizationId id,
      Version version,
      String what) {
    if (store instanceof ChangeLog log) {
      lastSequence = ChangeLogContract.assertStep(log, lastSequence, kind, id, version, what);
    }
  }

  private void assertSameAs(OrganizationStore store, String after) {
    assertEquals(
        new ArrayList<>(organizations.values()),
        Pages.all(store, 5),
        "after " + after + ": list() against the model");
    for (Map.Entry<OrganizationId, ConnectedOrganization> entry : organizations.entrySet()) {
      assertEquals(
          entry.getValue(),
          store.get(entry.getKey()).orElse(null),
          "after " + after + ": get(" + name(entry.getKey()) + ")");
      for (IdentitySource source : entry.getValue().identitySources()) {
        IdentitySourceKey key = source.key();
        assertEquals(
            entry.getValue(),
            store.findByKey(key).orElse(null),
            "after " + after + ": findByKey(" + key + ")");
      }
    }
  }
}
