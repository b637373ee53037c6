package dev.entente.advice;

/** The kinds of advisory (docs/rules.md §5). */
public enum AdvisoryCode {
  /**
   * R-LINT-1: a configured organization with a social source, while a policy admits all configured
   * organizations without approval — anyone with such an account gets in unreviewed.
   */
  SOCIAL_SOURCE_CONFIGURED,
  /**
   * R-LINT-2: configured, created before 2020-09-09 when every organization was made configured,
   * and never reviewed since.
   */
  REVIEW_PRE_2020_CONFIGURED,
  /** R-LINT-3: an email-domain or federation source on a consumer mail domain (R-SRC-4). */
  CONSUMER_DOMAIN,
  /**
   * R-XTA-2: a configured organization whose tenant the cross-tenant access settings refuse,
   * whoever the user and whatever they request: its members can never get in.
   */
  GATE_REFUSES_EVERYONE,
  /** R-LINT-4: turning this proposed organization configured would newly admit its members. */
  CONFIGURING_WIDENS_ACCESS,
  /**
   * {@link Review} only: an organization with the id of an earlier one in the same collection (an
   * export of two tenants, two copies of one page); the earlier one is reviewed.
   */
  DUPLICATE_ID,
  /**
   * {@link Review} only, R-SRC-2: an identity source an earlier organization of the collection
   * claims too; a requestor belongs to one organization at most, so importing both fails.
   */
  IDENTITY_SOURCE_CONFLICT,
  /**
   * {@link Review} only, R-DEC-2: a proposed email-domain organization for a domain that a
   * configured organization's tenant verifies: its users signed in with personal accounts.
   */
  PROPOSED_SHADOWS_TENANT
}
