package dev.entente.observe;

import dev.entente.access.AccessDecision;
import dev.entente.model.HostDirectory;
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
 *
 * <p>Each method has a form that names the host directory (R-DIR-1), which Entente calls; by
 * default it calls the form without the directory, so a listener that does not tell directories
 * apart overrides only those — and keeps metrics free of a tag per directory, whose count has no
 * bound.
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

  /**
   * {@link #decided(AccessDecision)}, in {@code directory}: what Entente calls.
   *
   * @param directory the host directory whose matcher decided
   * @param decision the decision, as returned to the caller
   */
  default void decided(HostDirectory directory, AccessDecision decision) {
    decided(decision);
  }

  /**
   * {@link #writeFailed(String, RuntimeException)}, in {@code directory}: what Entente calls.
   *
   * @param directory the host directory written to
   * @param operation the management service's method
   * @param failure what the caller is thrown
   */
  default void writeFailed(HostDirectory directory, String operation, RuntimeException failure) {
    writeFailed(operation, failure);
  }

  /**
   * {@link #changeApplied(long, Duration)}, in {@code directory}: what Entente calls.
   *
   * @param directory the host directory of the change; its sequences are its own
   * @param sequence the change record's sequence
   * @param delay from the change's time to when the replica applied it
   */
  default void changeApplied(HostDirectory directory, long sequence, Duration delay) {
    changeApplied(sequence, delay);
  }

  /**
   * {@return {@code listener} as a listener of one directory}: each call of a form without the
   * directory calls {@code listener}'s form with {@code directory}; {@link #NONE} stays {@link
   * #NONE}, so that nothing is called
   *
   * @param listener the listener
   * @param directory the directory
   */
  static EntenteListener inDirectory(EntenteListener listener, HostDirectory directory) {
    if (listener == NONE) {
      return NONE;
    }
    return new EntenteListener() {
      @Override
      public void decided(AccessDecision decision) {
        listener.decided(directory, decision);
      }

      @Override
      public void writeFailed(String operation, RuntimeException failure) {
        listener.writeFailed(directory, operation, failure);
      }

      @Override
      public void changeApplied(long sequence, Duration delay) {
        listener.changeApplied(directory, sequence, delay);
      }

      @Override
      public String toString() {
        return listener + " in " + directory;
      }
    };
  }
}
