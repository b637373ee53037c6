package dev.entente.errors;

/**
 * An access decision was approved after the organizations it was made from changed, so that
 * approving it would give the requestor an organization they are not a member of (R-DEC-2): an
 * administrator took the key the decision would have proposed, or the organization it matched is
 * gone or no longer admits them. Nothing was created; evaluate the request again.
 */
public final class StaleDecisionException extends EntenteException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal saying what changed.
   *
   * @param whatChanged what changed since the decision, as a sentence fragment ("the organization
   *     \"Northwind\" (org-7) now holds domain:northwind.example and does not admit a one-time
   *     passcode")
   */
  public StaleDecisionException(String whatChanged) {
    super(
        "The access decision is stale: "
            + whatChanged
            + ". Nothing was created; evaluate the request again and approve the new decision"
            + " (R-DEC-2).");
  }
}
