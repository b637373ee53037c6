package dev.entente.examples;

import dev.entente.errors.ValidationException;
import dev.entente.model.*;
import java.time.Instant;

/** The documentation's code sample, kept here so that it compiles and runs. */
public final class QuickStart {
  private QuickStart() {}

  /** Builds a connected organization with two identity sources, as the documentation shows. */
  public static ConnectedOrganization contoso() {
    // sample begins
    ConnectedOrganization contoso =
        ConnectedOrganization.builder()
            .id(OrganizationId.random())
            .displayName("Contoso")
            .addIdentitySources(
                EntraTenant.of(
                    TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"), Cloud.GLOBAL, "Contoso"),
                EmailDomain.of(
                    DomainName.of("Contoso-Partners.COM."))) // stored as contoso-partners.com
            .addInternalSponsors(Sponsor.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21"))
            .createdAt(Instant.now())
            .createdBy(Actor.administrator("admin@host.example"))
            .build(); // CONFIGURED by default (R-ORG-2)

    try {
      DomainName.of("co.uk"); // a public suffix is nobody's domain (R-SRC-3)
    } catch (ValidationException e) {
      System.out.println(e.field() + " refused: " + e.problem());
    }
    // sample ends
    return contoso;
  }
}
