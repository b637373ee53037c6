package dev.entente.access;

import dev.entente.model.DomainName;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one access request (R-DEC-1): whether the requestor is eligible, the organization
 * and identity source that matched, the policy chosen among those that admit them, the resolved
 * approvers, the organization that approval would propose, and the reasons — codes for programs,
 * sentences for people.
 *
 * <p>A decision is made in one small object; its reasons and resolved approvers are worked out from
 * what it captured the first time they are asked for, through the same rules that decided, so they
 * always agree with it. Immutable and thread-safe.
 */
public final class AccessDecision {
  private final Verdict verdict;
  private final Requestor requestor;

  /** The policies asked about, in the caller's order. */
  private final List<Policy> policies;

  /**
   * What refused before any policy: for a requestor blocked by a list, the refused domain ({@link
   * DomainName}); for one refused by the cross-tenant access settings, their {@link
   * CrossTenantAccess.Refusal}.
   */
  private final @Nullable Object blocked;

  /** What the requestor's match key found: nobody, a membership, or a source not admitting them. */
  private final Holding holding;

  /** The admitting policies of the most specific category; empty when none admits. */
  private final List<Policy> admitting;

  /** What approval would do; null when no proposal applies. */
  private final @Nullable ProposalOutcome proposalOutcome;

  /** Computed on first use; racy but safe, as {@link Explainer.Explanation} is immutable. */
  private Explainer.@Nullable Explanation explanation;

  AccessDecision(
      Verdict verdict,
      Requestor requestor,
      List<Policy> policies,
      @Nullable Object blocked,
      Holding holding,
      List<Policy> admitting,
      @Nullable ProposalOutcome proposalOutcome) {
    this.verdict = verdict;
    this.requestor = requestor;
    this.policies = policies;
    this.blocked = blocked;
    this.holding = holding;
    this.admitting = admitting;
    this.proposalOutcome = proposalOutcome;
  }

  /** A decision refused before any policy was considered. */
  static AccessDecision refused(
      Verdict verdict, Requestor requestor, List<Policy> policies, @Nullable Object blocked) {
    return new AccessDecision(
        verdict, requestor, policies, blocked, Holding.Nobody.INSTANCE, List.of(), null);
  }

  /**
   * {@return whether the requestor may request under the {@linkplain #chosenPolicy() chosen
   * policy}}
   */
  public boolean eligible() {
    return !admitting.isEmpty();
  }

  /**
   * {@return why the cross-tenant access settings refused the requestor (R-XTA-3), when they did}
   */
  public Optional<CrossTenantAccess.Refusal> crossTenantRefusal() {
    return blocked instanceof CrossTenantAccess.Refusal r ? Optional.of(r) : Optional.empty();
  }

  /** {@return the requestor the decision is about} */
  public Requestor requestor() {
    return requestor;
  }

  /**
   * {@return the organization the requestor belongs to and the source that admitted them, if any}
   */
  public Optional<Membership> membership() {
    return holding instanceof Membership m ? Optional.of(m) : Optional.empty();
  }

  /**
   * {@return the policy a request would be made under: the first of {@link #admittingPolicies()}}
   */
  public Optional<Policy> chosenPolicy() {
    List<Policy> all = admittingPolicies();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Every policy of the most specific admitting category, in the caller's order; the first is the
   * default and the requestor may pick any (R-POL-4). Empty when not eligible.
   *
   * @return every policy of the most specific admitting category, in the caller's order; the first
   *     is the default and the requestor may pick any (R-POL-4)
   */
  public List<Policy> admittingPolicies() {
    return admitting;
  }

  /**
   * {@return the chosen policy's stages with their approvers resolved (R-APR-1); empty without
   * approval}
   */
  public List<ResolvedStage> approvalStages() {
    return explained().stages();
  }

  /** {@return the organization approval would create (R-POL-3), when there would be one} */
  public Optional<ProposedOrganization> proposal() {
    if (proposalOutcome instanceof ProposedOrganization p) {
      return Optional.of(p);
    }
    if (proposalOutcome instanceof ProposalOutcome.OrganizationAccountAdvised advised) {
      return Optional.of(advised.proposed());
    }
    return Optional.empty();
  }

  /** {@return why, in the order the decision was reached} */
  public List<Reason> reasons() {
    return explained().reasons();
  }

  /**
   * The reason that decided, for counting and alerting: one of {@link #codes()}, worked out without
   * building the explanation, so it costs next to nothing. For an eligible requestor, {@link
   * ReasonCode#WOULD_PROPOSE_ORGANIZATION} when approval would propose an organization, {@link
   * ReasonCode#MEMBER_OF_ORGANIZATION} for a member of one, else {@link
   * ReasonCode#ADMITTED_BY_POLICY}. For a refused one: the refusal before any policy was looked at
   * ({@link ReasonCode#BLOCKED_BY_DENY_LIST}, {@link ReasonCode#EMAIL_NOT_VERIFIED}, {@link
   * ReasonCode#BLOCKED_BY_PARTNER_CONFIGURATION} …); else why the organization holding their key
   * does not admit how they signed in ({@link ReasonCode#ISSUER_MISMATCH}, {@link
   * ReasonCode#DOMAIN_HELD_THROUGH_OTHER_SIGN_IN}); else the first policy's answer ({@link
   * ReasonCode#ORGANIZATION_NOT_IN_SCOPE}, {@link ReasonCode#NOT_IN_ANY_ORGANIZATION} …), or {@link
   * ReasonCode#NO_APPROVER_AVAILABLE} when it would admit them but nobody could approve.
   *
   * @return the deciding reason's code
   */
  public ReasonCode reason() {
    if (verdict != Verdict.EVALUATED) {
      return Explainer.refusal(verdict, blocked);
    }
    if (!admitting.isEmpty()) {
      if (proposalOutcome instanceof ProposedOrganization
          || proposalOutcome instanceof ProposalOutcome.OrganizationAccountAdvised) {
        return ReasonCode.WOULD_PROPOSE_ORGANIZATION;
      }
      return holding instanceof Membership
          ? ReasonCode.MEMBER_OF_ORGANIZATION
          : ReasonCode.ADMITTED_BY_POLICY;
    }
    if (holding instanceof Holding.NotAdmitted held) {
      return Explainer.notAdmitted(requestor.signIn(), held);
    }
    ReasonCode first = Rules.admission(policies.get(0), requestor, Holding.memberOf(holding));
    return first == ReasonCode.ADMITTED_BY_POLICY ? ReasonCode.NO_APPROVER_AVAILABLE : first;
  }

  /** {@return the codes of {@link #reasons()}} */
  public Set<ReasonCode> codes() {
    return reasons().stream()
        .map(Reason::code)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
  }

  /**
   * {@return whether a reason with this code is among {@link #reasons()}}
   *
   * @param code the code
   */
  public boolean has(ReasonCode code) {
    for (Reason reason : reasons()) {
      if (reason.code() == code) {
        return true;
      }
    }
    return false;
  }

  /** {@return the reasons as sentences, one paragraph} */
  public String explanation() {
    return reasons().stream().map(Reason::sentence).collect(Collectors.joining(" "));
  }

  private Explainer.Explanation explained() {
    Explainer.Explanation e = explanation;
    if (e == null) {
      e =
          verdict == Verdict.EVALUATED
              ? Explainer.evaluated(requestor, holding, policies, admitting, proposalOutcome)
              : Explainer.refused(verdict, requestor, blocked);
      explanation = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return (eligible() ? "eligible" : "not eligible") + " " + codes();
  }
}
