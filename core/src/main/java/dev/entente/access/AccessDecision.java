package dev.entente.access;

import com.google.common.collect.ImmutableList;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one access request (R-DEC-1): whether the requestor is eligible, the organization
 * and identity source that matched, the policy chosen among those that admit them, the resolved
 * approvers, the organization that approval would propose, and the reasons — codes for programs,
 * sentences for people.
 */
public final class AccessDecision {
  private final boolean eligible;
  private final @Nullable Membership membership;
  private final ImmutableList<Policy> admittingPolicies;
  private final ImmutableList<ResolvedStage> approvalStages;
  private final @Nullable ProposedOrganization proposal;
  private final ImmutableList<Reason> reasons;

  AccessDecision(
      boolean eligible,
      @Nullable Membership membership,
      ImmutableList<Policy> admittingPolicies,
      ImmutableList<ResolvedStage> approvalStages,
      @Nullable ProposedOrganization proposal,
      ImmutableList<Reason> reasons) {
    this.eligible = eligible;
    this.membership = membership;
    this.admittingPolicies = admittingPolicies;
    this.approvalStages = approvalStages;
    this.proposal = proposal;
    this.reasons = reasons;
  }

  /** Whether the requestor may request under the {@linkplain #chosenPolicy() chosen policy}. */
  public boolean eligible() {
    return eligible;
  }

  /** The organization the requestor belongs to and the source that admitted them, if any. */
  public Optional<Membership> membership() {
    return Optional.ofNullable(membership);
  }

  /** The policy a request would be made under: the first of {@link #admittingPolicies()}. */
  public Optional<Policy> chosenPolicy() {
    return admittingPolicies.isEmpty() ? Optional.empty() : Optional.of(admittingPolicies.get(0));
  }

  /**
   * Every policy of the most specific admitting category, in the caller's order; the first is the
   * default and the requestor may pick any (R-POL-4). Empty when not eligible.
   */
  public ImmutableList<Policy> admittingPolicies() {
    return admittingPolicies;
  }

  /** The chosen policy's stages with their approvers resolved (R-APR-1); empty without approval. */
  public ImmutableList<ResolvedStage> approvalStages() {
    return approvalStages;
  }

  /** The organization approval would create (R-POL-3), when there would be one. */
  public Optional<ProposedOrganization> proposal() {
    return Optional.ofNullable(proposal);
  }

  /** Why, in the order the decision was reached. */
  public ImmutableList<Reason> reasons() {
    return reasons;
  }

  /** The codes of {@link #reasons()}. */
  public Set<ReasonCode> codes() {
    return reasons.stream().map(Reason::code).collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
  }

  /** Whether a reason with this code is among {@link #reasons()}. */
  public boolean has(ReasonCode code) {
    for (Reason reason : reasons) {
      if (reason.code() == code) {
        return true;
      }
    }
    return false;
  }

  /** The reasons as sentences, one paragraph. */
  public String explanation() {
    return reasons.stream().map(Reason::sentence).collect(Collectors.joining(" "));
  }

  @Override
  public String toString() {
    return (eligible ? "eligible" : "not eligible") + " " + codes();
  }
}
