package dev.entente.access;

/**
 * Machine-readable reasons of an {@link AccessDecision} (R-DEC-1), each with the sentence template
 * its {@link Reason} fills in. Codes are stable; sentences may be reworded.
 */
public enum ReasonCode {
  /** The requestor's domain is on the deny list (R-MAT-3). */
  BLOCKED_BY_DENY_LIST(
      "The domain %s is on the deny list, so the request is refused before any policy is considered (R-MAT-3)."),
  /** The requestor's domain is not on the allow list (R-MAT-3). */
  BLOCKED_BY_ALLOW_LIST(
      "The domain %s is not on the allow list, so the request is refused before any policy is considered (R-MAT-3)."),
  /**
   * An allow list is set and the requestor has no verified domain to check against it (R-MAT-3,
   * R-REQ-1).
   */
  NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST(
      "An allow list is set and the requestor has no verified email or federated domain to check against it, so the request is refused (R-MAT-3, R-REQ-1)."),
  /**
   * The cross-tenant access default configuration refuses the requestor's tenant, which has no B2B
   * collaboration inbound setting of its own (R-XTA-2, R-XTA-3).
   */
  BLOCKED_BY_CROSS_TENANT_DEFAULT(
      "The cross-tenant access settings' default configuration refuses users of tenant %s: %s. Change %s, or give the tenant a partner configuration of its own (R-XTA-2, R-XTA-3)."),
  /** The partner configuration of the requestor's tenant refuses them (R-XTA-2, R-XTA-3). */
  BLOCKED_BY_PARTNER_CONFIGURATION(
      "The cross-tenant access partner configuration of tenant %s refuses the requestor: %s. Change %s (R-XTA-2, R-XTA-3)."),
  /**
   * The requestor's tenant is of another Microsoft cloud that the cross-tenant access settings do
   * not let in (R-XTA-2, R-XTA-3).
   */
  BLOCKED_BY_CLOUD_SETTINGS(
      "Tenant %s is in another Microsoft cloud (%s), and the cross-tenant access settings do not let it in: %s. Change %s, and give the tenant a partner configuration (R-XTA-2, R-XTA-3)."),
  /** A one-time-passcode requestor whose email was not verified has not authenticated (R-REQ-1). */
  EMAIL_NOT_VERIFIED(
      "The requestor signed in by one-time passcode, but the address %s was not verified, so they have not authenticated (R-REQ-1)."),
  /** The requestor belongs to a connected organization (R-MAT-1). */
  MEMBER_OF_ORGANIZATION(
      "The requestor belongs to %s (%s) through its identity source %s (R-MAT-1)."),
  /** No organization admits the way the requestor signed in (R-MAT-1). */
  NO_MATCHING_ORGANIZATION(
      "No connected organization admits the requestor's sign-in (%s) (R-MAT-1)."),
  /**
   * The requestor's domain belongs to an organization through another way of signing in (R-MAT-2).
   */
  DOMAIN_HELD_THROUGH_OTHER_SIGN_IN(
      "The domain %s belongs to %s through its %s source, but the requestor signed in %s, so they are not its member (R-MAT-2)."),
  /** A federated requestor's domain is federated to another issuer (R-MAT-1). */
  ISSUER_MISMATCH(
      "The domain %s is federated for %s through the issuer %s, but the requestor signed in through %s, so they are not its member (R-MAT-1)."),
  /** A directory-users policy does not admit external requestors (R-POL-1). */
  DIRECTORY_USERS_ONLY(
      "Policy %s admits only users of the host directory, and the requestor is not one (R-POL-1)."),
  /** A policy for users not in the directory does not admit a directory user (R-POL-1). */
  NOT_AN_EXTERNAL_USER(
      "Policy %s is for users not in the directory, and the requestor is a user of the host directory (R-POL-1)."),
  /** A directory-users policy does not admit this directory user (R-POL-1). */
  NOT_IN_DIRECTORY_SCOPE("Policy %s admits %s, and the requestor (%s) is not one (R-POL-1)."),
  /** The requestor's organization is not among those a policy names (R-POL-1). */
  ORGANIZATION_NOT_IN_SCOPE(
      "Policy %s names specific connected organizations, and %s is not one of them (R-POL-1)."),
  /**
   * A proposed organization is not in scope of "all configured connected organizations" (R-POL-2).
   */
  ORGANIZATION_PROPOSED_NOT_IN_SCOPE(
      "%s is a proposed organization; policy %s admits configured organizations only, so the requestor is treated as if no organization existed for them (R-POL-2)."),
  /**
   * A policy for connected organizations, and the requestor belongs to none in its scope (R-POL-1).
   */
  NOT_IN_ANY_ORGANIZATION(
      "Policy %s admits members of connected organizations, and the requestor belongs to none (R-POL-1)."),
  /** A policy admits the requestor (R-POL-1). */
  ADMITTED_BY_POLICY("Policy %s admits the requestor: %s (R-POL-1)."),
  /** Among several admitting policies, this one was chosen (R-POL-4). */
  POLICY_CHOSEN("Policy %s was chosen: %s (R-POL-4)."),
  /** No policy was given to evaluate. */
  NO_POLICY("No policy was given, so nothing admits the requestor."),
  /** Approval would create a proposed organization (R-POL-3). */
  WOULD_PROPOSE_ORGANIZATION(
      "On approval, a proposed organization \"%s\" would be created with the identity source %s (R-POL-3)."),
  /**
   * Approval would propose an email-domain organization for a domain that a configured
   * organization's tenant verifies: the requestor should sign in with that organization's account
   * (R-DEC-2).
   */
  SIGN_IN_WITH_ORGANIZATION_ACCOUNT(
      "%s belongs to %s's tenant: ask the requestor to sign in with their %s account instead, and they will be a member of %s, a configured organization; approving this request proposes a separate organization for %s (R-DEC-2)."),
  /** Approval would not create an organization, because its key is taken (R-POL-3, R-SRC-2). */
  PROPOSAL_KEY_HELD(
      "On approval, no organization would be proposed: %s already belongs to %s (R-POL-3, R-SRC-2)."),
  /**
   * Approval would not create an organization, because the requestor has no verified email
   * (R-POL-3, R-REQ-1).
   */
  PROPOSAL_NEEDS_VERIFIED_EMAIL(
      "On approval, no organization would be proposed: the requestor has no verified email to take a domain from (R-POL-3, R-REQ-1)."),
  /** A stage's primary approvers resolved to nobody, so its fallback approvers apply (R-APR-1). */
  FALLBACK_APPROVERS_USED(
      "Stage %d: %s resolved to nobody, so the fallback approvers apply (R-APR-1)."),
  /** The requestor was left out of the approvers of their own request (R-APR-1). */
  REQUESTOR_NOT_APPROVER(
      "Stage %d: the requestor (%s) is an approver there, and never approves their own request (R-APR-1)."),
  /** A stage resolved to no approver at all, so the policy cannot admit (R-APR-1). */
  NO_APPROVER_AVAILABLE(
      "Policy %s, stage %d: neither the approvers nor the fallback approvers resolve to anyone, so no request under it could be approved (R-APR-1).");

  private final String template;

  ReasonCode(String template) {
    this.template = template;
  }

  /** {@return the sentence template, in {@link String#format} syntax} */
  public String template() {
    return template;
  }
}
