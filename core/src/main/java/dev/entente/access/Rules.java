package dev.entente.access;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.EmailDomain;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules of docs/rules.md §3 and §4 as allocation-free predicates, shared by the matcher's fast
 * decision and the lazy explanation, so that the two cannot disagree.
 */
final class Rules {
  private Rules() {}

  /** The source of {@code org} holding {@code key}, or null. */
  static @Nullable IdentitySource sourceOf(ConnectedOrganization org, IdentitySourceKey key) {
    List<IdentitySource> sources = org.identitySources();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).key().equals(key)) {
        return sources.get(i);
      }
    }
    return null;
  }

  /**
   * Whether {@code source}, which holds the requestor's match key, admits how they signed in
   * (R-MAT-1, R-MAT-2): a domain held by a federation admits only its issuer, and one held as an
   * email domain admits only a passcode; tenant and provider keys admit their own kind alone.
   */
  static boolean admitsSignIn(IdentitySource source, Requestor requestor) {
    switch (requestor.kind()) {
      case FEDERATED:
        return source instanceof Federation f
            && f.issuerUri().equals(((SignIn.Federated) requestor.signIn()).issuer());
      case ONE_TIME_PASSCODE:
        return source instanceof EmailDomain;
      case SOCIAL:
        // A domain admits a personal account only as an email-domain source, never through a
        // tenant's or federation's domain; a provider key is held only by that provider's source.
        return source instanceof EmailDomain || source instanceof SocialProvider;
      case ENTRA:
        return true;
      default:
        return false;
    }
  }

  /**
   * What {@code policy}'s scope says of this requestor (R-POL-1, R-POL-2): {@link
   * ReasonCode#ADMITTED_BY_POLICY} or the code of the refusal. {@code member} is the organization
   * they belong to, or null.
   */
  static ReasonCode admission(
      Policy policy, Requestor requestor, @Nullable ConnectedOrganization member) {
    RequestorScope scope = policy.scope();
    if (!scope.kind().isForExternalUsers()) {
      if (requestor.isExternal()) {
        return ReasonCode.DIRECTORY_USERS_ONLY;
      }
      SignIn.Directory user = (SignIn.Directory) requestor.signIn();
      switch (scope.kind()) {
        case SPECIFIC_DIRECTORY_USERS:
          return scope.directoryUsers().contains(user.userId())
              ? ReasonCode.ADMITTED_BY_POLICY
              : ReasonCode.NOT_IN_DIRECTORY_SCOPE;
        case ALL_MEMBER_USERS:
          return user.guest() ? ReasonCode.NOT_IN_DIRECTORY_SCOPE : ReasonCode.ADMITTED_BY_POLICY;
        default:
          return ReasonCode.ADMITTED_BY_POLICY;
      }
    }
    if (!requestor.isExternal()) {
      return ReasonCode.NOT_AN_EXTERNAL_USER;
    }
    switch (scope.kind()) {
      case SPECIFIC_CONNECTED_ORGANIZATIONS:
        if (member == null) {
          return ReasonCode.NOT_IN_ANY_ORGANIZATION;
        }
        return scope.organizations().contains(member.id())
            ? ReasonCode.ADMITTED_BY_POLICY
            : ReasonCode.ORGANIZATION_NOT_IN_SCOPE;
      case ALL_CONFIGURED_CONNECTED_ORGANIZATIONS:
        if (member == null) {
          return ReasonCode.NOT_IN_ANY_ORGANIZATION;
        }
        return member.state() == OrganizationState.CONFIGURED
            ? ReasonCode.ADMITTED_BY_POLICY
            : ReasonCode.ORGANIZATION_PROPOSED_NOT_IN_SCOPE;
      default:
        return ReasonCode.ADMITTED_BY_POLICY;
    }
  }

  /**
   * Whether every approval stage of {@code policy} resolves to someone other than the requestor
   * (R-APR-1).
   */
  static boolean approvable(
      Policy policy, @Nullable ConnectedOrganization member, @Nullable String self) {
    if (!policy.approvalRequired()) {
      return true;
    }
    for (int i = 0; i < policy.stages().size(); i++) {
      ApprovalStage stage = policy.stages().get(i);
      if (!anyApprover(stage.approvers(), member, self)
          && !anyApprover(stage.fallbackApprovers(), member, self)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyApprover(
      List<Approver> approvers, @Nullable ConnectedOrganization member, @Nullable String self) {
    for (int i = 0; i < approvers.size(); i++) {
      Approver approver = approvers.get(i);
      switch (approver.kind()) {
        case PRINCIPAL:
          Principal principal = ((Approver.Fixed) approver).principal();
          if (!isSelf(principal.kind(), principal.id(), self)) {
            return true;
          }
          break;
        case INTERNAL_SPONSORS:
          if (member != null && anyOther(member.internalSponsors(), self)) {
            return true;
          }
          break;
        default:
          if (member != null && anyOther(member.externalSponsors(), self)) {
            return true;
          }
      }
    }
    return false;
  }

  private static boolean anyOther(Set<Sponsor> sponsors, @Nullable String self) {
    for (Sponsor sponsor : sponsors) {
      if (!isSelf(sponsor.kind(), sponsor.id(), self)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a principal is the requestor themself: a user with their directory id. */
  static boolean isSelf(Sponsor.Kind kind, String id, @Nullable String self) {
    // Directory object ids are GUIDs, which compare case-insensitively (R-APR-1, R-SPN-1).
    return self != null && kind == Sponsor.Kind.USER && id.equalsIgnoreCase(self);
  }
}
