package dev.entente.examples;

import dev.entente.DomainPreview;
import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.OrganizationDraft;
import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.advice.Advisories;
import dev.entente.advice.Advisory;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSnapshot;
import dev.entente.entra.MsalAccessTokens;
import dev.entente.entra.PushReport;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.graph.EntraPlan;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.TenantId;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Connects to Entra — here the fake one, a real HTTP server on a loopback port — and walks pull →
 * review → push: pulls the tenant's connected organizations with their sponsors into an Entente,
 * reviews them, adds an organization found by its domain as the portal finds it, and pushes it
 * back; then pulls again to show that nothing is left to do.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.EntraSample}.
 */
public final class EntraSample {
  private EntraSample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the walk-through, printing what happens; returns the final push's report. */
  static PushReport run(PrintStream out) {
    try (FakeEntra fake = FakeEntra.start()) {
      fake.addApplication("00000000-0000-4000-8000-00000000a001", "a-secret-from-your-vault")
          .addTenant(
              Cloud.GLOBAL,
              "2d0a1c3e-5b4f-4e6a-8d7c-9f0e1a2b3c4d",
              "Woodgrove Bank",
              "woodgrove.onmicrosoft.com",
              "woodgrovebank.com")
          .addUser("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21", "Alice Sponsor");
      fake.addOrganization(
          "{\"displayName\":\"Contoso\",\"state\":\"configured\",\"identitySources\":[{"
              + "\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\","
              + "\"tenantId\":\"4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f\",\"displayName\":\"Contoso\"}]}");
      fake.addOrganization(
          "{\"displayName\":\"litware.com\",\"state\":\"proposed\",\"identitySources\":[{"
              + "\"@odata.type\":\"#microsoft.graph.domainIdentitySource\","
              + "\"domainName\":\"litware.com\",\"displayName\":\"litware.com\"}]}");
      String tenantId = "7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d"; // the host's own tenant
      String clientId = "00000000-0000-4000-8000-00000000a001";
      String secret = "a-secret-from-your-vault"; // System.getenv("ENTENTE_CLIENT_SECRET")
      // sample begins
      // Tokens from MSAL for Java: client credentials of the app registration (drop the last
      // argument, the fake's login host, to sign in at login.microsoftonline.com).
      MsalAccessTokens tokens =
          MsalAccessTokens.withSecret(
              Cloud.GLOBAL, TenantId.of(tenantId), clientId, secret, fake.loginRoot(Cloud.GLOBAL));
      Entra entra =
          Entra.builder(Cloud.GLOBAL, tokens)
              .graphRoot(fake.graphRoot()) // omit for https://graph.microsoft.com/v1.0
              .loginRoot(Cloud.GLOBAL, fake.loginRoot(Cloud.GLOBAL)) // omit for the real one
              .lowPriority(true) // a background sync: throttled before interactive work
              .build();
      // Discovery on the real services is the DirectoryLookup: answers kept for an hour.
      Entente entente =
          Entente.builder().directoryLookup(entra.directory(Duration.ofHours(1))).build();

      // 1. Pull: every organization with its sponsors, then the plan; nothing written until apply.
      EntraSnapshot tenant = entra.pull();
      ImportPlan pull = tenant.planImport(entente.organizations());
      out.print(pull);
      pull.apply();

      // 2. Review: what an administrator should look at, under the host's policies.
      Policy partners =
          Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
      List<Advisory> advisories = entente.organizations().advisories(List.of(partners));
      advisories.forEach(a -> out.println("review: " + a.message()));
      entente
          .organizations()
          .all()
          .flatMap(org -> Advisories.previewConfiguring(org, List.of(partners)).stream())
          .forEach(a -> out.println("before configuring: " + a.message()));

      // 3. Add an organization by its domain, as the portal's "add directory + domain" does.
      DomainPreview preview = entente.organizations().preview(DomainName.of("woodgrovebank.com"));
      out.println(preview.describe());
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Woodgrove Bank")
                  .addIdentitySources(preview.source())
                  .build(),
              Actor.administrator("alice@host.example"));

      // 4. Push: the plan first (a dry run), then the requests, each one reported.
      EntraPlan push = entra.pull().planPush(entente.organizations());
      out.print(push);
      PushReport report = entra.push(push);
      out.print(report);
      // The store keeps what it created under the ids Entra gave them, as a pull would.
      report.adoptIds(entente.organizations(), Actor.application("entente-push"));
      // sample ends
      out.print("Pulled again: " + entra.pull().planImport(entente.organizations()));
      out.print("Push again: " + entra.pull().planPush(entente.organizations()));
      return report;
    }
  }
}
