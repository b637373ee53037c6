package dev.entente.observe;

import dev.entente.access.AccessDecision;
import java.time.Duration;

/**
 * What Entente tells an observer as it works, for metrics and tracing (R-EMB-1): each decision the
 * matcher makes, each write of the management service that fails, and each change a live replica
 * applies. Every method does nothing unless overridden.
 *
 * <pre>{@code
 * EntenteListener counting = new EntenteListener() {
 *   @Override public void decided(AccessDecision decision) {
 *     counts[decision.eligible() ? 1 : 0][decision.reason().ordinal()].increment();
 *   }
 * };
 * Entente entente = Entente.builder().listener(counting).build();
 * }</pre>
 *
 * <p>Methods are called on the thread doing the work — {@link #decided} on every decision — so they
 * must be quick and must not block: count, do not explain ({@link AccessDecision#reason()} costs
 * nothing; {@link AccessDecision#reasons()} builds sentences). A listener that throws is logged and
 * otherwise ignored: observing never changes a decision or a write. Implementations are called from
 * many threads at once.
 */
public interface EntenteListener {
  /** The listener that does nothing: what Entente has unless one is set. */
  EntenteListener NONE = new EntenteListener() {};

  /**
   * The matcher decided an access request ({@code evaluate}, {@code requestablePolicies}).
   *
   * @param decision the decision, as returned to the caller
   */
  default void decided(AccessDecision decision) {}

  /**
   * A write of the management service failed and changed nothing: refused as the caller's mistake
   * (a {@link dev.entente.errors.ValidationException}), in conflict with the store ({@link
   * dev.entente.errors.StaleVersionException}, {@link
   * dev.entente.errors.IdentitySourceConflictException} …), or failed in a port ({@link
   * dev.entente.errors.PortFailureException}).
   *
   * @param operation the management service's method: {@code create}, {@code update}, {@code
   *     addInternalSponsor}, {@code removeInternalSponsor}, {@code addExternalSponsor}, {@code
   *     removeExternalSponsor}, {@code markReviewed}, {@code delete} or {@code approve}
   * @param failure what the caller is thrown
   */
  default void writeFailed(String operation, RuntimeException failure) {}

  /**
   * A live replica applied a committed change: through its feed, or at once for a write made
   * through it. Called once for each change record it passes in order; changes it skips by loading
   * a snapshot (a log pruned past it) are not reported.
   *
   * @param sequence the change record's sequence
   * @param delay from the change's time (its record's {@code at}, by the writer's clock) to when
   *     the replica applied it; zero when the writer's clock is ahead
   */
  default void changeApplied(long sequence, Duration delay) {}
}
