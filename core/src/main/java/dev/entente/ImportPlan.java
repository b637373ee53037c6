package dev.entente;

import static java.util.Objects.requireNonNull;

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
 * An import of organizations from another system into a store, planned before it is applied
 * (R-GPH-3): organization by organization, keyed by the id the source gives it, whether it is
 * created, updated (and in which fields), left unchanged, in conflict over an identity source
 * another organization keeps, only in the store, or invalid in the source. Planning writes nothing:
 * a plan is a dry run until {@link #apply}.
 *
 * <p>Any source of organizations feeds a plan through its {@link Builder}: a Graph export (the
 * {@code entente-graph} module's {@code GraphReader.planImport}), a CSV file, another identity
 * product. Each organization is added with where it was found (a JSON pointer, a line number) and
 * which of its sponsor lists the source carries; each entry the source could not read is added as
 * invalid, with its problem.
 *
 * <pre>{@code
 * ImportPlan.Builder builder = ImportPlan.builder(entente.organizations());
 * for (Row row : csv) {
 *   try {
 *     builder.add("line " + row.number(), row.toOrganization(), ImportPlan.Sponsors.NONE);
 *   } catch (ValidationException e) {
 *     builder.invalid("line " + row.number(), e);
 *   }
 * }
 * ImportPlan plan = builder.build();  // reads the store; writes nothing
 * System.out.print(plan);             // the dry run
 * ImportReport report = plan.apply(); // through the management service
 * }</pre>
 *
 * <p>Applying goes through {@link ConnectedOrganizations}: every change is validated, versioned and
 * audited, by {@link #IMPORTER} unless another actor is named. Ids are kept, so planning the same
 * import again after applying it finds every organization unchanged, and applying that plan changes
 * nothing; an apply that was interrupted is finished by planning and applying again. Updates are
 * based on the version planned against: an organization changed in between is reported stale, not
 * overwritten. Creates and updates run in an order that releases an identity source before the
 * organization that takes it is written.
 *
 * <p>An import never deletes: an organization only in the store is listed, and left alone, so a
 * partial source cannot empty a store.
 */
public final class ImportPlan {
  /** The actor an import is audited as, unless another is named. */
  public static final Actor IMPORTER = Actor.application("entente-import");

  /** Which of an organization's sponsor lists its source carries, and so which an import sets. */
  public enum Sponsors {
    /** Both lists: a sponsor the source lacks is removed from the store's organization. */
    BOTH,
    /** The internal sponsors only; the store's external sponsors stay as they are. */
    INTERNAL,
    /** The external sponsors only; the store's internal sponsors stay as they are. */
    EXTERNAL,
    /** Neither (a Graph list without {@code $expand}): the store's sponsors stay as they are. */
    NONE
  }

  private final ConnectedOrganizations organizations;
  private final List<ImportStep> steps;
  private final List<ImportStep> order;

  private ImportPlan(
      ConnectedOrganizations organizations, List<ImportStep> steps, List<ImportStep> order) {
    this.organizations = organizations;
    this.steps = List.copyOf(steps);
    this.order = List.copyOf(order);
  }

  /**
   * {@return a builder of a plan to import into the store behind {@code organizations}}
   *
   * @param organizations the management service of the store
   */
  public static Builder builder(ConnectedOrganizations organizations) {
    return new Builder(requireNonNull(organizations, "organizations"));
  }

  /**
   * The organizations of one import, in the source's order. Not thread-safe: a source adds its
   * entries from one thread.
   */
  public static final class Builder {
    private final ConnectedOrganizations organizations;
    private final List<ImportStep> invalid = new ArrayList<>();
    private final Map<OrganizationId, Incoming> incoming = new LinkedHashMap<>();
    private boolean built;

    private Builder(ConnectedOrganizations organizations) {
      this.organizations = organizations;
    }

    /**
     * Adds an organization whose source carries every field, both sponsor lists included.
     *
     * @param origin where the source has it: a JSON pointer, a line number
     * @param org the organization, as the source has it
     * @return this builder
     */
    public Builder add(String origin, ConnectedOrganization org) {
      return add(origin, org, Sponsors.BOTH);
    }

    /**
     * Adds an organization whose source carries the sponsor lists {@code carried} names; the
     * store's other lists stay as they are. An organization whose id an earlier entry has is listed
     * invalid, naming that entry.
     *
     * @param origin where the source has it: a JSON pointer, a line number
     * @param org the organization, as the source has it
     * @param carried which sponsor lists the source carries
     * @return this builder
     */
    public Builder add(String origin, ConnectedOrganization org, Sponsors carried) {
      requireNonNull(origin, "origin");
      requireNonNull(org, "org");
      requireNonNull(carried, "carried");
      checkOpen();
      Incoming earlier = incoming.get(org.id());
      if (earlier == null) {
        incoming.put(org.id(), new Incoming(origin, org, carried));
      } else {
        invalid.add(
            ImportStep.invalid(
                origin,
                new ValidationException(
                    "id",
                    org.id(),
                    "is also the id of the organization at " + earlier.origin,
                    "each id once in an import")));
      }
      return this;
    }

    /**
     * Adds an entry the source could not read, or the model refused; it is listed, and left alone.
     *
     * @param origin where the source has it: a JSON pointer, a line number
     * @param problem why it is not imported
     * @return this builder
     */
    public Builder invalid(String origin, EntenteException problem) {
      requireNonNull(origin, "origin");
      requireNonNull(problem, "problem");
      checkOpen();
      invalid.add(ImportStep.invalid(origin, problem));
      return this;
    }

    /**
     * Plans the import: reads the store page by page and compares; writes nothing. A builder builds
     * one plan.
     *
     * @return the plan
     * @throws IllegalStateException when this builder has built its plan already
     * @throws PortFailureException when the store fails
     */
    public ImportPlan build() {
      checkOpen();
      built = true;
      return plan(organizations, invalid, incoming);
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("this import plan builder has built its plan already");
      }
    }
  }

  private record Incoming(String origin, ConnectedOrganization org, Sponsors carried) {}

  private static ImportPlan plan(
      ConnectedOrganizations organizations,
      List<ImportStep> invalid,
      Map<OrganizationId, Incoming> incoming) {
    Map<OrganizationId, ConnectedOrganization> store = new LinkedHashMap<>();
    organizations.all().forEach(o -> store.put(o.id(), o));

    // Who keeps each identity source once the plan is applied; an organization that would take one
    // another keeps is in conflict and stays as it is, which may put others in conflict in turn.
    Map<OrganizationId, ImportStep> conflicts = new HashMap<>();
    boolean settled;
    do {
      settled = true;
      Map<IdentitySourceKey, ConnectedOrganization> keeper = new HashMap<>();
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
      // Then what the import takes, first come first served.
      for (Incoming in : incoming.values()) {
        if (conflicts.containsKey(in.org.id())) {
          continue;
        }
        for (IdentitySource source : in.org.identitySources()) {
          ConnectedOrganization holder = keeper.putIfAbsent(source.key(), in.org);
          if (holder != null && !holder.id().equals(in.org.id())) {
            conflicts.put(
                in.org.id(),
                ImportStep.conflict(
                    in.origin, in.org, store.get(in.org.id()), source.key(), holder));
            settled = false;
            break;
          }
        }
      }
    } while (!settled);

    List<ImportStep> steps = new ArrayList<>(invalid);
    for (Incoming in : incoming.values()) {
      ImportStep conflict = conflicts.get(in.org.id());
      ConnectedOrganization current = store.get(in.org.id());
      steps.add(
          conflict != null
              ? conflict
              : current == null
                  ? ImportStep.create(in.origin, in.org)
                  : ImportStep.compared(in.origin, in.org, current, changes(current, in)));
    }
    for (ConnectedOrganization org : store.values()) {
      if (!incoming.containsKey(org.id())) {
        steps.add(ImportStep.onlyInStore(org));
      }
    }
    return new ImportPlan(organizations, steps, applyOrder(steps, store));
  }

  private static boolean holds(ConnectedOrganization org, IdentitySourceKey key) {
    for (IdentitySource source : org.identitySources()) {
      if (source.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** What the import changes; a sponsor list only when the source carries it. */
  private static OrganizationChanges changes(ConnectedOrganization current, Incoming in) {
    OrganizationChanges.Builder changes =
        OrganizationChanges.builder().from(OrganizationChanges.between(current, in.org));
    switch (in.carried) {
      case BOTH -> {}
      case INTERNAL -> changes.externalSponsors(Optional.empty());
      case EXTERNAL -> changes.internalSponsors(Optional.empty());
      case NONE -> {
        changes.internalSponsors(Optional.empty());
        changes.externalSponsors(Optional.empty());
      }
    }
    return changes.build();
  }

  /**
   * Creates and updates in an order the store accepts: one that releases an identity source before
   * the one that takes it. Steps in a cycle (two organizations swapping sources) come last, and the
   * store refuses them, which the report says.
   */
  private static List<ImportStep> applyOrder(
      List<ImportStep> steps, Map<OrganizationId, ConnectedOrganization> store) {
    Map<IdentitySourceKey, OrganizationId> heldNow = new HashMap<>();
    store.values().forEach(o -> o.identitySources().forEach(s -> heldNow.put(s.key(), o.id())));
    Map<OrganizationId, ImportStep> writes = new LinkedHashMap<>();
    for (ImportStep step : steps) {
      if (step.kind() == ImportStep.Kind.CREATE || step.kind() == ImportStep.Kind.UPDATE) {
        writes.put(step.id().orElseThrow(), step);
      }
    }
    Map<OrganizationId, List<ImportStep>> after = new HashMap<>();
    Map<OrganizationId, Integer> waitsFor = new HashMap<>();
    for (ImportStep step : writes.values()) {
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
    List<ImportStep> order = new ArrayList<>();
    Deque<ImportStep> ready = new ArrayDeque<>();
    writes.values().stream()
        .filter(s -> waitsFor.getOrDefault(s.id().orElseThrow(), 0) == 0)
        .forEach(ready::add);
    Set<OrganizationId> done = new HashSet<>();
    while (!ready.isEmpty()) {
      ImportStep step = ready.poll();
      order.add(step);
      done.add(step.id().orElseThrow());
      for (ImportStep next : after.getOrDefault(step.id().orElseThrow(), List.of())) {
        if (waitsFor.merge(next.id().orElseThrow(), -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    writes.values().stream().filter(s -> !done.contains(s.id().orElseThrow())).forEach(order::add);
    return order;
  }

  /**
   * {@return every step}: the invalid entries, then the source's organizations in its order, then
   * those only in the store
   */
  public List<ImportStep> steps() {
    return steps;
  }

  /**
   * {@return how many steps are of {@code kind}}
   *
   * @param kind the kind
   */
  public long count(ImportStep.Kind kind) {
    requireNonNull(kind, "kind");
    return steps.stream().filter(s -> s.kind() == kind).count();
  }

  /** {@return whether applying would write nothing}: no create, no update */
  public boolean changesNothing() {
    return order.isEmpty();
  }

  /**
   * Applies the creates and updates as {@link #IMPORTER}.
   *
   * @return what was applied and what was refused
   * @throws PortFailureException when the store fails; plan and apply again to finish
   */
  public ImportReport apply() {
    return apply(IMPORTER);
  }

  /**
   * Applies the creates and updates through the management service, as {@code by}: releasing
   * updates first, then the rest, each validated, versioned and audited. A step the service refuses
   * (a stale version, a source taken meanwhile) is reported and the others go on.
   *
   * @param by who is audited as making the changes
   * @return what was applied and what was refused
   * @throws PortFailureException when the store fails; plan and apply again to finish
   */
  public ImportReport apply(Actor by) {
    return apply(by, (done, total) -> {});
  }

  /**
   * Told how far an apply has come: after each create or update the plan applies, whether the
   * service took it or refused it.
   */
  @FunctionalInterface
  public interface Progress {
    /**
     * Called after each step, on the applying thread.
     *
     * @param done the steps applied or refused so far, from 1
     * @param total the creates and updates the plan applies
     */
    void applied(int done, int total);
  }

  /**
   * Applies the plan as {@link #apply(Actor)} does, telling {@code progress} after each step: for a
   * progress bar over a long import.
   *
   * @param by who is audited as making the changes
   * @param progress told after each step
   * @return what was applied and what was refused
   * @throws PortFailureException when the store fails; plan and apply again to finish
   */
  public ImportReport apply(Actor by, Progress progress) {
    requireNonNull(by, "by");
    requireNonNull(progress, "progress");
    List<ImportReport.Outcome> outcomes = new ArrayList<>();
    for (ImportStep step : order) {
      ConnectedOrganization org = step.incoming().orElseThrow();
      try {
        if (step.kind() == ImportStep.Kind.CREATE) {
          organizations.create(
              OrganizationDraft.from(org).id(org.id()).createdAt(org.createdAt()).build(), by);
        } else {
          ConnectedOrganization current = step.current().orElseThrow();
          organizations.update(org.id(), current.version(), step.changes(), by);
        }
        outcomes.add(new ImportReport.Outcome(step, null));
      } catch (PortFailureException e) {
        throw e;
      } catch (EntenteException e) {
        outcomes.add(new ImportReport.Outcome(step, e));
      }
      progress.applied(outcomes.size(), order.size());
    }
    return new ImportReport(outcomes);
  }

  /** {@return the plan as a printout}: one line a step, then the counts */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (ImportStep step : steps) {
      out.append(step).append('\n');
    }
    Map<ImportStep.Kind, Long> counts = new EnumMap<>(ImportStep.Kind.class);
    steps.forEach(s -> counts.merge(s.kind(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(n + " " + ImportStep.label(kind)));
    out.append(parts.isEmpty() ? "nothing to plan" : String.join(", ", parts));
    out.append(changesNothing() ? "; applying changes nothing" : "").append('\n');
    return out.toString();
  }
}
