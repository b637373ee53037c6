package dev.entente.examples;

import dev.entente.ApprovalOutcome;
import dev.entente.ConnectedOrganizations;
import dev.entente.DomainPreview;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.Sponsor;
import java.io.StringReader;
import java.util.List;

/** The documentation's management sample, kept here so that it compiles and runs. */
public final class ManagementSample {
  private ManagementSample() {}

  /**
   * The organizations the management sample leaves behind: Contoso, then Northwind's proposed one.
   */
  public static List<ConnectedOrganization> manage() {
    // sample begins
    Entente entente =
        Entente.builder()
            .directoryLookup(
                StaticDirectoryLookup.parse(
                    new StringReader(
                        "tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 GLOBAL contoso.com Contoso")))
            .build(); // in-memory store, SLF4J audit
    ConnectedOrganizations orgs = entente.organizations();
    Actor admin = Actor.administrator("admin@host.example");

    DomainPreview preview = orgs.preview(DomainName.of("contoso.com")); // R-MGT-3
    // preview.describe(): ENTRA_TENANT "Contoso" (tenant:GLOBAL:72f988bf-…) — confirm, then create
    ConnectedOrganization contoso =
        orgs.create(
            OrganizationDraft.named("Contoso").addIdentitySources(preview.source()).build(), admin);
    contoso = orgs.addInternalSponsor(contoso.id(), contoso.version(), Sponsor.user("dana"), admin);
    contoso =
        orgs.update(
            contoso.id(),
            contoso.version(), // names the version it read
            OrganizationChanges.builder().description("Supplier since 2019").build(),
            admin);

    Policy anyone = Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());
    AccessDecision jo =
        entente
            .matcher()
            .evaluate(
                Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true), anyone);
    ApprovalOutcome outcome = orgs.approve(jo); // creates "northwind.example", PROPOSED, once
    // sample ends
    return List.of(contoso, outcome.organization().orElseThrow());
  }
}
