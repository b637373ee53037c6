package dev.entente.examples;

import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.CrossTenantAccess;
import dev.entente.access.CrossTenantAccess.B2BSetting;
import dev.entente.access.CrossTenantAccess.Partner;
import dev.entente.access.CrossTenantAccess.Rule;
import dev.entente.access.CrossTenantAccess.Target;
import dev.entente.access.InvitationGate;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Cloud;
import dev.entente.model.TenantId;
import java.util.List;

/** The documentation's invitation-gate sample, kept here so that it compiles and runs. */
public final class GateSample {
  private GateSample() {}

  /** The three decisions the documentation shows, in its order. */
  public static List<AccessDecision> decisions() {
    OrganizationSnapshot organizations = OrganizationSnapshot.of(List.of(QuickStart.contoso()));
    Policy configured =
        Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
    // sample begins
    TenantId contoso = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
    CrossTenantAccess settings =
        CrossTenantAccess.builder()
            .defaultInbound(B2BSetting.blockAll()) // nobody of another tenant, by default
            .partner(
                Partner.of(
                    contoso, // but Contoso's project group may reach the portal
                    B2BSetting.of(
                        Rule.allowed(Target.group("5b0c6f1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e")),
                        Rule.allowed(Target.application("portal-app-id")))))
            .build();
    AccessRequestMatcher matcher =
        AccessRequestMatcher.of(organizations)
            .withGate(InvitationGate.of(CollaborationRestrictions.none(), settings))
            .forApplication("portal-app-id");

    Requestor ana = Requestor.entraUser(contoso, Cloud.GLOBAL);
    matcher.evaluate(ana, configured).reason(); // BLOCKED_BY_PARTNER_CONFIGURATION: groups not told
    Requestor anaInGroup = ana.withHomeGroups(List.of("5b0c6f1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e"));
    matcher.evaluate(anaInGroup, configured).eligible(); // true (R-XTA-2)

    Requestor other =
        Requestor.entraUser(TenantId.of("9188040d-6c67-4c5b-b112-36a304b66dad"), Cloud.GLOBAL);
    matcher
        .evaluate(other, configured)
        .explanation(); // "…default configuration refuses…" (R-XTA-3)
    // sample ends
    return List.of(
        matcher.evaluate(ana, configured),
        matcher.evaluate(anaInGroup, configured),
        matcher.evaluate(other, configured));
  }
}
