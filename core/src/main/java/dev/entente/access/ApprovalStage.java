package dev.entente.access;

import com.google.common.collect.ImmutableList;
import dev.entente.errors.ValidationException;
import java.util.List;

/**
 * One stage of a policy's approval (R-APR-1): its primary approvers, and the fallback approvers who
 * act when the primary ones resolve to nobody (no organization matched, or it has no sponsors of
 * the wanted kind, or the only sponsor is the requestor).
 *
 * @param approvers the primary approvers, 1 to {@value #MAX_APPROVERS}
 * @param fallbackApprovers the fallback approvers, 0 to {@value #MAX_APPROVERS}
 */
public record ApprovalStage(List<Approver> approvers, List<Approver> fallbackApprovers) {
  /** Most approvers, and most fallback approvers, of one stage. */
  public static final int MAX_APPROVERS = 25;

  /**
   * A stage.
   *
   * @param approvers the approvers
   * @param fallbackApprovers the fallback approvers
   * @throws ValidationException on field {@code approvers} or {@code fallbackApprovers} for an
   *     empty primary list or a list over {@value #MAX_APPROVERS}
   */
  public ApprovalStage {
    approvers = ImmutableList.copyOf(approvers);
    fallbackApprovers = ImmutableList.copyOf(fallbackApprovers);
    String accepts =
        "1 to "
            + MAX_APPROVERS
            + " approvers, and at most "
            + MAX_APPROVERS
            + " fallback approvers";
    if (approvers.isEmpty() || approvers.size() > MAX_APPROVERS) {
      throw new ValidationException(
          "approvers", approvers, "is not a count a stage accepts", accepts);
    }
    if (fallbackApprovers.size() > MAX_APPROVERS) {
      throw new ValidationException(
          "fallbackApprovers", fallbackApprovers.size() + " approvers", "holds too many", accepts);
    }
  }

  /**
   * {@return a stage with primary approvers and fallbacks}
   *
   * @param approvers the approvers
   * @param fallbackApprovers the fallback approvers
   */
  public static ApprovalStage of(List<Approver> approvers, List<Approver> fallbackApprovers) {
    return new ApprovalStage(approvers, fallbackApprovers);
  }

  /**
   * {@return a stage with primary approvers only}
   *
   * @param approvers the approvers
   */
  public static ApprovalStage of(Approver... approvers) {
    return new ApprovalStage(List.of(approvers), List.of());
  }
}
