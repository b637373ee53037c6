package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.ImportPlan;
import dev.entente.graph.EntraPlan;
import dev.entente.graph.GraphFormatException;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import java.util.List;
import java.util.Optional;

/**
 * What a {@linkplain Entra#pull() pull} found in the tenant: every connected organization with its
 * internal and external sponsors, and what could not be read. Plan from it both ways: {@link
 * #planImport} into the local store, {@link #planPush} to the tenant. Immutable.
 */
public final class EntraSnapshot {
  /**
   * An organization of the tenant that cannot be read.
   *
   * @param origin where: {@code connectedOrganizations/<id>}, or the page and JSON pointer
   * @param problem what is wrong
   */
  public record Problem(String origin, GraphFormatException problem) {
    /**
     * Checks the components.
     *
     * @param origin see the record
     * @param problem see the record
     */
    public Problem {
      requireNonNull(origin, "origin");
      requireNonNull(problem, "problem");
    }

    /**
     * {@return the Graph id of the organization that cannot be read, when its origin names it (its
     * own JSON or one of its sponsor lists); empty for an entry of a page read without an id}
     */
    public Optional<String> organizationId() {
      String byId = "connectedOrganizations/";
      if (!origin.startsWith(byId)) {
        return Optional.empty();
      }
      String rest = origin.substring(byId.length());
      int space = rest.indexOf(' ');
      return Optional.of(space < 0 ? rest : rest.substring(0, space));
    }
  }

  private final Entra connection;
  private final GraphJson graph;
  private final List<GraphOrganization> organizations;
  private final List<String> origins;
  private final List<Problem> problems;
  private final long requests;
  private final java.util.SortedSet<String> missing;
  private final dev.entente.spi.DirectoryLookup planning;

  EntraSnapshot(
      GraphJson graph,
      List<GraphOrganization> organizations,
      List<String> origins,
      List<Problem> problems,
      long requests,
      dev.entente.spi.DirectoryLookup planning,
      Entra connection) {
    this(
        graph,
        organizations,
        origins,
        problems,
        requests,
        new java.util.TreeSet<>(),
        planning,
        connection);
  }

  private EntraSnapshot(
      GraphJson graph,
      List<GraphOrganization> organizations,
      List<String> origins,
      List<Problem> problems,
      long requests,
      java.util.SortedSet<String> missing,
      dev.entente.spi.DirectoryLookup planning,
      Entra connection) {
    this.planning = planning;
    this.connection = connection;
    this.graph = graph;
    this.organizations = List.copyOf(organizations);
    this.origins = List.copyOf(origins);
    this.problems = List.copyOf(problems);
    this.requests = requests;
    this.missing = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(missing));
  }

  /** {@return this snapshot, listing {@code ids} as asked for and not held by the tenant} */
  EntraSnapshot withMissing(java.util.Set<String> ids) {
    return new EntraSnapshot(
        graph,
        organizations,
        origins,
        problems,
        requests,
        new java.util.TreeSet<>(ids),
        planning,
        connection);
  }

  /**
   * {@return the ids a {@linkplain Entra#reread reread} asked for that the tenant does not hold
   * (deleted, or never an organization), in order; empty for a pull}
   */
  public java.util.SortedSet<String> missing() {
    return missing;
  }

  /**
   * {@return the organizations, in Graph's order, each with both sponsor lists (but one whose id no
   * URL can carry, whose sponsors cannot be asked for)}
   */
  public List<GraphOrganization> organizations() {
    return organizations;
  }

  /** {@return the organizations that cannot be read} */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * {@return how many HTTP requests the connection sent while the pull ran, retries included (the
   * pull's own, unless other calls shared the connection meanwhile)}
   */
  public long requests() {
    return requests;
  }

  /**
   * The import of this snapshot into the store behind {@code organizations}, keyed by Graph id,
   * both sponsor lists compared; what cannot be read or mapped is listed invalid. Writes nothing
   * until applied; a pull of an unchanged tenant plans nothing (R-ENT-1).
   *
   * @param organizations the management service of the local store, of the connection's host
   *     directory
   * @return the plan
   * @throws dev.entente.errors.ValidationException on field {@code organizations} when they are
   *     another host directory's (R-DIR-1)
   */
  public ImportPlan planImport(ConnectedOrganizations organizations) {
    connection.checkDirectory(organizations);
    ImportPlan.Builder plan = ImportPlan.builder(organizations);
    for (int i = 0; i < this.organizations.size(); i++) {
      try {
        GraphOrganization read = this.organizations.get(i);
        plan.add(
            origins.get(i),
            graph.toOrganization(read),
            read.internalSponsors().isPresent()
                ? ImportPlan.Sponsors.BOTH
                : ImportPlan.Sponsors.NONE); // a pull fetches both lists, or neither

      } catch (GraphFormatException e) {
        plan.invalid(origins.get(i), e);
      }
    }
    problems.forEach(p -> plan.invalid(p.origin(), p.problem()));
    return plan.build();
  }

  /**
   * The requests that make the tenant match the store behind {@code organizations}, to {@linkplain
   * Entra#push push}. An email domain of the store that a tenant verified is what Graph keeps as
   * that tenant's source: the plan asks the connection's discovery (answers kept for an hour) for
   * the email domains of organizations whose sources differ, and of creates while Entra holds a
   * tenant no organization of the store claims, so that it neither patches Graph's conversion back
   * nor creates it again (R-ENT-4).
   *
   * @param organizations the management service of the local store, of the connection's host
   *     directory
   * @return the plan
   * @throws dev.entente.errors.ValidationException on field {@code organizations} when they are
   *     another host directory's (R-DIR-1)
   */
  public EntraPlan planPush(ConnectedOrganizations organizations) {
    connection.checkDirectory(organizations);
    return EntraPlan.of(graph, this.organizations, organizations, planning);
  }
}
