package dev.entente.access;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers, for one access request, which connected organization the requestor belongs to, whether
 * a policy admits them, who approves, and what approval would create (SPEC §3 and §4).
 *
 * <p>Immutable and thread-safe. It reads an {@link OrganizationIndex} (O(1) lookups, no I/O) and
 * the host's {@link CollaborationRestrictions}; it writes nothing.
 *
 * <p>The order of evaluation, each step citing its rule:
 * <ol>
 *   <li>A one-time-passcode requestor whose email is not verified has not authenticated:
 *       {@link ReasonCode#EMAIL_NOT_VERIFIED} (R-REQ-1, R-POL-1).
 *   <li>Collaboration restrictions refuse a blocked domain before any policy (R-MAT-3).
 *   <li>Matching by how the requestor signed in, never by email domain alone (R-MAT-1, R-MAT-2).
 *   <li>Each policy's scope (R-POL-1, R-POL-2), with its approvers resolved (R-APR-1); a policy whose
 *       stages resolve to nobody cannot admit.
 *   <li>Among admitting policies, the most specific category wins, in the caller's order (R-POL-4).
 *   <li>Under "all external users", a requestor of no organization gets the organization approval
 *       would propose (R-POL-3).
 * </ol>
 */
public final class AccessRequestMatcher {
  private final OrganizationIndex organizations;
  private final CollaborationRestrictions restrictions;

  private AccessRequestMatcher(OrganizationIndex organizations, CollaborationRestrictions restrictions) {
    this.organizations = requireNonNull(organizations, "organizations");
    this.restrictions = requireNonNull(restrictions, "restrictions");
  }

  /** A matcher over these organizations, with these restrictions. */
  public static AccessRequestMatcher of(OrganizationIndex organizations, CollaborationRestrictions restrictions) {
    return new AccessRequestMatcher(organizations, restrictions);
  }

  /** A matcher over these organizations, without restrictions. */
  public static AccessRequestMatcher of(OrganizationIndex organizations) {
    return new AccessRequestMatcher(organizations, CollaborationRestrictions.none());
  }

  /** The restrictions this matcher applies. */
  public CollaborationRestrictions restrictions() {
    return restrictions;
  }

  /**
   * The organization the requestor belongs to and the identity source that admitted them, or why
   * none does (R-MAT-1, R-MAT-2). Restrictions play no part here.
   */
  public MatchResult match(Requestor requestor) {
    SignIn signIn = requestor.signIn();
    switch (signIn.kind()) {
      case ENTRA: {
        SignIn.Entra entra = (SignIn.Entra) signIn;
        return byKey(IdentitySourceKey.tenant(entra.cloud(), entra.tenantId()), signIn);
      }
      case FEDERATED: {
        SignIn.Federated federated = (SignIn.Federated) signIn;
        IdentitySourceKey key = IdentitySourceKey.domain(federated.domain());
        ConnectedOrganization holder = organizations.holderOf(key).orElse(null);
        IdentitySource source = holder == null ? null : sourceOf(holder, key);
        if (holder == null || source == null) {
          return noMatch(signIn);
        }
        if (source instanceof Federation federation) {
          if (federation.issuerUri().equals(federated.issuer())) {
            return member(holder, source);
          }
          return new MatchResult(null, ImmutableList.of(Reason.of(ReasonCode.ISSUER_MISMATCH,
              federated.domain(), holder.displayName(), federation.issuerUri(), federated.issuer())));
        }
        return new MatchResult(null, ImmutableList.of(Reason.of(ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN,
            federated.domain(), holder.displayName(), "email-domain", "through the identity provider " + federated.issuer())));
      }
      case ONE_TIME_PASSCODE: {
        Optional<EmailAddress> email = requestor.verifiedEmail();
        if (email.isEmpty()) {
          return new MatchResult(null, ImmutableList.of(emailNotVerified(requestor)));
        }
        IdentitySourceKey key = IdentitySourceKey.domain(email.get().domain());
        ConnectedOrganization holder = organizations.holderOf(key).orElse(null);
        IdentitySource source = holder == null ? null : sourceOf(holder, key);
        if (holder == null || source == null) {
          return noMatch(signIn);
        }
        if (source instanceof EmailDomain) {
          return member(holder, source);
        }
        return new MatchResult(null, ImmutableList.of(Reason.of(ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN,
            email.get().domain(), holder.displayName(), "federation", "by one-time passcode")));
      }
      case SOCIAL:
        return byKey(IdentitySourceKey.provider(((SignIn.Social) signIn).provider()), signIn);
      default:
        return noMatch(signIn);
    }
  }

  /** The decision for one policy: {@link #evaluate(Requestor, List)} with that policy alone. */
  public AccessDecision evaluate(Requestor requestor, Policy policy) {
    return evaluate(requestor, List.of(policy));
  }

  /**
   * The decision for the policies of one access package (R-POL-4): the most specific admitting
   * category wins, and within it the caller's order decides the default.
   */
  public AccessDecision evaluate(Requestor requestor, List<Policy> policies) {
    ImmutableList.Builder<Reason> reasons = ImmutableList.builder();
    if (policies.isEmpty()) {
      return refused(null, reasons.add(Reason.of(ReasonCode.NO_POLICY)));
    }
    if (requestor.isExternal()) {
      if (requestor.signIn().kind() == SignIn.Kind.ONE_TIME_PASSCODE && !requestor.emailVerified()) {
        return refused(null, reasons.add(emailNotVerified(requestor)));
      }
      Optional<CollaborationRestrictions.Block> block = restrictions.blocks(requestor);
      if (block.isPresent()) {
        return refused(null, reasons.add(blockReason(block.get())));
      }
    }
    MatchResult match = requestor.isExternal() ? match(requestor) : new MatchResult(null, ImmutableList.of());
    Membership membership = match.membershipOrNull();
    reasons.addAll(match.reasons());

    int bestCategory = Integer.MAX_VALUE;
    List<Policy> admitting = new ArrayList<>(2);
    ImmutableList<ResolvedStage> chosenStages = ImmutableList.of();
    List<Reason> chosenReasons = List.of();
    List<Reason> refusals = new ArrayList<>();
    for (Policy policy : policies) {
      List<Reason> policyReasons = new ArrayList<>(2);
      if (!admits(policy, requestor, membership, policyReasons)) {
        refusals.addAll(policyReasons);
        continue;
      }
      ImmutableList<ResolvedStage> stages = resolveStages(policy, requestor, membership, policyReasons);
      if (stages == null) {
        refusals.addAll(policyReasons);
        continue;
      }
      int category = policy.scope().kind().category();
      if (category < bestCategory) {
        bestCategory = category;
        admitting.clear();
        chosenStages = stages;
        chosenReasons = policyReasons;
      }
      if (category == bestCategory) {
        admitting.add(policy);
      }
    }
    if (admitting.isEmpty()) {
      return refused(membership, reasons.addAll(refusals));
    }
    Policy chosen = admitting.get(0);
    reasons.addAll(chosenReasons);
    if (policies.size() > 1) {
      reasons.add(Reason.of(ReasonCode.POLICY_CHOSEN, chosen.id(), admitting.size() == 1
          ? "it is the only admitting policy of the most specific category"
          : "it comes first among the " + admitting.size() + " admitting policies of the most specific category, and the requestor may pick another of them"));
    }
    ProposedOrganization proposal = null;
    if (membership == null && chosen.scope().kind() == RequestorScope.Kind.ALL_EXTERNAL_USERS) {
      proposal = propose(requestor, reasons);
    }
    return new AccessDecision(true, membership, ImmutableList.copyOf(admitting), chosenStages, proposal, reasons.build());
  }

  /**
   * The policies this requestor can see and request (R-POL-2, R-POL-4): those of the most specific
   * admitting category, in the caller's order. Empty when none admits them.
   */
  public List<Policy> requestablePolicies(Requestor requestor, List<Policy> policies) {
    return evaluate(requestor, policies).admittingPolicies();
  }

  private boolean admits(Policy policy, Requestor requestor, @Nullable Membership membership, List<Reason> reasons) {
    RequestorScope scope = policy.scope();
    if (!scope.kind().isForExternalUsers()) {
      if (requestor.isExternal()) {
        reasons.add(Reason.of(ReasonCode.DIRECTORY_USERS_ONLY, policy.id()));
        return false;
      }
      SignIn.Directory user = (SignIn.Directory) requestor.signIn();
      boolean admitted;
      String who;
      switch (scope.kind()) {
        case SPECIFIC_DIRECTORY_USERS:
          admitted = scope.directoryUsers().contains(user.userId());
          who = "the directory users it names";
          break;
        case ALL_MEMBER_USERS:
          admitted = !user.guest();
          who = "member users of the directory, not guests";
          break;
        default:
          admitted = true;
          who = "every user of the directory";
      }
      reasons.add(admitted
          ? Reason.of(ReasonCode.ADMITTED_BY_POLICY, policy.id(), "it admits " + who)
          : Reason.of(ReasonCode.NOT_IN_DIRECTORY_SCOPE, policy.id(), who, (user.guest() ? "guest " : "member ") + user.userId()));
      return admitted;
    }
    if (!requestor.isExternal()) {
      reasons.add(Reason.of(ReasonCode.NOT_AN_EXTERNAL_USER, policy.id()));
      return false;
    }
    switch (scope.kind()) {
      case SPECIFIC_CONNECTED_ORGANIZATIONS:
        if (membership == null) {
          reasons.add(Reason.of(ReasonCode.NOT_IN_ANY_ORGANIZATION, policy.id()));
          return false;
        }
        if (!scope.organizations().contains(membership.organization().id())) {
          reasons.add(Reason.of(ReasonCode.ORGANIZATION_NOT_IN_SCOPE, policy.id(), membership.organization().displayName()));
          return false;
        }
        reasons.add(Reason.of(ReasonCode.ADMITTED_BY_POLICY, policy.id(),
            "it names " + membership.organization().displayName() + ", configured or proposed"));
        return true;
      case ALL_CONFIGURED_CONNECTED_ORGANIZATIONS:
        if (membership == null) {
          reasons.add(Reason.of(ReasonCode.NOT_IN_ANY_ORGANIZATION, policy.id()));
          return false;
        }
        if (membership.organization().state() != OrganizationState.CONFIGURED) {
          reasons.add(Reason.of(ReasonCode.ORGANIZATION_PROPOSED_NOT_IN_SCOPE, membership.organization().displayName(), policy.id()));
          return false;
        }
        reasons.add(Reason.of(ReasonCode.ADMITTED_BY_POLICY, policy.id(),
            "it admits all configured connected organizations, and " + membership.organization().displayName() + " is configured"));
        return true;
      default:
        reasons.add(Reason.of(ReasonCode.ADMITTED_BY_POLICY, policy.id(),
            "it admits all external users who authenticated and are not blocked"));
        return true;
    }
  }

  /** The stages with approvers resolved, or null (with a reason) when a stage resolves to nobody. */
  private static @Nullable ImmutableList<ResolvedStage> resolveStages(
      Policy policy, Requestor requestor, @Nullable Membership membership, List<Reason> reasons) {
    if (!policy.approvalRequired()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<ResolvedStage> out = ImmutableList.builderWithExpectedSize(policy.stages().size());
    String self = requestor.directoryId().orElse(null);
    for (int i = 0; i < policy.stages().size(); i++) {
      int number = i + 1;
      ApprovalStage stage = policy.stages().get(i);
      ImmutableList<Principal> primary = resolve(stage.approvers(), membership, self, number, reasons);
      if (!primary.isEmpty()) {
        out.add(new ResolvedStage(number, primary, false));
        continue;
      }
      reasons.add(Reason.of(ReasonCode.FALLBACK_APPROVERS_USED, number, describe(stage.approvers())));
      ImmutableList<Principal> fallback = resolve(stage.fallbackApprovers(), membership, self, number, reasons);
      if (fallback.isEmpty()) {
        reasons.add(Reason.of(ReasonCode.NO_APPROVER_AVAILABLE, policy.id(), number));
        return null;
      }
      out.add(new ResolvedStage(number, fallback, true));
    }
    return out.build();
  }

  private static ImmutableList<Principal> resolve(
      List<Approver> approvers, @Nullable Membership membership, @Nullable String self, int stage, List<Reason> reasons) {
    Set<Principal> out = new LinkedHashSet<>();
    for (Approver approver : approvers) {
      switch (approver.kind()) {
        case PRINCIPAL:
          out.add(approver.principal().orElseThrow());
          break;
        case INTERNAL_SPONSORS:
          if (membership != null) {
            membership.organization().internalSponsors().forEach(s -> out.add(Principal.of(s)));
          }
          break;
        default:
          if (membership != null) {
            membership.organization().externalSponsors().forEach(s -> out.add(Principal.of(s)));
          }
      }
    }
    if (self != null && out.removeIf(p -> p.kind() == Sponsor.Kind.USER && p.id().equals(self))) {
      reasons.add(Reason.of(ReasonCode.REQUESTOR_NOT_APPROVER, stage, self));
    }
    return ImmutableList.copyOf(out);
  }

  private static String describe(List<Approver> approvers) {
    return approvers.size() == 1 ? approvers.get(0).toString() : approvers.toString();
  }

  /** What approval would create for a requestor of no organization (R-POL-3), or null with a reason. */
  private @Nullable ProposedOrganization propose(Requestor requestor, ImmutableList.Builder<Reason> reasons) {
    IdentitySource source;
    SignIn signIn = requestor.signIn();
    switch (signIn.kind()) {
      case ENTRA: {
        SignIn.Entra entra = (SignIn.Entra) signIn;
        source = EntraTenant.builder().tenantId(entra.tenantId()).cloud(entra.cloud()).build();
        break;
      }
      case FEDERATED: {
        SignIn.Federated federated = (SignIn.Federated) signIn;
        source = Federation.builder().domainName(federated.domain()).issuerUri(federated.issuer()).build();
        break;
      }
      default: {
        Optional<EmailAddress> email = requestor.verifiedEmail();
        if (email.isEmpty()) {
          reasons.add(Reason.of(ReasonCode.PROPOSAL_NEEDS_VERIFIED_EMAIL));
          return null;
        }
        source = EmailDomain.of(email.get().domain());
      }
    }
    Optional<ConnectedOrganization> holder = organizations.holderOf(source.key());
    if (holder.isPresent()) {
      reasons.add(Reason.of(ReasonCode.PROPOSAL_KEY_HELD, source.key(), holder.get().displayName()));
      return null;
    }
    ProposedOrganization proposal = new ProposedOrganization(source.displayName(), source);
    reasons.add(Reason.of(ReasonCode.WOULD_PROPOSE_ORGANIZATION, proposal.displayName(), source.key()));
    return proposal;
  }

  private MatchResult byKey(IdentitySourceKey key, SignIn signIn) {
    ConnectedOrganization holder = organizations.holderOf(key).orElse(null);
    IdentitySource source = holder == null ? null : sourceOf(holder, key);
    return holder == null || source == null ? noMatch(signIn) : member(holder, source);
  }

  private static MatchResult member(ConnectedOrganization org, IdentitySource source) {
    return new MatchResult(new Membership(org, source),
        ImmutableList.of(Reason.of(ReasonCode.MEMBER_OF_ORGANIZATION, org.displayName(), org.state(), source.key())));
  }

  private static MatchResult noMatch(SignIn signIn) {
    return new MatchResult(null, ImmutableList.of(Reason.of(ReasonCode.NO_MATCHING_ORGANIZATION, describe(signIn))));
  }

  private static @Nullable IdentitySource sourceOf(ConnectedOrganization org, IdentitySourceKey key) {
    for (IdentitySource source : org.identitySources()) {
      if (source.key().equals(key)) {
        return source;
      }
    }
    return null;
  }

  private static String describe(SignIn signIn) {
    switch (signIn.kind()) {
      case ENTRA: {
        SignIn.Entra e = (SignIn.Entra) signIn;
        return "Entra tenant " + e.tenantId() + " in the " + e.cloud() + " cloud";
      }
      case FEDERATED: {
        SignIn.Federated f = (SignIn.Federated) signIn;
        return "federation for " + f.domain() + " through " + f.issuer();
      }
      case ONE_TIME_PASSCODE:
        return "one-time passcode";
      case SOCIAL:
        return "personal account of " + ((SignIn.Social) signIn).provider();
      default:
        return "directory user";
    }
  }

  private static Reason emailNotVerified(Requestor requestor) {
    return Reason.of(ReasonCode.EMAIL_NOT_VERIFIED, requestor.email().map(Object::toString).orElse("(none)"));
  }

  private static Reason blockReason(CollaborationRestrictions.Block block) {
    if (block.domain().isEmpty()) {
      return Reason.of(ReasonCode.NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST);
    }
    return Reason.of(block.list() == CollaborationRestrictions.Kind.DENY
        ? ReasonCode.BLOCKED_BY_DENY_LIST : ReasonCode.BLOCKED_BY_ALLOW_LIST, block.domain().get());
  }

  private static AccessDecision refused(@Nullable Membership membership, ImmutableList.Builder<Reason> reasons) {
    return new AccessDecision(false, membership, ImmutableList.of(), ImmutableList.of(), null, reasons.build());
  }
}
