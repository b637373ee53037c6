package dev.entente.access;

import dev.entente.errors.ValidationException;
import java.util.List;
import org.immutables.value.Value;

/**
 * An access package assignment policy, as far as who may request and who approves (R-POL-1,
 * R-APR-1): an id, a scope, whether approval is required, and up to {@value #MAX_STAGES} approval
 * stages.
 *
 * <pre>{@code
 * Policy partners = Policy.builder()
 *     .id("partners")
 *     .scope(RequestorScope.allConfiguredConnectedOrganizations())
 *     .addStages(ApprovalStage.of(List.of(Approver.internalSponsors()), List.of(Approver.user("it-admin"))))
 *     .build();
 * }</pre>
 *
 * <p>Approval is required unless set otherwise; a policy that requires approval needs at least one
 * stage, and one that does not must have none.
 */
@Value.Immutable
public abstract class Policy {
  /** Most approval stages of one policy: Entra's limit. */
  public static final int MAX_STAGES = 3;

  /** Longest accepted policy id. */
  public static final int MAX_ID_LENGTH = 128;

  /**
   * This policy as a one-element list, made once: a decision about one policy refers to it without
   * allocating. Not an attribute: Immutables leaves it out of equality.
   */
  private final List<Policy> alone = List.of(this);

  Policy() {}

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a policy that needs no approval}
   *
   * @param id the id
   * @param scope the scope
   */
  public static Policy withoutApproval(String id, RequestorScope scope) {
    return builder().id(id).scope(scope).approvalRequired(false).build();
  }

  /**
   * {@return a policy with approval stages}
   *
   * @param id the id
   * @param scope the scope
   * @param stages the stages
   */
  public static Policy withApproval(String id, RequestorScope scope, ApprovalStage... stages) {
    return builder().id(id).scope(scope).addStages(stages).build();
  }

  /** {@return a builder holding this value's fields} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return the policy's id, 1 to {@value #MAX_ID_LENGTH} visible ASCII characters} */
  public abstract String id();

  /** {@return who may request} */
  public abstract RequestorScope scope();

  /** {@return whether a request needs approval; true unless set} */
  @Value.Default
  public boolean approvalRequired() {
    return true;
  }

  /** {@return the approval stages, in order} */
  public abstract List<ApprovalStage> stages();

  /** This policy as a one-element list, the same instance each time. */
  final List<Policy> alone() {
    return alone;
  }

  @Value.Check
  void check() {
    if (id().isEmpty()
        || id().length() > MAX_ID_LENGTH
        || !id().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ValidationException(
          "id", id(), "is not a policy id", "1 to " + MAX_ID_LENGTH + " visible ASCII characters");
    }
    String accepts = "1 to " + MAX_STAGES + " stages when approval is required, none otherwise";
    if (approvalRequired()
        ? stages().isEmpty() || stages().size() > MAX_STAGES
        : !stages().isEmpty()) {
      throw new ValidationException(
          "stages",
          stages().size() + " stages",
          "does not fit a policy that "
              + (approvalRequired() ? "requires" : "does not require")
              + " approval",
          accepts);
    }
  }

  /**
   * Builds {@link Policy} values. Its setters: {@code id(String)} and {@code scope(RequestorScope)}
   * (both required), {@code approvalRequired(boolean)} (true unless set), {@code
   * addStages(ApprovalStage...)}, {@code addAllStages(Iterable)} or {@code stages(Iterable)};
   * {@code from(Policy)} copies a value; {@code build()} checks it (R-POL-1, R-APR-1).
   */
  public static final class Builder extends ImmutablePolicy.Builder {
    Builder() {}
  }
}
