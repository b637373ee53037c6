package dev.entente.examples;

import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.TenantId;
import java.util.List;

/** The documentation's matcher sample, kept here so that it compiles and runs. */
public final class MatcherSample {
  private MatcherSample() {}

  /** Ana's decision and Jo's, as the documentation shows them. */
  public static List<AccessDecision> decisions() {
    ConnectedOrganization contoso = QuickStart.contoso();
    // sample begins
    AccessRequestMatcher matcher =
        AccessRequestMatcher.of(
            OrganizationSnapshot.of(List.of(contoso)), // O(1) lookups by identity source
            CollaborationRestrictions.deny(List.of("*.blocked.example")));
    Policy anyone =
        Policy.withApproval(
            "anyone",
            RequestorScope.allExternalUsers(),
            ApprovalStage.of(
                List.of(Approver.internalSponsors()), List.of(Approver.user("it-admin"))));

    Requestor ana =
        Requestor.entraUser(TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"), Cloud.GLOBAL);
    AccessDecision decision = matcher.evaluate(ana, anyone);
    decision.eligible(); // true: she signed in to Contoso's tenant (R-MAT-1)
    decision.approvalStages(); // stage 1: Contoso's internal sponsors (R-APR-1)

    Requestor jo = Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true);
    matcher.evaluate(jo, anyone).proposal(); // approval would propose "northwind.example" (R-POL-3)
    matcher.evaluate(jo, anyone).explanation(); // the reasons, as sentences (R-DEC-1)
    // sample ends
    return List.of(decision, matcher.evaluate(jo, anyone));
  }
}
