package dev.entente.examples;

import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.EntraTenant;
import dev.entente.model.TenantId;

/** The README's first example: one organization, one decision. */
public final class FrontPageSample {
  private FrontPageSample() {}

  /** {@return the decision the README shows} */
  public static AccessDecision decide() {
    // sample begins
    Entente entente = Entente.inMemory();
    TenantId contosoTenant = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
    entente
        .organizations()
        .create(
            OrganizationDraft.named("Contoso")
                .addIdentitySources(EntraTenant.of(contosoTenant, Cloud.GLOBAL, "Contoso"))
                .build(),
            Actor.administrator("admin@host.example"));

    Policy partners =
        Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
    AccessDecision decision =
        entente.matcher().evaluate(Requestor.entraUser(contosoTenant, Cloud.GLOBAL), partners);
    decision.eligible(); // true: she signed in to Contoso's tenant
    decision.explanation(); // and why, in sentences
    // sample ends
    return decision;
  }
}
