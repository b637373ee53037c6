package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An import of a Graph export into a store, planned before it is applied (R-GPH-3): organization by
 * organization, keyed by the Graph id, whether it is created, updated (and in which fields), left
 * unchanged, in conflict over an identity source another organization keeps, only in the store, or
 * invalid in the export. Planning writes nothing: a plan is a dry run until {@link #apply}.
 *
 * <pre>{@code
 * SyncPlan plan;
 * try (GraphReader export = graph.reader(Files.newInputStream(file))) {
 *   plan = SyncPlan.of(export, entente.organizations());
 * }
 * System.out.print(plan);          // the dry run
 * SyncReport report = plan.apply(); // through the management service
 * }</pre>
 *
 * <p>Applying goes through {@link ConnectedOrganizations}: every change is validated, versioned and
 * audited, by {@link #IMPORTER} unless another actor is named. Ids are kept, so planning the same
 * export again after applying it finds every organization unchanged, and applying that plan changes
 * nothing; an apply that was interrupted is finished by planning and applying again. Updates are
 * based on the version planned against: an organization changed in between is reported stale, not
 * overwritten.
 *
 * <p>Sponsors are compared only when the export carries them ({@code $expand=internalSponsors,
 * externalSponsors}); otherwise the store's stay as they are. An import never deletes.
 */
public final class SyncPlan {
  /** The actor an import is audited as, unless another is named. */
  public static final Actor IMPORTER = Actor.application("entente-graph-import");

  private final ConnectedOrganizations organizations;
  private final List<SyncStep> steps;
  private final List<SyncStep> order;

  private SyncPlan(
      ConnectedOrganizations organizations, List<SyncStep> steps, List<SyncStep> order) {
    this.organizations = organizations;
    this.steps = List.copyOf(steps);
    this.order = List.copyOf(order);
  }

  /**
   * Plans importing {@code export} into the store behind {@code organizations}. Reads the export to
   * its end, one organization at a time, mapped as the {@link GraphJson} that made the reader maps
   * it (the cloud of the host's tenant), and the store page by page; writes nothing.
   *
   * @param export the export; read to its end, not closed
   * @param organizations the management service of the store
   * @return the plan
   */
  public static SyncPlan of(GraphReader export, ConnectedOrganizations organizations) {
    requireNonNull(export, "export");
    requireNonNull(organizations, "organizations");
    Map<OrganizationId, ConnectedOrganization> store = readStore(organizations);

    // The export, in order; invalid entries and repeated ids set aside.
    List<SyncStep> steps = new ArrayList<>();
    Map<OrganizationId, Incoming> incoming = new LinkedHashMap<>();
    export.forEachOrganization(
        (entry, org) -> {
          Incoming earlier = incoming.get(org.id());
          if (earlier == null) {
            incoming.put(org.id(), new Incoming(entry.pointer(), org, entry));
            return;
          }
          steps.add(
              SyncStep.invalid(
                  entry.pointer(),
                  GraphFormatException.refused(
                      entry.pointer() + "/id",
                      new ValidationException(
                          "id",
                          org.id(),
                          "is also the id of the organization at " + earlier.pointer,
                          "each id once in an export"))));
        },
        problem -> steps.add(SyncStep.invalid(problem.pointer(), problem)));

    // Who keeps each identity source once the plan is applied; an organization that would take one
    // another keeps is in conflict and stays as it is, which may put others in conflict in turn.
    Map<OrganizationId, SyncStep> conflicts = new HashMap<>();
    Map<IdentitySourceKey, ConnectedOrganization> keeper;
    boolean settled;
    do {
      settled = true;
      keeper = new HashMap<>();
      // First, what each store organization keeps: all of its sources when it stays as it is,
      // those its incoming version still has otherwise.
      for (ConnectedOrganization org : store.values()) {
        Incoming in = incoming.get(org.id());
        ConnectedOrganization after = in == null || conflicts.containsKey(org.id()) ? org : in.org;
        for (IdentitySource source : org.identitySources()) {
          if (holds(after, source.key())) {
            keeper.put(source.key(), after);
          }
        }
      }
      // Then what the export takes, first come first served.
      for (Incoming in : incoming.values()) {
        if (conflicts.containsKey(in.org.id())) {
          continue;
        }
        for (IdentitySource source : in.org.identitySources()) {
          ConnectedOrganization holder = keeper.putIfAbsent(source.key(), in.org);
          if (holder != null && !holder.id().equals(in.org.id())) {
            conflicts.put(
                in.org.id(),
                SyncStep.conflict(
                    in.pointer, in.org, store.get(in.org.id()), source.key(), holder));
            settled = false;
            break;
          }
        }
      }
    } while (!settled);

    for (Incoming in : incoming.values()) {
      SyncStep conflict = conflicts.get(in.org.id());
      ConnectedOrganization current = store.get(in.org.id());
      steps.add(
          conflict != null
              ? conflict
              : current == null
                  ? SyncStep.create(in.pointer, in.org)
                  : SyncStep.compared(in.pointer, in.org, current, changes(current, in)));
    }
    for (ConnectedOrganization org : store.values()) {
      if (!incoming.containsKey(org.id())) {
        steps.add(SyncStep.onlyInStore(org));
      }
    }
    return new SyncPlan(organizations, steps, applyOrder(steps, store));
  }

  private static boolean holds(ConnectedOrganization org, IdentitySourceKey key) {
    return org.identitySources().stream().anyMatch(s -> s.key().equals(key));
  }

  private record Incoming(String pointer, ConnectedOrganization org, GraphOrganization graph) {}

  /** Every organization of the store, in the store's order. */
  static Map<OrganizationId, ConnectedOrganization> readStore(
      ConnectedOrganizations organizations) {
    Map<OrganizationId, ConnectedOrganization> store = new LinkedHashMap<>();
    organizations.all().forEach(o -> store.put(o.id(), o));
    return store;
  }

  /** What the export changes; the sponsors only when it carries them. */
  private static OrganizationChanges changes(ConnectedOrganization current, Incoming in) {
    OrganizationChanges.Builder changes =
        OrganizationChanges.builder().from(OrganizationChanges.between(current, in.org));
    if (in.graph.internalSponsors().isEmpty()) {
      changes.internalSponsors(Optional.empty());
    }
    if (in.graph.externalSponsors().isEmpty()) {
      changes.externalSponsors(Optional.empty());
    }
    return changes.build();
  }

  /**
   * Creates and updates in an order the store accepts: one that releases an identity source before
   * the one that takes it. Steps in a cycle (two organizations swapping sources) come last, and the
   * store refuses them, which the report says.
   */
  private static List<SyncStep> applyOrder(
      List<SyncStep> steps, Map<OrganizationId, ConnectedOrganization> store) {
    Map<IdentitySourceKey, OrganizationId> heldNow = new HashMap<>();
    store.values().forEach(o -> o.identitySources().forEach(s -> heldNow.put(s.key(), o.id())));
    Map<OrganizationId, SyncStep> writes = new LinkedHashMap<>();
    for (SyncStep step : steps) {
      if (step.kind() == SyncStep.Kind.CREATE || step.kind() == SyncStep.Kind.UPDATE) {
        writes.put(step.id().orElseThrow(), step);
      }
    }
    Map<OrganizationId, List<SyncStep>> after = new HashMap<>();
    Map<OrganizationId, Integer> waitsFor = new HashMap<>();
    for (SyncStep step : writes.values()) {
      OrganizationId id = step.id().orElseThrow();
      Set<OrganizationId> releasers = new HashSet<>();
      for (IdentitySource source : step.incoming().orElseThrow().identitySources()) {
        OrganizationId holder = heldNow.get(source.key());
        if (holder != null && !holder.equals(id) && writes.containsKey(holder)) {
          releasers.add(holder);
        }
      }
      waitsFor.put(id, releasers.size());
      releasers.forEach(r -> after.computeIfAbsent(r, k -> new ArrayList<>()).add(step));
    }
    List<SyncStep> order = new ArrayList<>();
    Deque<SyncStep> ready = new ArrayDeque<>();
    writes.values().stream()
        .filter(s -> waitsFor.getOrDefault(s.id().orElseThrow(), 0) == 0)
        .forEach(ready::add);
    Set<OrganizationId> done = new HashSet<>();
    while (!ready.isEmpty()) {
      SyncStep step = ready.poll();
      order.add(step);
      done.add(step.id().orElseThrow());
      for (SyncStep next : after.getOrDefault(step.id().orElseThrow(), List.of())) {
        if (waitsFor.merge(next.id().orElseThrow(), -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    writes.values().stream().filter(s -> !done.contains(s.id().orElseThrow())).forEach(order::add);
    return order;
  }

  /**
   * Every step: the export's organizations in export order, then those only in the store.
   *
   * @return the steps
   */
  public List<SyncStep> steps() {
    return steps;
  }

  /**
   * How many steps are of {@code kind}.
   *
   * @param kind the kind
   * @return the count
   */
  public long count(SyncStep.Kind kind) {
    return steps.stream().filter(s -> s.kind() == kind).count();
  }

  /**
   * Whether applying would write nothing: no create, no update.
   *
   * @return whether the store already matches the export
   */
  public boolean changesNothing() {
    return order.isEmpty();
  }

  /**
   * Applies the creates and updates as {@link #IMPORTER}.
   *
   * @return what was applied and what failed
   * @throws PortFailureException when the store fails; plan and apply again to finish
   */
  public SyncReport apply() {
    return apply(IMPORTER);
  }

  /**
   * Applies the creates and updates through the management service, as {@code by}: releasing
   * updates first, then the rest, each validated, versioned and audited. A step the service refuses
   * (a stale version, a source taken meanwhile) is reported and the others go on.
   *
   * @param by who is audited as making the changes
   * @return what was applied and what failed
   * @throws PortFailureException when the store fails; plan and apply again to finish
   */
  public SyncReport apply(Actor by) {
    requireNonNull(by, "by");
    List<SyncReport.Outcome> outcomes = new ArrayList<>();
    for (SyncStep step : order) {
      ConnectedOrganization org = step.incoming().orElseThrow();
      try {
        if (step.kind() == SyncStep.Kind.CREATE) {
          organizations.create(draft(org), by);
        } else {
          ConnectedOrganization current = step.current().orElseThrow();
          organizations.update(org.id(), current.version(), step.changes(), by);
        }
        outcomes.add(new SyncReport.Outcome(step, null));
      } catch (PortFailureException e) {
        throw e;
      } catch (EntenteException e) {
        outcomes.add(new SyncReport.Outcome(step, e));
      }
    }
    return new SyncReport(outcomes);
  }

  private static OrganizationDraft draft(ConnectedOrganization org) {
    return OrganizationDraft.from(org).id(org.id()).createdAt(org.createdAt()).build();
  }

  /**
   * The plan as a printout: one line a step, then the counts.
   *
   * @return the plan in words
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (SyncStep step : steps) {
      out.append(step).append('\n');
    }
    Map<SyncStep.Kind, Long> counts = new EnumMap<>(SyncStep.Kind.class);
    steps.forEach(s -> counts.merge(s.kind(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (kind, n) ->
            parts.add(n + " " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    out.append(parts.isEmpty() ? "nothing to plan" : String.join(", ", parts));
    out.append(changesNothing() ? "; applying changes nothing" : "").append('\n');
    return out.toString();
  }
}
