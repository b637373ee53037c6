package dev.entente.access;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
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
   * (R-MAT-1, R-MAT-2): a tenant admits its own users; a federation admits only its issuer's users;
   * an email domain admits a passcode or a personal account proving an address in it, never through
   * a tenant's or federation's domain; a provider admits its own accounts.
   */
  static boolean admitsSignIn(IdentitySource source, Requestor requestor) {
    SignIn.Kind signIn = requestor.kind();
    return switch (source.kind()) {
      case ENTRA_TENANT -> signIn == SignIn.Kind.ENTRA;
      case FEDERATION ->
          requestor.signIn() instanceof SignIn.Federated federated
              && ((Federation) source).issuerUri().equals(federated.issuer());
      case EMAIL_DOMAIN -> signIn == SignIn.Kind.ONE_TIME_PASSCODE || signIn == SignIn.Kind.SOCIAL;
      case SOCIAL_PROVIDER -> signIn == SignIn.Kind.SOCIAL;
    };
  }

  /**
   * What {@code policy}'s scope says of this requestor (R-POL-1, R-POL-2): {@link
   * ReasonCode#ADMITTED_BY_POLICY} or the code of the refusal. {@code member} is the organization
   * they belong to, or null.
   */
  static ReasonCode admission(
      Policy policy, Requestor requestor, @Nullable ConnectedOrganization member) {
    RequestorScope scope = policy.scope();
    boolean forExternal = scope.kind().isForExternalUsers();
    if (forExternal != requestor.isExternal()) {
      return forExternal ? ReasonCode.NOT_AN_EXTERNAL_USER : ReasonCode.DIRECTORY_USERS_ONLY;
    }
    return switch (scope.kind()) {
      case SPECIFIC_DIRECTORY_USERS ->
          scope.directoryUsers().contains(((SignIn.Directory) requestor.signIn()).userId())
              ? ReasonCode.ADMITTED_BY_POLICY
              : ReasonCode.NOT_IN_DIRECTORY_SCOPE;
      case ALL_MEMBER_USERS ->
          ((SignIn.Directory) requestor.signIn()).guest()
              ? ReasonCode.NOT_IN_DIRECTORY_SCOPE
              : ReasonCode.ADMITTED_BY_POLICY;
      case ALL_DIRECTORY_USERS, ALL_EXTERNAL_USERS -> ReasonCode.ADMITTED_BY_POLICY;
      case SPECIFIC_CONNECTED_ORGANIZATIONS ->
          member == null
              ? ReasonCode.NOT_IN_ANY_ORGANIZATION
              : scope.organizations().contains(member.id())
                  ? ReasonCode.ADMITTED_BY_POLICY
                  : ReasonCode.ORGANIZATION_NOT_IN_SCOPE;
      case ALL_CONFIGURED_CONNECTED_ORGANIZATIONS ->
          member == null
              ? ReasonCode.NOT_IN_ANY_ORGANIZATION
              : member.state() == OrganizationState.CONFIGURED
                  ? ReasonCode.ADMITTED_BY_POLICY
                  : ReasonCode.ORGANIZATION_PROPOSED_NOT_IN_SCOPE;
    };
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
      boolean someoneElse =
          switch (approver.kind()) {
            case PRINCIPAL -> {
              Principal principal = ((Approver.Fixed) approver).principal();
              yield !isSelf(principal.kind(), principal.id(), self);
            }
            case INTERNAL_SPONSORS -> member != null && anyOther(member.internalSponsors(), self);
            case EXTERNAL_SPONSORS -> member != null && anyOther(member.externalSponsors(), self);
          };
      if (someoneElse) {
        return true;
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
