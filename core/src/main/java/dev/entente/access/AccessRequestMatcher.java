package dev.entente.access;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers, for one access request, which connected organization the requestor belongs to, whether
 * a policy admits them, who approves, and what approval would create (SPEC §3 and §4).
 *
 * <p>Immutable and thread-safe. It reads an {@link OrganizationIndex} (O(1) lookups, no I/O) and
 * the host's {@link CollaborationRestrictions}; it writes nothing. A decision costs one hash lookup
 * and one small object: the reasons and resolved approvers are worked out when asked for.
 *
 * <p>The order of evaluation, each step citing its rule:
 * <ol>
 *   <li>A one-time-passcode requestor whose email is not verified has not authenticated:
 *       {@link ReasonCode#EMAIL_NOT_VERIFIED} (R-REQ-1, R-POL-1).
 *   <li>Collaboration restrictions refuse a blocked domain before any policy (R-MAT-3).
 *   <li>Matching by how the requestor signed in, never by email domain alone (R-MAT-1, R-MAT-2).
 *   <li>Each policy's scope (R-POL-1, R-POL-2); a policy whose approval stages resolve to nobody
 *       cannot admit (R-APR-1).
 *   <li>Among admitting policies, the most specific category wins, in the caller's order (R-POL-4).
 *   <li>Under "all external users", a requestor of no organization gets the organization approval
 *       would propose (R-POL-3).
 * </ol>
 */
public final class AccessRequestMatcher {
  /** Why no organization would be proposed: the requestor has no verified email (R-POL-3, R-REQ-1). */
  static final Object NEEDS_VERIFIED_EMAIL = new Object();

  /** Why no organization would be proposed: another organization holds the key (R-POL-3, R-SRC-2). */
  record KeyHeld(IdentitySourceKey key, ConnectedOrganization holder) {}

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
    IdentitySourceKey key = requestor.matchKey();
    ConnectedOrganization holder = key == null ? null : organizations.holderOf(key);
    IdentitySource source = holder == null ? null : Rules.sourceOf(holder, key);
    boolean member = source != null && Rules.admitsSignIn(source, requestor);
    return new MatchResult(member ? new Membership(holder, source) : null, Explainer.match(requestor, holder, source, member));
  }

  /** The decision for one policy. */
  public AccessDecision evaluate(Requestor requestor, Policy policy) {
    return decide(requestor, requireNonNull(policy, "policy"), 1);
  }

  /**
   * The decision for the policies of one access package (R-POL-4): the most specific admitting
   * category wins, and within it the caller's order decides the default.
   */
  public AccessDecision evaluate(Requestor requestor, List<Policy> policies) {
    return decide(requestor, policies, policies.size());
  }

  /**
   * The policies this requestor can see and request (R-POL-2, R-POL-4): those of the most specific
   * admitting category, in the caller's order. Empty when none admits them.
   */
  public List<Policy> requestablePolicies(Requestor requestor, List<Policy> policies) {
    return evaluate(requestor, policies).admittingPolicies();
  }

  /** The decision, with nothing allocated but the decision itself on the common paths. */
  @SuppressWarnings("unchecked")
  private AccessDecision decide(Requestor requestor, Object policies, int count) {
    if (count == 0) {
      return refused(AccessDecision.Verdict.NO_POLICY, requestor, policies, null);
    }
    ConnectedOrganization holder = null;
    IdentitySource source = null;
    boolean member = false;
    if (requestor.isExternal()) {
      if (requestor.kind() == SignIn.Kind.ONE_TIME_PASSCODE && !requestor.emailVerified()) {
        return refused(AccessDecision.Verdict.EMAIL_NOT_VERIFIED, requestor, policies, null);
      }
      Object blocked = restrictions.blockOf(requestor);
      if (blocked != null) {
        return refused(blocked == CollaborationRestrictions.NO_VERIFIED_DOMAIN ? AccessDecision.Verdict.NO_VERIFIED_DOMAIN
            : restrictions.kind() == CollaborationRestrictions.Kind.DENY
                ? AccessDecision.Verdict.BLOCKED_BY_DENY_LIST : AccessDecision.Verdict.BLOCKED_BY_ALLOW_LIST,
            requestor, policies, blocked);
      }
      IdentitySourceKey key = requestor.matchKey();
      holder = key == null ? null : organizations.holderOf(key);
      source = holder == null ? null : Rules.sourceOf(holder, key);
      member = source != null && Rules.admitsSignIn(source, requestor);
    }
    ConnectedOrganization memberOrg = member ? holder : null;
    String self = requestor.directoryIdOrNull();

    Object admitting;
    Policy chosen;
    if (policies instanceof Policy single) {
      chosen = single;
      admitting = admits(single, requestor, memberOrg, self) ? single : null;
    } else {
      List<Policy> all = (List<Policy>) policies;
      int best = Integer.MAX_VALUE;
      ImmutableList.Builder<Policy> winners = null;
      chosen = null;
      for (int i = 0; i < all.size(); i++) {
        Policy policy = all.get(i);
        if (!admits(policy, requestor, memberOrg, self)) {
          continue;
        }
        int category = policy.scope().kind().category();
        if (category < best) {
          best = category;
          winners = ImmutableList.builder();
          chosen = policy;
        }
        if (category == best) {
          winners.add(policy);
        }
      }
      admitting = winners == null ? null : winners.build();
    }
    Object proposal = null;
    if (admitting != null && memberOrg == null && requestor.isExternal()
        && chosen.scope().kind() == RequestorScope.Kind.ALL_EXTERNAL_USERS) {
      proposal = propose(requestor);
    }
    return new AccessDecision(AccessDecision.Verdict.EVALUATED, requestor, policies, null, holder, source, member, admitting, proposal);
  }

  private static boolean admits(Policy policy, Requestor requestor, @Nullable ConnectedOrganization member, @Nullable String self) {
    return Rules.admission(policy, requestor, member) == ReasonCode.ADMITTED_BY_POLICY && Rules.approvable(policy, member, self);
  }

  /** What approval would create for a requestor of no organization (R-POL-3), or why nothing. */
  private Object propose(Requestor requestor) {
    IdentitySource source;
    SignIn signIn = requestor.signIn();
    if (signIn instanceof SignIn.Entra entra) {
      source = EntraTenant.builder().tenantId(entra.tenantId()).cloud(entra.cloud()).build();
    } else if (signIn instanceof SignIn.Federated federated) {
      source = Federation.builder().domainName(federated.domain()).issuerUri(federated.issuer()).build();
    } else {
      EmailAddress email = requestor.verifiedEmailOrNull();
      if (email == null) {
        return NEEDS_VERIFIED_EMAIL;
      }
      source = EmailDomain.of(email.domain());
    }
    ConnectedOrganization holder = organizations.holderOf(source.key());
    return holder != null ? new KeyHeld(source.key(), holder) : new ProposedOrganization(source.displayName(), source);
  }

  private static AccessDecision refused(AccessDecision.Verdict verdict, Requestor requestor, Object policies, @Nullable Object blocked) {
    return new AccessDecision(verdict, requestor, policies, blocked instanceof DomainName ? blocked : null, null, null, false, null, null);
  }
}
