package dev.entente;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.access.AccessDecision;
import dev.entente.access.ApprovalStage;
import dev.entente.access.Approver;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.StaticDirectoryLookup;
import dev.entente.errors.StaleDecisionException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationState;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.spi.AuditEvent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Decision semantics as Entra documents them, each a regression test of a defect a customer would
 * file: membership after approval, stale approvals, the organization-account advice, restrictions
 * that fail closed, sponsors by id.
 */
@DisplayName("Decision semantics (R-MAT-1, R-MAT-3, R-DEC-2, R-SPN-1, R-APR-1)")
class DecisionSemanticsTest {
  private static final Actor ADMIN = Actor.administrator("admin@host.example");
  private static final TenantId CONTOSO_TENANT =
      TenantId.of("72f988bf-86f1-41af-91ab-2d7cd011db47");
  private static final Policy ANYONE =
      Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());

  private final List<AuditEvent> events = new ArrayList<>();

  private Entente entente(String directory) {
    return Entente.builder()
        .directoryLookup(StaticDirectoryLookup.parse(new StringReader(directory)))
        .auditSink(events::add)
        .build();
  }

  private static Policy scopedTo(ConnectedOrganization org) {
    return Policy.withoutApproval(
        "only-" + org.id(), RequestorScope.specificConnectedOrganizations(List.of(org.id())));
  }

  @Nested
  @DisplayName("A requestor belongs to the organization their approval created (R-MAT-1, R-POL-3)")
  class MembershipAfterApproval {
    @Test
    void aGooglePersonalAccountUserMatchesTheOrganizationHisApprovalProposed() {
      Entente entente = entente("");
      Requestor raj =
          Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("raj@contoso.com"), true);
      AccessDecision decision = entente.matcher().evaluate(raj, ANYONE);
      assertEquals("contoso.com", decision.proposal().orElseThrow().displayName());

      ApprovalOutcome outcome = entente.organizations().approve(decision);
      ConnectedOrganization proposed = outcome.organization().orElseThrow();
      assertTrue(outcome.created());
      assertEquals(OrganizationState.PROPOSED, proposed.state());
      assertEquals(
          proposed, entente.matcher().match(raj).membership().orElseThrow().organization());
      assertTrue(entente.matcher().evaluate(raj, scopedTo(proposed)).eligible());
    }

    @Test
    void anEmailDomainSourceComesBeforeTheProvidersSourceForAVerifiedPersonalAccount() {
      Entente entente = entente("");
      ConnectedOrganization googleUsers =
          entente
              .organizations()
              .create(
                  OrganizationDraft.named("Google users")
                      .addIdentitySources(
                          dev.entente.model.SocialProvider.of(AccountProvider.GOOGLE))
                      .build(),
                  ADMIN);
      ConnectedOrganization contoso =
          entente
              .organizations()
              .create(
                  OrganizationDraft.named("Contoso mail")
                      .addIdentitySources(EmailDomain.of(DomainName.of("contoso.com")))
                      .build(),
                  ADMIN);
      Requestor verified =
          Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("raj@contoso.com"), true);
      Requestor unverified =
          Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("raj@contoso.com"), false);
      Requestor elsewhere =
          Requestor.socialUser(
              AccountProvider.GOOGLE, EmailAddress.of("raj@elsewhere.example"), true);
      assertEquals(
          contoso, entente.matcher().match(verified).membership().orElseThrow().organization());
      assertEquals(
          googleUsers,
          entente.matcher().match(unverified).membership().orElseThrow().organization());
      assertEquals(
          googleUsers,
          entente.matcher().match(elsewhere).membership().orElseThrow().organization());
    }

    @Test
    void aPersonalAccountIsNeverAMemberOfATenantOrFederationOrganizationByItsEmailDomain() {
      Entente entente = entente("");
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Fabrikam")
                  .addIdentitySources(
                      Federation.of(
                          DomainName.of("fabrikam.com"),
                          IssuerUri.of("https://sts.fabrikam.com/adfs"),
                          "Fabrikam AD FS"))
                  .build(),
              ADMIN);
      Requestor pat =
          Requestor.socialUser(AccountProvider.GOOGLE, EmailAddress.of("pat@fabrikam.com"), true);
      assertTrue(entente.matcher().match(pat).membership().isEmpty());
      assertTrue(entente.matcher().evaluate(pat, ANYONE).has(ReasonCode.PROPOSAL_KEY_HELD));
    }

    @Test
    void approvingAStaleDecisionReturnsTheOrganizationTheRequestorNowMatches() {
      Entente entente = entente("");
      Requestor jo = Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true);
      AccessDecision stale = entente.matcher().evaluate(jo, ANYONE);
      ConnectedOrganization northwind =
          entente
              .organizations()
              .create(
                  OrganizationDraft.named("Northwind")
                      .addIdentitySources(EmailDomain.of(DomainName.of("northwind.example")))
                      .build(),
                  ADMIN);
      ApprovalOutcome outcome = entente.organizations().approve(stale);
      assertEquals(northwind, outcome.organization().orElseThrow());
      assertFalse(outcome.created());
    }

    @Test
    void approvingAStaleDecisionWhoseKeyAnOrganizationThatDoesNotAdmitThemTookIsRefused() {
      Entente entente = entente("");
      Requestor jo = Requestor.passcodeUser(EmailAddress.of("jo@northwind.example"), true);
      AccessDecision stale = entente.matcher().evaluate(jo, ANYONE);
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Northwind")
                  .addIdentitySources(
                      Federation.of(
                          DomainName.of("northwind.example"),
                          IssuerUri.of("https://sts.northwind.example/adfs"),
                          "Northwind AD FS"))
                  .build(),
              ADMIN);
      int before = events.size();
      StaleDecisionException e =
          assertThrows(StaleDecisionException.class, () -> entente.organizations().approve(stale));
      assertTrue(e.getMessage().contains("Northwind"), e.getMessage());
      assertTrue(e.getMessage().contains("domain:northwind.example"), e.getMessage());
      assertEquals(before, events.size(), "nothing was created, so nothing was audited");
    }

    @Test
    void approvingADecisionWhoseOrganizationWasDeletedIsRefused() {
      Entente entente = entente("");
      ConnectedOrganization woodgrove =
          entente.organizations().create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      Requestor li = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true);
      AccessDecision decision = entente.matcher().evaluate(li, scopedTo(woodgrove));
      entente.organizations().delete(woodgrove.id(), woodgrove.version(), ADMIN);
      assertThrows(StaleDecisionException.class, () -> entente.organizations().approve(decision));
    }
  }

  @Nested
  @DisplayName("The organization-account advice (R-DEC-2)")
  class OrganizationAccountAdvice {
    private final String directory =
        "tenant " + CONTOSO_TENANT + " GLOBAL contoso.com,contoso.onmicrosoft.com Contoso Ltd";

    @Test
    void aPasscodeUserOfAConfiguredTenantsDomainIsAdvisedToSignInWithTheirOrganizationAccount() {
      Entente entente = entente(directory);
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Contoso")
                  .addIdentitySources(EntraTenant.of(CONTOSO_TENANT, Cloud.GLOBAL, "Contoso"))
                  .build(),
              ADMIN);
      Requestor mallory = Requestor.passcodeUser(EmailAddress.of("mallory@contoso.com"), true);
      AccessDecision decision = entente.matcher().evaluate(mallory, ANYONE);

      assertTrue(decision.has(ReasonCode.SIGN_IN_WITH_ORGANIZATION_ACCOUNT), decision::explanation);
      assertTrue(
          decision.explanation().contains("contoso.com belongs to Contoso Ltd's tenant"),
          decision::explanation);
      // Approval still does what Entra does: a proposed organization for the domain.
      assertEquals("contoso.com", decision.proposal().orElseThrow().displayName());
      assertTrue(entente.organizations().approve(decision).created());
    }

    @Test
    void noAdviceWhenTheTenantsOrganizationIsOnlyProposed() {
      Entente entente = entente(directory);
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Contoso")
                  .state(OrganizationState.PROPOSED)
                  .addIdentitySources(EntraTenant.of(CONTOSO_TENANT, Cloud.GLOBAL, "Contoso"))
                  .build(),
              ADMIN);
      AccessDecision decision =
          entente
              .matcher()
              .evaluate(
                  Requestor.passcodeUser(EmailAddress.of("mallory@contoso.com"), true), ANYONE);
      assertFalse(decision.has(ReasonCode.SIGN_IN_WITH_ORGANIZATION_ACCOUNT));
      assertTrue(decision.proposal().isPresent());
    }

    @Test
    void aFailingDirectoryLookupLeavesTheDecisionWithoutAdvice() {
      Entente entente =
          Entente.builder()
              .directoryLookup(
                  new dev.entente.spi.DirectoryLookup() {
                    @Override
                    public dev.entente.spi.DomainResolution resolve(DomainName domain) {
                      throw new IllegalStateException("Graph is down");
                    }

                    @Override
                    public java.util.Optional<String> tenantName(Cloud cloud, TenantId tenantId) {
                      return java.util.Optional.empty();
                    }
                  })
              .auditSink(events::add)
              .build();
      AccessDecision decision =
          entente
              .matcher()
              .evaluate(Requestor.passcodeUser(EmailAddress.of("jo@contoso.com"), true), ANYONE);
      assertTrue(decision.eligible());
      assertFalse(decision.has(ReasonCode.SIGN_IN_WITH_ORGANIZATION_ACCOUNT));
    }
  }

  @Nested
  @DisplayName("Restrictions fail closed: unverified data may refuse, never grant (R-MAT-3)")
  class RestrictionsFailClosed {
    private final Requestor tenantUserWithUnverifiedEmail =
        Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL)
            .withUnverifiedEmail(EmailAddress.of("bob@contoso.com"));

    @Test
    void aDenyListRefusesATenantUserWhoseUnverifiedEmailIsInADeniedDomain() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.deny(List.of("contoso.com")))
              .evaluate(tenantUserWithUnverifiedEmail, ANYONE);
      assertFalse(decision.eligible());
      assertTrue(decision.has(ReasonCode.BLOCKED_BY_DENY_LIST), decision::explanation);
    }

    @Test
    void aDenyListRefusesAPersonalAccountWhoseUnverifiedEmailIsInADeniedDomain() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.deny(List.of("*.blocked.example")))
              .evaluate(
                  Requestor.socialUser(
                      AccountProvider.GOOGLE, EmailAddress.of("bob@mail.blocked.example"), false),
                  ANYONE);
      assertTrue(decision.has(ReasonCode.BLOCKED_BY_DENY_LIST), decision::explanation);
    }

    @Test
    void anAllowListDoesNotPassAnUnverifiedEmailInAnAllowedDomain() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.allow(List.of("contoso.com")))
              .evaluate(tenantUserWithUnverifiedEmail, ANYONE);
      assertFalse(decision.eligible());
      assertTrue(decision.has(ReasonCode.NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST), decision::explanation);
    }

    @Test
    void anAllowListRefusesAnUnverifiedEmailInADomainItDoesNotName() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.allow(List.of("contoso.com")))
              .evaluate(
                  Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL)
                      .withUnverifiedEmail(EmailAddress.of("bob@elsewhere.example")),
                  ANYONE);
      assertTrue(decision.has(ReasonCode.BLOCKED_BY_ALLOW_LIST), decision::explanation);
    }

    @Test
    void anAllowListPassesAVerifiedEmailInAnAllowedDomain() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.allow(List.of("contoso.com")))
              .evaluate(
                  Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL)
                      .withVerifiedEmail(EmailAddress.of("bob@contoso.com")),
                  ANYONE);
      assertTrue(decision.eligible(), decision::explanation);
    }
  }

  @Nested
  @DisplayName("Domains follow IDNA2008: straße is not strasse (R-SRC-3, R-MAT-1, R-MAT-3)")
  class Idna2008 {
    private final Requestor jo = Requestor.passcodeUser(EmailAddress.of("jo@straße.example"), true);

    @Test
    void aSharpSUserDoesNotMatchTheStrasseOrganization() {
      Entente entente = entente("");
      entente
          .organizations()
          .create(
              OrganizationDraft.named("Strasse")
                  .addIdentitySources(EmailDomain.of(DomainName.of("strasse.example")))
                  .build(),
              ADMIN);
      assertTrue(entente.matcher().match(jo).membership().isEmpty());
      assertEquals(
          "xn--strae-oqa.example",
          entente.matcher().evaluate(jo, ANYONE).proposal().orElseThrow().displayName());
    }

    @Test
    void anAllowListOfStrasseDoesNotAdmitASharpSUser() {
      AccessDecision decision =
          entente("")
              .matcher(CollaborationRestrictions.allow(List.of("strasse.example")))
              .evaluate(jo, ANYONE);
      assertTrue(decision.has(ReasonCode.BLOCKED_BY_ALLOW_LIST), decision::explanation);
    }
  }

  @Nested
  @DisplayName("Sponsors are directory objects, identified by id (R-SPN-1, R-APR-1)")
  class SponsorsById {
    private static final String DANA = "5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21";

    @Test
    void reAddingASponsorWhoseIdIsPresentChangesNothingWhateverItsName() {
      Entente entente = entente("");
      ConnectedOrganization org =
          entente.organizations().create(ConnectedOrganizationsTest.woodgrove(), ADMIN);
      ConnectedOrganization v2 =
          entente
              .organizations()
              .addInternalSponsor(org.id(), org.version(), Sponsor.user(DANA), ADMIN);
      int audited = events.size();
      for (Sponsor again :
          List.of(
              Sponsor.user(DANA),
              Sponsor.of(Sponsor.Kind.USER, DANA, "Dana"),
              Sponsor.user(DANA.toUpperCase(java.util.Locale.ROOT)))) {
        ConnectedOrganization same =
            entente.organizations().addInternalSponsor(v2.id(), v2.version(), again, ADMIN);
        assertEquals(v2, same);
        assertEquals(v2.version(), same.version(), "no new version");
      }
      assertEquals(audited, events.size(), "no audit event for a change that changed nothing");
      ConnectedOrganization v3 =
          entente
              .organizations()
              .removeInternalSponsor(
                  v2.id(),
                  v2.version(),
                  Sponsor.of(Sponsor.Kind.USER, DANA.toUpperCase(java.util.Locale.ROOT), "D"),
                  ADMIN);
      assertTrue(v3.internalSponsors().isEmpty(), "removal goes by id, whatever the case");
    }

    @Test
    void aRequestorWhoseDirectoryIdDiffersFromTheSponsorsOnlyInCaseIsNotTheirOwnApprover() {
      Entente entente = entente("");
      ConnectedOrganization org =
          entente
              .organizations()
              .create(
                  OrganizationDraft.named("Woodgrove")
                      .addIdentitySources(EmailDomain.of(DomainName.of("woodgrove.example")))
                      .addInternalSponsors(Sponsor.user(DANA))
                      .build(),
                  ADMIN);
      Policy sponsorsApprove =
          Policy.withApproval(
              "sponsors",
              RequestorScope.specificConnectedOrganizations(List.of(org.id())),
              ApprovalStage.of(List.of(Approver.internalSponsors()), List.of()));
      Requestor dana =
          Requestor.passcodeUser(EmailAddress.of("dana@woodgrove.example"), true)
              .withDirectoryId(DANA.toUpperCase(java.util.Locale.ROOT));
      AccessDecision decision = entente.matcher().evaluate(dana, sponsorsApprove);
      assertFalse(decision.eligible(), decision::explanation);
      assertTrue(decision.has(ReasonCode.REQUESTOR_NOT_APPROVER), decision::explanation);
    }
  }
}
