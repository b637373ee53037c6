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
import dev.entente.model.OrganizationState;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import dev.entente.spi.OrganizationIndex;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers, for one access request, which connected organization the requestor belongs to, whether a
 * policy admits them, who approves, and what approval would create (docs/rules.md §3 and §4).
 *
 * <p>Immutable and thread-safe. It reads an {@link OrganizationIndex} (O(1) lookups, no I/O) and
 * the host's {@link InvitationGate} (the domain list, and the cross-tenant access settings when
 * given); it writes nothing. A decision costs one hash lookup and one small object (a gate's
 * partner configuration is one more lookup): the reasons and resolved approvers are worked out when
 * asked for.
 *
 * <p>The order of evaluation, each step citing its rule:
 *
 * <ol>
 *   <li>A one-time-passcode requestor whose email is not verified has not authenticated: {@link
 *       ReasonCode#EMAIL_NOT_VERIFIED} (R-REQ-1, R-POL-1).
 *   <li>Collaboration restrictions refuse a blocked domain before any policy (R-MAT-3).
 *   <li>The cross-tenant access settings, when the host gave them, judge a requestor of an Entra
 *       tenant: its partner configuration, else the default, and for another cloud the cloud
 *       settings (R-XTA-1, R-XTA-2).
 *   <li>Matching by how the requestor signed in, never by email domain alone (R-MAT-1, R-MAT-2).
 *   <li>Each policy's scope (R-POL-1, R-POL-2); a policy whose approval stages resolve to nobody
 *       cannot admit (R-APR-1).
 *   <li>Among admitting policies, the most specific category wins, in the caller's order (R-POL-4).
 *   <li>Under "all external users", a requestor of no organization gets the organization approval
 *       would propose (R-POL-3).
 * </ol>
 */
public final class AccessRequestMatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AccessRequestMatcher.class);

  private final OrganizationIndex organizations;

  /** The gate, when it is fixed; {@link #gates} otherwise. */
  private final InvitationGate gate;

  /** Asked for the gate at each decision, when the host's settings change; else null. */
  private final @Nullable Supplier<InvitationGate> gates;

  /** The application requested, as the cross-tenant access settings name it; null if not told. */
  private final @Nullable String application;

  private final @Nullable DirectoryLookup lookup;
  private final EntenteListener listener;

  private AccessRequestMatcher(
      OrganizationIndex organizations,
      InvitationGate gate,
      @Nullable Supplier<InvitationGate> gates,
      @Nullable String application,
      @Nullable DirectoryLookup lookup,
      EntenteListener listener) {
    this.organizations = requireNonNull(organizations, "organizations");
    this.gate = requireNonNull(gate, "gate");
    this.gates = gates;
    this.application = application;
    this.lookup = lookup;
    this.listener = listener;
  }

  private AccessRequestMatcher(
      OrganizationIndex organizations,
      CollaborationRestrictions restrictions,
      @Nullable DirectoryLookup lookup) {
    this(
        organizations,
        InvitationGate.of(requireNonNull(restrictions, "restrictions")),
        null,
        null,
        lookup,
        EntenteListener.NONE);
  }

  /**
   * {@return a matcher over these organizations, with these restrictions}
   *
   * @param organizations the organizations
   * @param restrictions the restrictions
   */
  public static AccessRequestMatcher of(
      OrganizationIndex organizations, CollaborationRestrictions restrictions) {
    return new AccessRequestMatcher(organizations, restrictions, null);
  }

  /**
   * A matcher over these organizations, with these restrictions, that also asks {@code lookup}
   * whether the domain of an organization approval would propose is verified by a configured
   * organization's tenant, and advises the requestor to sign in with that organization's account
   * (R-DEC-2). The lookup is asked only on that path, never to decide; when it fails, the decision
   * is made without the advice.
   *
   * @param organizations the organizations
   * @param restrictions the host's collaboration restrictions
   * @param lookup the host's directory lookup
   * @return the matcher
   */
  public static AccessRequestMatcher of(
      OrganizationIndex organizations,
      CollaborationRestrictions restrictions,
      DirectoryLookup lookup) {
    return new AccessRequestMatcher(organizations, restrictions, requireNonNull(lookup, "lookup"));
  }

  /**
   * {@return a matcher over these organizations, without restrictions}
   *
   * @param organizations the organizations
   */
  public static AccessRequestMatcher of(OrganizationIndex organizations) {
    return new AccessRequestMatcher(organizations, CollaborationRestrictions.none(), null);
  }

  /**
   * {@return this matcher, telling {@code listener} of every decision it makes (R-EMB-1)}
   *
   * @param listener the listener; {@link EntenteListener#NONE} for none
   */
  public AccessRequestMatcher withListener(EntenteListener listener) {
    return new AccessRequestMatcher(
        organizations, gate, gates, application, lookup, requireNonNull(listener, "listener"));
  }

  /**
   * {@return this matcher, with this invitation gate in place of its own: the domain list and, when
   * it has them, the cross-tenant access settings (docs/rules.md §12)}
   *
   * @param gate the gate
   */
  public AccessRequestMatcher withGate(InvitationGate gate) {
    return new AccessRequestMatcher(
        organizations, requireNonNull(gate, "gate"), null, application, lookup, listener);
  }

  /**
   * This matcher, asking {@code current} for the invitation gate at each decision: for a host whose
   * settings change while it runs (pulled from Entra, edited by an administrator). {@code current}
   * must be fast — a field read, a map lookup — and must not fail; a failure is the decision's.
   *
   * @param current answers the gate now
   * @return the matcher
   */
  public AccessRequestMatcher withGate(Supplier<InvitationGate> current) {
    return new AccessRequestMatcher(
        organizations, gate, requireNonNull(current, "current"), application, lookup, listener);
  }

  /**
   * This matcher, deciding requests for {@code applicationId}: the application (resource) the
   * requestor asks to reach, as the cross-tenant access settings name applications — its
   * application (client) id, or a {@linkplain CrossTenantAccess#RESERVED_APPLICATIONS reserved
   * name}. Without it, a cross-tenant access rule naming applications refuses (R-XTA-2).
   *
   * @param applicationId the application
   * @return the matcher
   * @throws dev.entente.errors.ValidationException on field {@code applicationId} unless 1 to
   *     {@value dev.entente.model.Sponsor#MAX_ID_LENGTH} visible ASCII characters
   */
  public AccessRequestMatcher forApplication(String applicationId) {
    String id;
    try {
      id =
          CrossTenantAccess.Target.application(requireNonNull(applicationId, "applicationId"))
              .target();
    } catch (dev.entente.errors.ValidationException e) {
      throw new dev.entente.errors.ValidationException(
          "applicationId", applicationId, e.problem(), e.accepted());
    }
    return new AccessRequestMatcher(organizations, gate, gates, id, lookup, listener);
  }

  /** {@return the application this matcher decides for, when it was told} */
  public Optional<String> application() {
    return Optional.ofNullable(application);
  }

  /** {@return the invitation gate this matcher applies now} */
  public InvitationGate gate() {
    Supplier<InvitationGate> current = gates;
    return current == null ? gate : requireNonNull(current.get(), "the gate supplier's answer");
  }

  /** {@return the domain list this matcher applies now} */
  public CollaborationRestrictions restrictions() {
    return gate().domains();
  }

  /**
   * The organization the requestor belongs to and the identity source that admitted them, or why
   * none does (R-MAT-1, R-MAT-2). Restrictions play no part here.
   *
   * @param requestor the requestor
   * @return the organization the requestor belongs to and the identity source that admitted them,
   *     or why none does (R-MAT-1, R-MAT-2)
   */
  public MatchResult match(Requestor requestor) {
    Holding holding = holding(requireNonNull(requestor, "requestor"));
    return new MatchResult(
        holding instanceof Membership m ? m : null, Explainer.match(requestor, holding));
  }

  /**
   * {@return the decision for one policy}
   *
   * @param requestor the requestor
   * @param policy the policy
   */
  public AccessDecision evaluate(Requestor requestor, Policy policy) {
    return told(decide(requestor, requireNonNull(policy, "policy").alone()));
  }

  /**
   * {@return the decision for the policies of one access package (R-POL-4): the most specific
   * admitting category wins, and within it the caller's order decides the default}
   *
   * @param requestor the requestor
   * @param policies the policies
   */
  public AccessDecision evaluate(Requestor requestor, List<Policy> policies) {
    return told(decide(requestor, List.copyOf(policies)));
  }

  /**
   * The policies this requestor can see and request (R-POL-2, R-POL-4): those of the most specific
   * admitting category, in the caller's order. Empty when none admits them.
   *
   * @param requestor the requestor
   * @param policies the policies
   * @return the policies this requestor can see and request (R-POL-2, R-POL-4): those of the most
   *     specific admitting category, in the caller's order
   */
  public List<Policy> requestablePolicies(Requestor requestor, List<Policy> policies) {
    return evaluate(requestor, policies).admittingPolicies();
  }

  /**
   * Tells the listener of {@code decision}; a listener that throws is logged, never the caller's.
   */
  private AccessDecision told(AccessDecision decision) {
    if (listener != EntenteListener.NONE) {
      try {
        listener.decided(decision);
      } catch (RuntimeException e) {
        LOG.warn("EntenteListener.decided threw; the decision stands", e);
      }
    }
    return decision;
  }

  /**
   * The decision, in the order of the class comment. On the common paths nothing is allocated but
   * the decision itself: a single policy arrives as its own cached one-element list.
   */
  private AccessDecision decide(Requestor requestor, List<Policy> policies) {
    requireNonNull(requestor, "requestor");
    if (policies.isEmpty()) {
      return AccessDecision.refused(Verdict.NO_POLICY, requestor, policies, null);
    }
    if (requestor.isExternal()) {
      if (requestor.kind() == SignIn.Kind.ONE_TIME_PASSCODE && !requestor.emailVerified()) {
        return AccessDecision.refused(Verdict.EMAIL_NOT_VERIFIED, requestor, policies, null);
      }
      InvitationGate now = gate();
      CollaborationRestrictions restrictions = now.domains();
      DomainName refused = restrictions.refusedDomain(requestor);
      if (refused != null) {
        Verdict verdict =
            restrictions.kind() == CollaborationRestrictions.Kind.DENY
                ? Verdict.BLOCKED_BY_DENY_LIST
                : Verdict.BLOCKED_BY_ALLOW_LIST;
        return AccessDecision.refused(verdict, requestor, policies, refused);
      }
      if (restrictions.lacksProvenDomain(requestor)) {
        return AccessDecision.refused(Verdict.NO_VERIFIED_DOMAIN, requestor, policies, null);
      }
      CrossTenantAccess crossTenant = now.crossTenantAccess().orElse(null);
      CrossTenantAccess.Refusal gateRefusal =
          crossTenant == null ? null : crossTenant.judge(requestor, application);
      if (gateRefusal != null) {
        return AccessDecision.refused(
            Verdict.BLOCKED_BY_CROSS_TENANT_ACCESS, requestor, policies, gateRefusal);
      }
    }
    return matched(requestor, policies);
  }

  /**
   * The decision for a requestor past the refusals: the organization holding their match key (or,
   * for a verified personal account not admitted by it, their provider's key), whether it admits
   * them (R-MAT-1, R-MAT-2), the admitting policies and what approval would propose.
   */
  private AccessDecision matched(Requestor requestor, List<Policy> policies) {
    Holding holding = holding(requestor);
    ConnectedOrganization member = Holding.memberOf(holding);
    List<Policy> admitting = admitting(policies, requestor, member);
    ProposalOutcome proposal = null;
    if (!admitting.isEmpty()
        && member == null
        && requestor.isExternal()
        && admitting.get(0).scope().kind() == RequestorScope.Kind.ALL_EXTERNAL_USERS) {
      proposal = propose(requestor);
    }
    return new AccessDecision(
        Verdict.EVALUATED, requestor, policies, null, holding, admitting, proposal);
  }

  /**
   * What the requestor's key finds: the organization holding their match key (or, for a verified
   * personal account not admitted by it, their provider's key), and whether its source admits how
   * they signed in (R-MAT-1, R-MAT-2).
   */
  private Holding holding(Requestor requestor) {
    if (!requestor.isExternal()) {
      return Holding.Nobody.INSTANCE;
    }
    IdentitySourceKey key = requestor.matchKey();
    ConnectedOrganization holder = key == null ? null : organizations.holderOf(key);
    IdentitySource source = key == null || holder == null ? null : Rules.sourceOf(holder, key);
    if (holder != null && source != null && Rules.admitsSignIn(source, requestor)) {
      return new Membership(holder, source);
    }
    IdentitySourceKey fallback = requestor.fallbackKey();
    ConnectedOrganization byFallback = fallback == null ? null : organizations.holderOf(fallback);
    if (fallback != null && byFallback != null) {
      // A provider's key is held only by that provider's source, which admits its accounts.
      IdentitySource provider = Rules.sourceOf(byFallback, fallback);
      return provider == null ? Holding.Nobody.INSTANCE : new Membership(byFallback, provider);
    }
    return holder != null && source != null
        ? new Holding.NotAdmitted(holder, source)
        : Holding.Nobody.INSTANCE;
  }

  /**
   * The admitting policies of the most specific category, in the caller's order (R-POL-4). A policy
   * admitted alone is returned as its cached one-element list.
   */
  private static List<Policy> admitting(
      List<Policy> policies, Requestor requestor, @Nullable ConnectedOrganization member) {
    String self = requestor.directoryIdOrNull();
    if (policies.size() == 1) {
      Policy only = policies.get(0);
      return admits(only, requestor, member, self) ? only.alone() : List.of();
    }
    int best = Integer.MAX_VALUE;
    ImmutableList.Builder<Policy> winners = null;
    for (int i = 0; i < policies.size(); i++) {
      Policy policy = policies.get(i);
      if (!admits(policy, requestor, member, self)) {
        continue;
      }
      int category = policy.scope().kind().category();
      if (winners == null || category < best) {
        best = category;
        winners = ImmutableList.builder();
      }
      if (category == best) {
        winners.add(policy);
      }
    }
    return winners == null ? List.of() : winners.build();
  }

  private static boolean admits(
      Policy policy,
      Requestor requestor,
      @Nullable ConnectedOrganization member,
      @Nullable String self) {
    return Rules.admission(policy, requestor, member) == ReasonCode.ADMITTED_BY_POLICY
        && Rules.approvable(policy, member, self);
  }

  /** What approval would create for a requestor of no organization (R-POL-3), or why nothing. */
  private ProposalOutcome propose(Requestor requestor) {
    IdentitySource source;
    DomainName emailDomain = null;
    SignIn signIn = requestor.signIn();
    if (signIn instanceof SignIn.Entra entra) {
      source = EntraTenant.builder().tenantId(entra.tenantId()).cloud(entra.cloud()).build();
    } else if (signIn instanceof SignIn.Federated federated) {
      source =
          Federation.builder().domainName(federated.domain()).issuerUri(federated.issuer()).build();
    } else {
      EmailAddress email = requestor.verifiedEmailOrNull();
      if (email == null) {
        return ProposalOutcome.NeedsVerifiedEmail.INSTANCE;
      }
      emailDomain = email.domain();
      source = EmailDomain.of(emailDomain);
    }
    ConnectedOrganization holder = organizations.holderOf(source.key());
    if (holder != null) {
      return new ProposalOutcome.KeyHeld(source.key(), holder);
    }
    ProposedOrganization proposed = new ProposedOrganization(source.displayName(), source);
    return emailDomain == null ? proposed : advised(proposed, emailDomain);
  }

  /**
   * The proposal, with the advice of R-DEC-2 when a configured organization's tenant verifies
   * {@code domain}: the requestor should sign in with that organization's account.
   */
  private ProposalOutcome advised(ProposedOrganization proposed, DomainName domain) {
    DirectoryLookup directory = lookup;
    if (directory == null) {
      return proposed;
    }
    DomainResolution resolution;
    try {
      resolution = directory.resolve(domain);
    } catch (RuntimeException e) {
      LOG.warn("DirectoryLookup.resolve({}) failed; deciding without its advice", domain, e);
      return proposed;
    }
    if (resolution instanceof DomainResolution.Tenant tenant) {
      ConnectedOrganization owner =
          organizations.holderOf(IdentitySourceKey.tenant(tenant.cloud(), tenant.tenantId()));
      if (owner != null && owner.state() == OrganizationState.CONFIGURED) {
        return new ProposalOutcome.OrganizationAccountAdvised(proposed, owner, tenant.name());
      }
    }
    return proposed;
  }
}
