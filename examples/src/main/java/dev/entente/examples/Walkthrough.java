package dev.entente.examples;

import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.OrganizationSnapshot;
import dev.entente.access.Policy;
import dev.entente.access.Reason;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.access.ResolvedStage;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.ValidationException;
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
import java.io.PrintStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The walkthrough: the story of Microsoft's connected-organizations article, end to end. It
 * connects Contoso (an Entra tenant), Fabrikam (a federated domain), Woodgrove (an email domain)
 * and Microsoft accounts (a proposed social organization), shows what happens to bad input, and
 * then decides access for a handful of requestors under each scope, printing every decision's
 * reasons as sentences.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests} from the project
 * root.
 */
public final class Walkthrough {
  private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final TenantId CONTOSO_TENANT =
      TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");

  private final PrintStream out;

  Walkthrough(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    new Walkthrough(System.out).run();
  }

  /** The organizations the walkthrough connects, one for each kind of identity source. */
  static List<ConnectedOrganization> organizations() {
    return List.of(
        organization(
            "Contoso",
            "An Entra tenant: its users sign in to their own directory.",
            EntraTenant.of(CONTOSO_TENANT, Cloud.GLOBAL, "Contoso")),
        organization(
            "Fabrikam",
            "A SAML/WS-Fed federation configured for fabrikam.com.",
            Federation.of(
                DomainName.of("fabrikam.com"),
                IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
                "Fabrikam AD FS")),
        organization(
            "Woodgrove",
            "An email domain: one-time passcodes to @woodgrove.com addresses.",
            EmailDomain.of(DomainName.of("Woodgrove.COM."))),
        organization(
                "Microsoft accounts",
                "Personal Microsoft accounts, for people with no common organization.",
                SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT))
            .toBuilder()
            .state(OrganizationState.PROPOSED)
            .build());
  }

  /** The policies of one access package, one for each scope an external requestor can meet. */
  static List<Policy> policies(List<ConnectedOrganization> orgs) {
    return List.of(
        Policy.withApproval(
            "contoso-and-fabrikam",
            RequestorScope.specificConnectedOrganizations(
                List.of(orgs.get(0).id(), orgs.get(1).id())),
            ApprovalStage.of(
                List.of(Approver.internalSponsors()), List.of(Approver.user("it-admin")))),
        Policy.withoutApproval(
            "all-configured", RequestorScope.allConfiguredConnectedOrganizations()),
        Policy.withApproval(
            "anyone",
            RequestorScope.allExternalUsers(),
            ApprovalStage.of(
                List.of(Approver.externalSponsors()), List.of(Approver.user("it-admin")))));
  }

  /** The requestors of the story, each with a line saying who they are. */
  static List<Map.Entry<String, Requestor>> requestors() {
    return List.of(
        Map.entry(
            "Ana signs in to Contoso's tenant, with her contoso.com address",
            Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL)
                .withVerifiedEmail(EmailAddress.of("ana@contoso.com"))),
        Map.entry(
            "Mallory has a contoso.com address but proves it by one-time passcode (R-MAT-2)",
            Requestor.passcodeUser(EmailAddress.of("mallory@contoso.com"), true)),
        Map.entry(
            "Bo signs in through Fabrikam's AD FS",
            Requestor.federatedUser(
                IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"),
                DomainName.of("fabrikam.com"))),
        Map.entry(
            "Li proves li@woodgrove.com by one-time passcode",
            Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true)),
        Map.entry(
            "Sam signs in with a personal Microsoft account (a proposed organization)",
            Requestor.socialUser(
                AccountProvider.MICROSOFT_ACCOUNT, EmailAddress.of("sam@outlook.com"), true)),
        Map.entry(
            "Jo, from Northwind, belongs to no organization",
            Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true)),
        Map.entry(
            "Ana's colleague signs in with a personal Google account on contoso.com (R-DEC-2)",
            Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("raj@contoso.com"), true)),
        Map.entry(
            "Eve's one-time passcode was never verified",
            Requestor.passcodeUser(EmailAddress.of("eve@woodgrove.com"), false)),
        Map.entry(
            "Tom, from a domain on the host's deny list",
            Requestor.passcodeUser(EmailAddress.of("tom@blocked.example"), true)));
  }

  void run() {
    out.println("Entente walkthrough — connected organizations (docs/rules.md §1)");
    out.println();
    for (ConnectedOrganization org : organizations()) {
      print(org);
    }
    out.println("Bad input is refused with the field, the value and what is accepted:");
    for (String spelling : List.of("*.contoso.com", "co.uk", "exa\u200Bmple.com")) {
      try {
        DomainName.of(spelling);
        out.println("  accepted?! " + spelling);
      } catch (ValidationException e) {
        out.println("  " + e.getMessage());
      }
    }
    try {
      organizations().get(0).toBuilder().identitySources(List.of()).build();
    } catch (ValidationException e) {
      out.println("  " + e.getMessage());
    }
    out.println();
    DomainName unicode = DomainName.of("bücher.example");
    out.println(
        "Spellings of one name are one name: \"bücher.example\" is "
            + unicode
            + ", equal to \"XN--BCHER-KVA.example.\": "
            + unicode.equals(DomainName.of("XN--BCHER-KVA.example.")));
    out.println();
    decide();
  }

  /** docs/rules.md §3 and §4: who each requestor is, and what each policy decides for them. */
  void decide() {
    List<ConnectedOrganization> orgs = organizations();
    // The host's directory lookup knows that contoso.com is verified by Contoso's tenant, so a
    // contoso.com user who signs in some other way is advised to use their Contoso account.
    AccessRequestMatcher matcher =
        AccessRequestMatcher.of(
            OrganizationSnapshot.of(orgs),
            CollaborationRestrictions.deny(List.of("blocked.example")),
            StaticDirectoryLookup.parse(
                new StringReader("tenant " + CONTOSO_TENANT + " GLOBAL contoso.com Contoso")));
    List<Policy> policies = policies(orgs);
    out.println(
        "Access decisions (docs/rules.md §3, §4); the host denies "
            + matcher.restrictions().entries()
            + ".");
    out.println(
        "Policies of the access package: "
            + policies.stream().map(p -> p.id() + " (" + p.scope().kind() + ")").toList());
    for (Map.Entry<String, Requestor> entry : requestors()) {
      out.println();
      out.println(entry.getKey() + ":");
      for (Policy policy : policies) {
        AccessDecision decision = matcher.evaluate(entry.getValue(), policy);
        out.printf(
            "  under %-20s %s%n", policy.id(), decision.eligible() ? "ELIGIBLE" : "not eligible");
      }
      AccessDecision overall = matcher.evaluate(entry.getValue(), policies);
      out.println(
          "  all three together: "
              + (overall.eligible()
                  ? "eligible, chosen " + overall.chosenPolicy().orElseThrow().id()
                  : "not eligible"));
      for (ResolvedStage stage : overall.approvalStages()) {
        out.println(
            "    approvers, stage "
                + stage.number()
                + (stage.fallback() ? " (fallback)" : "")
                + ": "
                + stage.approvers());
      }
      overall
          .proposal()
          .ifPresent(
              p ->
                  out.println(
                      "    approval would propose: \""
                          + p.displayName()
                          + "\" with "
                          + p.source().key()));
      for (Reason reason : overall.reasons()) {
        out.println("    - " + reason.sentence());
      }
    }
  }

  private void print(ConnectedOrganization org) {
    out.printf("%s [%s, version %s]%n", org.displayName(), org.state(), org.version());
    org.description().ifPresent(d -> out.println("  " + d));
    for (IdentitySource source : org.identitySources()) {
      out.printf(
          "  source: %-16s %-24s key %s%n", source.kind(), source.displayName(), source.key());
    }
    org.internalSponsors()
        .forEach(s -> out.println("  internal sponsor: " + s.displayName().orElse(s.id())));
    out.println();
  }

  private static ConnectedOrganization organization(
      String name, String description, IdentitySource source) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of("org-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')))
        .displayName(name)
        .description(description)
        .state(OrganizationState.CONFIGURED)
        .addIdentitySources(source)
        .addInternalSponsors(
            Sponsor.of(
                Sponsor.Kind.USER,
                "5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21",
                "Dana (partner manager)"))
        .createdAt(NOW)
        .createdBy(ADMIN)
        .build();
  }
}
