package dev.entente.access;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the matcher decided into reasons and resolved approvers, when a caller asks for them.
 * It works only from what the decision captured, through the same {@link Rules}, so an explanation
 * always agrees with its decision, whenever it is asked for.
 */
final class Explainer {
  /** The lazy parts of a decision. */
  record Explanation(List<Reason> reasons, List<ResolvedStage> stages) {}

  private Explainer() {}

  /** Why the requestor does, or does not, belong to an organization (R-MAT-1, R-MAT-2). */
  static ImmutableList<Reason> match(Requestor requestor, Holding holding) {
    SignIn signIn = requestor.signIn();
    if (!requestor.isExternal()) {
      return ImmutableList.of();
    }
    if (signIn.kind() == SignIn.Kind.ONE_TIME_PASSCODE && !requestor.emailVerified()) {
      return ImmutableList.of(emailNotVerified(requestor));
    }
    if (holding instanceof Membership m) {
      return ImmutableList.of(
          Reason.of(
              ReasonCode.MEMBER_OF_ORGANIZATION,
              m.organization().displayName(),
              m.organization().state(),
              m.source().key()));
    }
    if (!(holding instanceof Holding.NotAdmitted held)) {
      return ImmutableList.of(Reason.of(ReasonCode.NO_MATCHING_ORGANIZATION, describe(signIn)));
    }
    ConnectedOrganization holder = held.holder();
    IdentitySource source = held.source();
    if (signIn instanceof SignIn.Federated federated
        && source instanceof dev.entente.model.Federation federation) {
      return ImmutableList.of(
          Reason.of(
              ReasonCode.ISSUER_MISMATCH,
              federated.domain(),
              holder.displayName(),
              federation.issuerUri(),
              federated.issuer()));
    }
    String how =
        signIn instanceof SignIn.Federated f
            ? "through the identity provider " + f.issuer()
            : signIn instanceof SignIn.Social social
                ? "with a personal " + social.provider() + " account"
                : "by one-time passcode";
    String through =
        switch (source.kind()) {
          case EMAIL_DOMAIN -> "email-domain";
          case FEDERATION -> "federation";
          case ENTRA_TENANT -> "tenant";
          case SOCIAL_PROVIDER -> "personal-account";
        };
    return ImmutableList.of(
        Reason.of(
            ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN,
            source.domain().<Object>map(d -> d).orElse(source.key()),
            holder.displayName(),
            through,
            how));
  }

  /**
   * Why a source holding the requestor's key does not admit them: another issuer of the domain's
   * federation, or the domain held for another way of signing in (R-MAT-2).
   */
  static ReasonCode notAdmitted(SignIn signIn, Holding.NotAdmitted held) {
    return signIn instanceof SignIn.Federated
            && held.source() instanceof dev.entente.model.Federation
        ? ReasonCode.ISSUER_MISMATCH
        : ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN;
  }

  /** The code of a refusal before any organization was looked at. */
  static ReasonCode refusal(Verdict verdict, @Nullable Object blocked) {
    return switch (verdict) {
      case BLOCKED_BY_CROSS_TENANT_ACCESS ->
          switch (((CrossTenantAccess.Refusal) requireNonNull(blocked)).layer()) {
            case DEFAULT -> ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT;
            case PARTNER -> ReasonCode.BLOCKED_BY_PARTNER_CONFIGURATION;
            case CLOUD -> ReasonCode.BLOCKED_BY_CLOUD_SETTINGS;
          };
      case NO_POLICY -> ReasonCode.NO_POLICY;
      case EMAIL_NOT_VERIFIED -> ReasonCode.EMAIL_NOT_VERIFIED;
      case BLOCKED_BY_DENY_LIST -> ReasonCode.BLOCKED_BY_DENY_LIST;
      case BLOCKED_BY_ALLOW_LIST -> ReasonCode.BLOCKED_BY_ALLOW_LIST;
      case NO_VERIFIED_DOMAIN -> ReasonCode.NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST;
      case EVALUATED -> throw new IllegalArgumentException("an evaluated decision was refused");
    };
  }

  /** Why a requestor was refused before any organization was looked at. */
  static Explanation refused(Verdict verdict, Requestor requestor, @Nullable Object blocked) {
    ReasonCode code = refusal(verdict, blocked);
    Reason reason =
        switch (code) {
          case EMAIL_NOT_VERIFIED -> emailNotVerified(requestor);
          case BLOCKED_BY_DENY_LIST, BLOCKED_BY_ALLOW_LIST ->
              Reason.of(code, (DomainName) requireNonNull(blocked));
          case BLOCKED_BY_CROSS_TENANT_DEFAULT, BLOCKED_BY_PARTNER_CONFIGURATION -> {
            CrossTenantAccess.Refusal r = (CrossTenantAccess.Refusal) requireNonNull(blocked);
            yield Reason.of(code, r.tenant(), r.why(), r.setting());
          }
          case BLOCKED_BY_CLOUD_SETTINGS -> {
            CrossTenantAccess.Refusal r = (CrossTenantAccess.Refusal) requireNonNull(blocked);
            yield Reason.of(
                code, r.tenant(), CrossTenantAccess.endpointOf(r.cloud()), r.why(), r.setting());
          }
          default -> Reason.of(code);
        };
    return new Explanation(ImmutableList.of(reason), ImmutableList.of());
  }

  /**
   * Why the policies admit, or do not admit, a requestor whose key found {@code holding}: the
   * match, each policy's answer, the chosen policy and its approval stages, and what approval would
   * propose.
   */
  static Explanation evaluated(
      Requestor requestor,
      Holding holding,
      List<Policy> policies,
      List<Policy> admitting,
      @Nullable ProposalOutcome proposal) {
    ImmutableList.Builder<Reason> reasons = ImmutableList.builder();
    reasons.addAll(match(requestor, holding));
    ConnectedOrganization member = Holding.memberOf(holding);
    if (admitting.isEmpty()) {
      for (Policy policy : policies) {
        ReasonCode code = Rules.admission(policy, requestor, member);
        if (code != ReasonCode.ADMITTED_BY_POLICY) {
          reasons.add(policyReason(code, policy, requestor, member));
        } else {
          stages(policy, requestor, member, reasons);
        }
      }
      return new Explanation(reasons.build(), ImmutableList.of());
    }
    Policy chosen = admitting.get(0);
    reasons.add(policyReason(ReasonCode.ADMITTED_BY_POLICY, chosen, requestor, member));
    ImmutableList<ResolvedStage> stages = stages(chosen, requestor, member, reasons);
    if (policies.size() > 1) {
      reasons.add(
          Reason.of(
              ReasonCode.POLICY_CHOSEN,
              chosen.id(),
              admitting.size() == 1
                  ? "it is the only admitting policy of the most specific category"
                  : "it comes first among the "
                      + admitting.size()
                      + " admitting policies of the most specific category, and the requestor may pick another of them"));
    }
    if (proposal instanceof ProposedOrganization p) {
      reasons.add(
          Reason.of(ReasonCode.WOULD_PROPOSE_ORGANIZATION, p.displayName(), p.source().key()));
    } else if (proposal instanceof ProposalOutcome.OrganizationAccountAdvised advised) {
      ProposedOrganization p = advised.proposed();
      reasons.add(
          Reason.of(ReasonCode.WOULD_PROPOSE_ORGANIZATION, p.displayName(), p.source().key()));
      String owner = advised.tenantOrganization().displayName();
      reasons.add(
          Reason.of(
              ReasonCode.SIGN_IN_WITH_ORGANIZATION_ACCOUNT,
              p.displayName(),
              advised.tenantName(),
              owner,
              owner,
              p.displayName()));
    } else if (proposal instanceof ProposalOutcome.KeyHeld held) {
      reasons.add(Reason.of(ReasonCode.PROPOSAL_KEY_HELD, held.key(), held.holder().displayName()));
    } else if (proposal instanceof ProposalOutcome.NeedsVerifiedEmail) {
      reasons.add(Reason.of(ReasonCode.PROPOSAL_NEEDS_VERIFIED_EMAIL));
    }
    return new Explanation(reasons.build(), stages == null ? ImmutableList.of() : stages);
  }

  private static Reason policyReason(
      ReasonCode code, Policy policy, Requestor requestor, @Nullable ConnectedOrganization member) {
    return switch (code) {
      case ADMITTED_BY_POLICY -> Reason.of(code, policy.id(), admittedBecause(policy, member));
      case NOT_IN_DIRECTORY_SCOPE -> {
        SignIn.Directory user = (SignIn.Directory) requestor.signIn();
        String who =
            policy.scope().kind() == RequestorScope.Kind.SPECIFIC_DIRECTORY_USERS
                ? "the directory users it names"
                : "member users of the directory, not guests";
        yield Reason.of(
            code, policy.id(), who, (user.guest() ? "guest " : "member ") + user.userId());
      }
      case ORGANIZATION_NOT_IN_SCOPE ->
          Reason.of(code, policy.id(), member == null ? "(none)" : member.displayName());
      case ORGANIZATION_PROPOSED_NOT_IN_SCOPE ->
          Reason.of(code, member == null ? "(none)" : member.displayName(), policy.id());
      default -> Reason.of(code, policy.id());
    };
  }

  private static String admittedBecause(Policy policy, @Nullable ConnectedOrganization member) {
    return switch (policy.scope().kind()) {
      case SPECIFIC_CONNECTED_ORGANIZATIONS ->
          "it names "
              + (member == null ? "their organization" : member.displayName())
              + ", configured or proposed";
      case ALL_CONFIGURED_CONNECTED_ORGANIZATIONS ->
          "it admits all configured connected organizations, and "
              + (member == null ? "theirs" : member.displayName())
              + " is configured";
      case ALL_EXTERNAL_USERS ->
          "it admits all external users who authenticated and are not blocked";
      case SPECIFIC_DIRECTORY_USERS -> "it admits the directory users it names";
      case ALL_MEMBER_USERS -> "it admits member users of the directory, not guests";
      case ALL_DIRECTORY_USERS -> "it admits every user of the directory";
    };
  }

  /**
   * The stages with approvers resolved (R-APR-1), adding their reasons; null when one resolves to
   * nobody.
   */
  private static @Nullable ImmutableList<ResolvedStage> stages(
      Policy policy,
      Requestor requestor,
      @Nullable ConnectedOrganization member,
      ImmutableList.Builder<Reason> reasons) {
    if (!policy.approvalRequired()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<ResolvedStage> out = ImmutableList.builder();
    String self = requestor.directoryId().orElse(null);
    for (int i = 0; i < policy.stages().size(); i++) {
      int number = i + 1;
      ApprovalStage stage = policy.stages().get(i);
      ImmutableList<Principal> primary = resolve(stage.approvers(), member, self, number, reasons);
      if (!primary.isEmpty()) {
        out.add(new ResolvedStage(number, primary, false));
        continue;
      }
      reasons.add(
          Reason.of(
              ReasonCode.FALLBACK_APPROVERS_USED,
              number,
              stage.approvers().size() == 1
                  ? stage.approvers().get(0).toString()
                  : stage.approvers().toString()));
      ImmutableList<Principal> fallback =
          resolve(stage.fallbackApprovers(), member, self, number, reasons);
      if (fallback.isEmpty()) {
        reasons.add(Reason.of(ReasonCode.NO_APPROVER_AVAILABLE, policy.id(), number));
        return null;
      }
      out.add(new ResolvedStage(number, fallback, true));
    }
    return out.build();
  }

  private static ImmutableList<Principal> resolve(
      List<Approver> approvers,
      @Nullable ConnectedOrganization member,
      @Nullable String self,
      int stage,
      ImmutableList.Builder<Reason> reasons) {
    Set<Principal> out = new LinkedHashSet<>();
    for (Approver approver : approvers) {
      switch (approver.kind()) {
        case PRINCIPAL -> out.add(((Approver.Fixed) approver).principal());
        case INTERNAL_SPONSORS -> {
          if (member != null) {
            member.internalSponsors().forEach(s -> out.add(Principal.of(s)));
          }
        }
        case EXTERNAL_SPONSORS -> {
          if (member != null) {
            member.externalSponsors().forEach(s -> out.add(Principal.of(s)));
          }
        }
      }
    }
    if (self != null && out.removeIf(p -> Rules.isSelf(p.kind(), p.id(), self))) {
      reasons.add(Reason.of(ReasonCode.REQUESTOR_NOT_APPROVER, stage, self));
    }
    return ImmutableList.copyOf(out);
  }

  private static Reason emailNotVerified(Requestor requestor) {
    return Reason.of(
        ReasonCode.EMAIL_NOT_VERIFIED, requestor.email().map(Object::toString).orElse("(none)"));
  }

  static String describe(SignIn signIn) {
    return switch (signIn.kind()) {
      case ENTRA -> {
        SignIn.Entra e = (SignIn.Entra) signIn;
        yield "Entra tenant " + e.tenantId() + " in the " + e.cloud() + " cloud";
      }
      case FEDERATED -> {
        SignIn.Federated f = (SignIn.Federated) signIn;
        yield "federation for " + f.domain() + " through " + f.issuer();
      }
      case ONE_TIME_PASSCODE -> "one-time passcode";
      case SOCIAL -> "personal account of " + ((SignIn.Social) signIn).provider();
      case DIRECTORY -> "directory user";
    };
  }
}
