package dev.entente.access;

import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The seed's cast: Contoso (a tenant), Fabrikam (a federation), Woodgrove (an email domain),
 * Microsoft accounts, and Litware (proposed).
 */
final class Fixtures {
  static final TenantId CONTOSO_TENANT = TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  static final TenantId OTHER_TENANT = TenantId.of("9188040d-6c67-4c5b-b112-36a304b66dad");
  static final IssuerUri FABRIKAM_ISSUER =
      IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust");
  static final IssuerUri ROGUE_ISSUER = IssuerUri.of("https://idp.attacker.example/saml");

  static final Sponsor DANA = Sponsor.of(Sponsor.Kind.USER, "dana-internal", "Dana");
  static final Sponsor ERIK = Sponsor.of(Sponsor.Kind.USER, "erik-guest", "Erik (Contoso)");

  static final ConnectedOrganization CONTOSO =
      org(
              "contoso",
              "Contoso",
              OrganizationState.CONFIGURED,
              EntraTenant.of(CONTOSO_TENANT, Cloud.GLOBAL, "Contoso"))
          .toBuilder()
          .addInternalSponsors(DANA)
          .addExternalSponsors(ERIK)
          .build();
  static final ConnectedOrganization FABRIKAM =
      org(
          "fabrikam",
          "Fabrikam",
          OrganizationState.CONFIGURED,
          Federation.of(DomainName.of("fabrikam.com"), FABRIKAM_ISSUER, "Fabrikam AD FS"));
  static final ConnectedOrganization WOODGROVE =
      org(
          "woodgrove",
          "Woodgrove",
          OrganizationState.CONFIGURED,
          EmailDomain.of(DomainName.of("woodgrove.com")));
  static final ConnectedOrganization MICROSOFT_ACCOUNTS =
      org(
          "msa",
          "Microsoft accounts",
          OrganizationState.PROPOSED,
          SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT));
  static final ConnectedOrganization LITWARE =
      org(
          "litware",
          "Litware",
          OrganizationState.PROPOSED,
          EmailDomain.of(DomainName.of("litware.com")));

  static final OrganizationSnapshot ALL =
      OrganizationSnapshot.of(List.of(CONTOSO, FABRIKAM, WOODGROVE, MICROSOFT_ACCOUNTS, LITWARE));

  static final Policy ALL_CONFIGURED_NO_APPROVAL =
      Policy.withoutApproval(
          "all-configured", RequestorScope.allConfiguredConnectedOrganizations());
  static final Policy ALL_EXTERNAL_NO_APPROVAL =
      Policy.withoutApproval("all-external", RequestorScope.allExternalUsers());

  private Fixtures() {}

  static Policy specific(ConnectedOrganization... orgs) {
    return Policy.withoutApproval(
        "specific-" + orgs[0].id(),
        RequestorScope.specificConnectedOrganizations(
            java.util.Arrays.stream(orgs).map(ConnectedOrganization::id).toList()));
  }

  static ConnectedOrganization org(
      String id, String name, OrganizationState state, IdentitySource source) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of(id))
        .displayName(name)
        .state(state)
        .addIdentitySources(source)
        .createdAt(Instant.parse("2025-03-01T10:00:00Z"))
        .createdBy(Actor.administrator("admin@host.example"))
        .build();
  }

  static EmailAddress email(String address) {
    return EmailAddress.of(address);
  }

  static Requestor contosoUser(String address) {
    return Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL).withVerifiedEmail(email(address));
  }
}
