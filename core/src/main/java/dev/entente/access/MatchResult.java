package dev.entente.access;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Which connected organization a requestor belongs to, if any, and why (R-MAT-1, R-MAT-2). */
public final class MatchResult {
  private final @Nullable Membership membership;
  private final ImmutableList<Reason> reasons;

  MatchResult(@Nullable Membership membership, ImmutableList<Reason> reasons) {
    this.membership = membership;
    this.reasons = reasons;
  }

  /** {@return the organization and source, when the requestor belongs to one} */
  public Optional<Membership> membership() {
    return Optional.ofNullable(membership);
  }

  /** {@return why: {@link ReasonCode#MEMBER_OF_ORGANIZATION}, or why not} */
  public List<Reason> reasons() {
    return reasons;
  }

  @Override
  public String toString() {
    return membership == null
        ? "no organization " + reasons
        : "member of " + membership.organization().displayName() + " " + reasons;
  }
}
