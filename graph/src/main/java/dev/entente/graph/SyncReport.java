package dev.entente.graph;

import dev.entente.errors.EntenteException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What applying a {@link SyncPlan} did: each create or update, applied or refused with the
 * service's exception. Refused steps are left as they were; planning again shows them.
 */
public final class SyncReport {
  /**
   * One create or update, and its failure if it failed.
   *
   * @param step the step
   * @param failure the exception the management service refused it with; null when applied
   */
  public record Outcome(SyncStep step, @Nullable EntenteException failure) {
    /**
     * The exception the step was refused with.
     *
     * @return the failure, if it failed
     */
    public Optional<EntenteException> failed() {
      return Optional.ofNullable(failure);
    }
  }

  private final List<Outcome> outcomes;

  SyncReport(List<Outcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
  }

  /**
   * Every create and update attempted, in the order applied.
   *
   * @return the outcomes
   */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /**
   * How many were applied.
   *
   * @return the count applied
   */
  public long applied() {
    return outcomes.stream().filter(o -> o.failure() == null).count();
  }

  /**
   * How many were refused.
   *
   * @return the count refused
   */
  public long failed() {
    return outcomes.size() - applied();
  }

  /**
   * The report in words: each refusal, then the counts.
   *
   * @return the report
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Outcome o : outcomes) {
      if (o.failure() != null) {
        out.append("refused  ")
            .append(o.step())
            .append(": ")
            .append(o.failure().getMessage())
            .append('\n');
      }
    }
    return out.append(applied())
        .append(" applied, ")
        .append(failed())
        .append(" refused\n")
        .toString();
  }
}
