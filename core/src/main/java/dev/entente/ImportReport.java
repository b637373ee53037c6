package dev.entente;

import dev.entente.errors.EntenteException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What applying an {@link ImportPlan} did: each create or update, applied or refused with the
 * management service's exception. Refused steps are left as they were; planning again shows them.
 */
public final class ImportReport {
  /**
   * One create or update, and its failure if it failed.
   *
   * @param step the step
   * @param failure the exception the management service refused it with; null when applied
   */
  public record Outcome(ImportStep step, @Nullable EntenteException failure) {
    /** {@return the exception the step was refused with}, if it was */
    public Optional<EntenteException> failed() {
      return Optional.ofNullable(failure);
    }
  }

  private final List<Outcome> outcomes;

  ImportReport(List<Outcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
  }

  /** {@return every create and update attempted}, in the order applied */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** {@return how many were applied} */
  public long applied() {
    return outcomes.stream().filter(o -> o.failure() == null).count();
  }

  /** {@return how many were refused} */
  public long refused() {
    return outcomes.size() - applied();
  }

  /** {@return the report in words}: each refusal, then the counts */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Outcome o : outcomes) {
      EntenteException failure = o.failure();
      if (failure != null) {
        out.append("refused  ").append(o.step()).append(": ").append(failure.getMessage());
        out.append('\n');
      }
    }
    return out.append(applied())
        .append(" applied, ")
        .append(refused())
        .append(" refused\n")
        .toString();
  }
}
