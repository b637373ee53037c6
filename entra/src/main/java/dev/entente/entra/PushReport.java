package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.graph.GraphRequest;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@linkplain Entra#push push} did: each request of the plan, done, failed (and why) or
 * skipped; the ids Graph gave the organizations it created. Immutable.
 */
public final class PushReport {
  /** What became of a request. */
  public enum Status {
    /** Graph did it. */
    DONE,
    /** Graph refused it, or it could not be sent; {@link Outcome#failure()} says why. */
    FAILED,
    /** Not sent: an earlier request of the same organization failed, or the push stopped. */
    SKIPPED
  }

  /**
   * One request and what became of it.
   *
   * @param request the request, as sent (the created organization's id in its URL)
   * @param status what became of it
   * @param httpStatus Graph's answer, or 0 when there was none
   * @param failure why it failed, or why the push stopped before it
   */
  public record Outcome(
      GraphRequest request, Status status, int httpStatus, Optional<EntraException> failure) {
    /**
     * Checks the components.
     *
     * @param request see the record
     * @param status see the record
     * @param httpStatus see the record
     * @param failure see the record
     */
    public Outcome {
      requireNonNull(request, "request");
      requireNonNull(status, "status");
      requireNonNull(failure, "failure");
    }

    static Outcome done(GraphRequest request, int httpStatus) {
      return new Outcome(request, Status.DONE, httpStatus, Optional.empty());
    }

    static Outcome failed(GraphRequest request, EntraException e) {
      return new Outcome(request, Status.FAILED, e.status(), Optional.of(e));
    }

    static Outcome skipped(GraphRequest request, @Nullable EntraException stoppedBy) {
      return new Outcome(request, Status.SKIPPED, 0, Optional.ofNullable(stoppedBy));
    }

    /** {@return the outcome in one line: status, method, URL, and why it failed} */
    @Override
    public String toString() {
      return status
          + " "
          + request.method()
          + " "
          + request.url()
          + (httpStatus == 0 ? "" : " -> " + httpStatus)
          + failure.map(e -> ": " + e.getMessage()).orElse("");
    }
  }

  private final List<Outcome> outcomes;
  private final Map<OrganizationId, String> created;
  private final @Nullable EntraException stoppedBy;

  PushReport(
      List<Outcome> outcomes,
      Map<OrganizationId, String> created,
      @Nullable EntraException stoppedBy) {
    this.outcomes = List.copyOf(outcomes);
    this.created = Map.copyOf(created);
    this.stoppedBy = stoppedBy;
  }

  /** {@return each request of the plan, in order, and what became of it} */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** {@return for each organization the push created, the id Graph gave it} */
  public Map<OrganizationId, String> created() {
    return created;
  }

  /** {@return the failure that stopped the push before its end, if one did} */
  public Optional<EntraException> stoppedBy() {
    return Optional.ofNullable(stoppedBy);
  }

  /**
   * {@return how many requests ended with {@code status}}
   *
   * @param status the status
   */
  public long count(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** {@return whether every request was done} */
  public boolean complete() {
    return count(Status.DONE) == outcomes.size();
  }

  /**
   * Gives each organization this push created in Entra, in the local store behind {@code
   * organizations}, the id Entra gave it: the store's organization is deleted and created again
   * under Graph's id, with the same fields and creation time, audited as {@code by}. The next pull
   * then finds it unchanged instead of in conflict with itself (imports are keyed by Graph id). A
   * push itself never writes the local store; call this after it. An organization changed or
   * deleted locally since the plan, or whose Graph id the store already has, is left as it is.
   *
   * @param organizations the management service of the local store the plan was made from
   * @param by who makes the change
   * @return the organizations under their new ids
   */
  public List<ConnectedOrganization> adoptIds(ConnectedOrganizations organizations, Actor by) {
    requireNonNull(organizations, "organizations");
    requireNonNull(by, "by");
    List<ConnectedOrganization> adopted = new ArrayList<>();
    created.forEach(
        (storeId, graphId) -> {
          OrganizationId entraId = OrganizationId.of(graphId);
          ConnectedOrganization local = organizations.get(storeId).orElse(null);
          if (local == null || organizations.get(entraId).isPresent()) {
            return;
          }
          organizations.delete(local.id(), local.version(), by);
          adopted.add(
              organizations.create(
                  OrganizationDraft.from(local).id(entraId).createdAt(local.createdAt()).build(),
                  by));
        });
    return adopted;
  }

  /** {@return the report: each outcome, then the counts} */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    outcomes.forEach(o -> out.append(o).append('\n'));
    return out.append(count(Status.DONE))
        .append(" done, ")
        .append(count(Status.FAILED))
        .append(" failed, ")
        .append(count(Status.SKIPPED))
        .append(" skipped\n")
        .toString();
  }
}
