package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.Policy;
import dev.entente.access.RequestorScope;
import dev.entente.advice.Advisories;
import dev.entente.advice.Advisory;
import dev.entente.advice.AdvisoryCode;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.TenantId;
import dev.entente.spi.DomainResolution;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Advisories (R-LINT-1..4, R-SRC-4) and the static directory lookup (R-MGT-3)")
class AdvisoriesAndLookupTest {
  static final Actor ADMIN = Actor.administrator("admin@host.example");
  static final Policy OPEN_TO_CONFIGURED =
      Policy.withoutApproval("open", RequestorScope.allConfiguredConnectedOrganizations());
  static final Policy APPROVED =
      Policy.withApproval(
          "approved",
          RequestorScope.allConfiguredConnectedOrganizations(),
          ApprovalStage.of(Approver.user("it-admin")));

  static Entente at(String instant) {
    return Entente.builder()
        .clock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
        .auditSink(e -> {})
        .build();
  }

  @Nested
  @DisplayName("advisories")
  class Lints {
    @Test
    void aConfiguredSocialOrganizationUnderAnUnapprovedAllConfiguredPolicyIsWarnedAbout() {
      Entente entente = at("2026-01-01T00:00:00Z");
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Personal accounts")
                  .addIdentitySources(SocialProvider.of(AccountProvider.MICROSOFT_ACCOUNT))
                  .build(),
              ADMIN);
      List<Advisory> advisories =
          entente.organizations().advisories(List.of(OPEN_TO_CONFIGURED, APPROVED));
      assertEquals(
          List.of(AdvisoryCode.SOCIAL_SOURCE_CONFIGURED),
          advisories.stream().map(Advisory::code).toList());
      assertEquals(List.of("open"), advisories.get(0).policyIds());
      assertTrue(
          entente.organizations().advisories(List.of(APPROVED)).isEmpty(),
          "approval required: no warning");
    }

    @Test
    void configuredOrganizationsFromBeforeTheRolloutAreListedUntilReviewed() {
      Entente entente = at("2020-03-01T00:00:00Z");
      ConnectedOrganization old =
          entente
              .organizations()
              .create(
                  OrganizationDraft.named("Old partner")
                      .addIdentitySources(EmailDomain.of(DomainName.of("old.example")))
                      .build(),
                  ADMIN);
      List<Advisory> advisories = entente.organizations().advisories(List.of());
      assertEquals(
          List.of(AdvisoryCode.REVIEW_PRE_2020_CONFIGURED),
          advisories.stream().map(Advisory::code).toList());
      entente.organizations().markReviewed(old.id(), old.version(), ADMIN);
      assertTrue(entente.organizations().advisories(List.of()).isEmpty());
    }

    @Test
    void consumerMailDomainsAreFlagged() {
      Entente entente = at("2026-01-01T00:00:00Z");
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Gmail users")
                  .addIdentitySources(EmailDomain.of(DomainName.of("GMAIL.com")))
                  .build(),
              ADMIN);
      List<Advisory> advisories = entente.organizations().advisories(List.of());
      assertEquals(AdvisoryCode.CONSUMER_DOMAIN, advisories.get(0).code());
      assertTrue(advisories.get(0).message().contains("gmail.com"));
    }

    @Test
    void configuringAProposedOrganizationPreviewsThePoliciesThatWouldNewlyAdmitIt() {
      ConnectedOrganization proposed =
          ConnectedOrganization.builder()
              .id(dev.entente.model.OrganizationId.of("p"))
              .displayName("Proposed social")
              .state(OrganizationState.PROPOSED)
              .addIdentitySources(SocialProvider.of(AccountProvider.GOOGLE))
              .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
              .createdBy(Actor.system())
              .build();
      Policy specific =
          Policy.withoutApproval(
              "specific", RequestorScope.specificConnectedOrganizations(List.of(proposed.id())));
      List<Advisory> preview =
          Advisories.previewConfiguring(proposed, List.of(specific, OPEN_TO_CONFIGURED, APPROVED));
      assertEquals(
          List.of(AdvisoryCode.CONFIGURING_WIDENS_ACCESS, AdvisoryCode.SOCIAL_SOURCE_CONFIGURED),
          preview.stream().map(Advisory::code).toList());
      assertEquals(List.of("open", "approved"), preview.get(0).policyIds());
      assertTrue(
          Advisories.previewConfiguring(
                  proposed.toBuilder().state(OrganizationState.CONFIGURED).build(),
                  List.of(OPEN_TO_CONFIGURED))
              .isEmpty());
    }
  }

  @Nested
  @DisplayName("StaticDirectoryLookup")
  class Lookup {
    @Test
    void aFileOfTenantsAndFederationsResolvesDomains() {
      StaticDirectoryLookup lookup =
          StaticDirectoryLookup.parse(
              new StringReader(
                  String.join(
                      "\n",
                      "# the host's known directories",
                      "tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 global contoso.com,contoso.onmicrosoft.com Contoso Ltd",
                      "federation fabrikam.com https://sts.fabrikam.com/adfs Fabrikam AD FS",
                      "")));
      DomainResolution contoso = lookup.resolve(DomainName.of("CONTOSO.onmicrosoft.com"));
      assertTrue(
          contoso instanceof DomainResolution.Tenant t
              && t.name().equals("Contoso Ltd")
              && t.verifiedDomains().size() == 2);
      assertTrue(
          lookup.resolve(DomainName.of("fabrikam.com")) instanceof DomainResolution.Federated f
              && f.name().equals("Fabrikam AD FS"));
      assertTrue(
          lookup.resolve(DomainName.of("northwind.example")) instanceof DomainResolution.Unknown);
      assertEquals(
          "Contoso Ltd",
          lookup
              .tenantName(Cloud.GLOBAL, TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47"))
              .orElseThrow());
    }

    @Test
    void aBadLineIsRefusedNamingItsNumber() {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () ->
                  StaticDirectoryLookup.parse(
                      new StringReader(
                          "tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 MARS contoso.com Contoso\n")));
      assertEquals("line 1", e.field());
      ValidationException bad =
          assertThrows(
              ValidationException.class,
              () ->
                  StaticDirectoryLookup.parse(
                      new StringReader(
                          "\nfederation fabrikam.com http://sts.fabrikam.com Fabrikam\n")));
      assertEquals("line 2.issuerUri", bad.field());
    }
  }
}
