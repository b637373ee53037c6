package dev.entente.examples;

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
import dev.entente.model.ValidationException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The walkthrough: the seed document's four ways of saying who belongs to a connected
 * organization, one organization each, and what happens to bad input.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests} from the project
 * root.
 */
public final class Walkthrough {
  private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
  private static final Actor ADMIN = Actor.administrator("admin@host.example");

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
        organization("Contoso", "An Entra tenant: its users sign in to their own directory.",
            EntraTenant.of(TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"), Cloud.GLOBAL, "Contoso")),
        organization("Fabrikam", "A SAML/WS-Fed federation configured for fabrikam.com.",
            Federation.of(DomainName.of("fabrikam.com"),
                IssuerUri.of("https://sts.fabrikam.com/adfs/services/trust"), "Fabrikam AD FS")),
        organization("Woodgrove", "An email domain: one-time passcodes to @woodgrove.com addresses.",
            EmailDomain.of(DomainName.of("Woodgrove.COM."))),
        organization("Microsoft accounts", "Personal Microsoft accounts, for people with no common organization.",
            SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT)));
  }

  void run() {
    out.println("Entente walkthrough — connected organizations (SPEC §1)");
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
    out.println("Spellings of one name are one name: \"bücher.example\" is " + unicode
        + ", equal to \"XN--BCHER-KVA.example.\": " + unicode.equals(DomainName.of("XN--BCHER-KVA.example.")));
  }

  private void print(ConnectedOrganization org) {
    out.printf("%s [%s, version %s]%n", org.displayName(), org.state(), org.version());
    org.description().ifPresent(d -> out.println("  " + d));
    for (IdentitySource source : org.identitySources()) {
      out.printf("  source: %-16s %-24s key %s  (%s)%n",
          source.kind(), source.displayName(), source.key(), source.graphODataType());
    }
    org.internalSponsors().forEach(s -> out.println("  internal sponsor: " + s.displayName().orElse(s.id())));
    out.println();
  }

  private static ConnectedOrganization organization(String name, String description, IdentitySource source) {
    return ConnectedOrganization.builder()
        .id(OrganizationId.of("org-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')))
        .displayName(name)
        .description(description)
        .state(OrganizationState.CONFIGURED)
        .addIdentitySources(source)
        .addInternalSponsors(Sponsor.of(Sponsor.Kind.USER, "5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21", "Dana (partner manager)"))
        .createdAt(NOW)
        .createdBy(ADMIN)
        .build();
  }
}
