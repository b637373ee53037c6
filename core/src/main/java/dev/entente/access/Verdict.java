package dev.entente.access;

/** How far the evaluation of an access request went before it was decided. */
enum Verdict {
  /** No policy was given. */
  NO_POLICY,
  /** A one-time-passcode requestor whose email is not verified has not authenticated. */
  EMAIL_NOT_VERIFIED,
  /** The requestor's domain is on the deny list (R-MAT-3). */
  BLOCKED_BY_DENY_LIST,
  /** The requestor's domain is not on the allow list (R-MAT-3). */
  BLOCKED_BY_ALLOW_LIST,
  /** An allow list applies and the requestor proved no domain (R-MAT-3). */
  NO_VERIFIED_DOMAIN,
  /** The cross-tenant access settings refuse the requestor's tenant (R-XTA-2). */
  BLOCKED_BY_CROSS_TENANT_ACCESS,
  /** The organizations and policies were looked at. */
  EVALUATED
}
