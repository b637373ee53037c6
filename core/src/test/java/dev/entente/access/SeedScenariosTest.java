package dev.entente.access;

import static dev.entente.access.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IdentitySourceKey;
import dev.entente.model.OrganizationState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The seed document's scenarios")
class SeedScenariosTest {
  final AccessRequestMatcher matcher = AccessRequestMatcher.of(ALL);

  @Nested
  @DisplayName("tenant-backed organizations (R-MAT-1)")
  class TenantBacked {
    @Test
    void aTenantUserOnAnyVerifiedDomainIsAMember() {
      for (String address :
          List.of("ana@contoso.com", "ana@contoso.onmicrosoft.com", "ana@contoso-europe.de")) {
        AccessDecision decision =
            matcher.evaluate(contosoUser(address), ALL_CONFIGURED_NO_APPROVAL);
        assertTrue(decision.eligible(), decision::explanation);
        assertEquals(CONTOSO, decision.membership().orElseThrow().organization());
        assertEquals(
            IdentitySource.Kind.ENTRA_TENANT, decision.membership().orElseThrow().source().kind());
      }
    }

    @Test
    void aTenantUserWithoutAnyEmailIsStillAMember() {
      assertEquals(
          CONTOSO,
          matcher
              .match(Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL))
              .membership()
              .orElseThrow()
              .organization());
    }

    @Test
    void theSameTenantIdInAnotherCloudIsAnotherTenant() {
      MatchResult result = matcher.match(Requestor.entraUser(CONTOSO_TENANT, Cloud.US_GOVERNMENT));
      assertTrue(result.membership().isEmpty());
      assertEquals(ReasonCode.NO_MATCHING_ORGANIZATION, result.reasons().get(0).code());
    }
  }

  @Nested
  @DisplayName("the Note after step 8: same email domain, another way of signing in (R-MAT-2)")
  class NoteAfterStep8 {
    @Test
    void aPasscodeUserWithATenantOrganizationsDomainIsNotItsMember() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.passcodeUser(email("mallory@contoso.com"), true), specific(CONTOSO));
      assertFalse(decision.eligible());
      assertTrue(decision.membership().isEmpty());
      assertTrue(decision.has(ReasonCode.NOT_IN_ANY_ORGANIZATION), decision::explanation);
    }

    @Test
    void aUserOfAnotherTenantWithAContosoEmailIsNotContosos() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
                  .withVerifiedEmail(email("ana@contoso.com")),
              specific(CONTOSO));
      assertFalse(decision.eligible());
    }

    @Test
    void aPasscodeUserWithAFederatedDomainIsNotItsMemberAndIsToldWhy() {
      MatchResult result = matcher.match(Requestor.passcodeUser(email("bo@fabrikam.com"), true));
      assertTrue(result.membership().isEmpty());
      assertEquals(ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN, result.reasons().get(0).code());
      assertTrue(result.reasons().get(0).sentence().contains("Fabrikam"));
    }

    @Test
    void aFederatedSignInThroughAnotherIssuerIsNotAMember() {
      MatchResult result =
          matcher.match(Requestor.federatedUser(ROGUE_ISSUER, DomainName.of("fabrikam.com")));
      assertTrue(result.membership().isEmpty());
      assertEquals(ReasonCode.ISSUER_MISMATCH, result.reasons().get(0).code());
    }

    @Test
    void aFederatedSignInThroughTheRightIssuerIsAMember() {
      assertEquals(
          FABRIKAM,
          matcher
              .match(Requestor.federatedUser(FABRIKAM_ISSUER, DomainName.of("FABRIKAM.com")))
              .membership()
              .orElseThrow()
              .organization());
    }
  }

  @Nested
  @DisplayName("email domains are exact (R-MAT-1)")
  class EmailDomains {
    @Test
    void aVerifiedPasscodeUserOfTheDomainIsAMember() {
      assertEquals(
          WOODGROVE,
          matcher
              .match(Requestor.passcodeUser(email("li@Woodgrove.COM"), true))
              .membership()
              .orElseThrow()
              .organization());
    }

    @Test
    void aSubdomainIsAnotherDomain() {
      assertTrue(
          matcher
              .match(Requestor.passcodeUser(email("li@eu.woodgrove.com"), true))
              .membership()
              .isEmpty());
    }

    @Test
    void anUnverifiedPasscodeUserHasNotAuthenticated() {
      for (Policy policy :
          List.of(ALL_EXTERNAL_NO_APPROVAL, ALL_CONFIGURED_NO_APPROVAL, specific(WOODGROVE))) {
        AccessDecision decision =
            matcher.evaluate(Requestor.passcodeUser(email("li@woodgrove.com"), false), policy);
        assertFalse(decision.eligible());
        assertEquals(
            List.of(ReasonCode.EMAIL_NOT_VERIFIED),
            decision.reasons().stream().map(Reason::code).toList());
        assertTrue(decision.proposal().isEmpty());
      }
    }
  }

  @Nested
  @DisplayName("proposed organizations under each scope (R-POL-1, R-POL-2)")
  class ProposedOrganizations {
    final Requestor litwareUser = Requestor.passcodeUser(email("kim@litware.com"), true);

    @Test
    void specificConnectedOrganizationsAdmitsAProposedOrganizationItNames() {
      AccessDecision decision = matcher.evaluate(litwareUser, specific(LITWARE));
      assertTrue(decision.eligible(), decision::explanation);
      assertEquals(
          OrganizationState.PROPOSED, decision.membership().orElseThrow().organization().state());
    }

    @Test
    void allConfiguredTreatsAProposedOrganizationsMemberAsHavingNone() {
      AccessDecision decision = matcher.evaluate(litwareUser, ALL_CONFIGURED_NO_APPROVAL);
      assertFalse(decision.eligible());
      assertTrue(
          decision.has(ReasonCode.ORGANIZATION_PROPOSED_NOT_IN_SCOPE), decision::explanation);
    }

    @Test
    void allExternalUsersAdmitsAProposedOrganizationsMemberWithoutProposingAnother() {
      AccessDecision decision = matcher.evaluate(litwareUser, ALL_EXTERNAL_NO_APPROVAL);
      assertTrue(decision.eligible());
      assertEquals(LITWARE, decision.membership().orElseThrow().organization());
      assertTrue(decision.proposal().isEmpty());
    }

    @Test
    void aProposedOrganizationsMemberSeesOnlyPoliciesNamingItOrAdmittingAnyone() {
      Policy forLitware = specific(LITWARE);
      List<Policy> all =
          List.of(
              ALL_CONFIGURED_NO_APPROVAL,
              forLitware,
              specific(WOODGROVE),
              ALL_EXTERNAL_NO_APPROVAL);
      assertEquals(List.of(forLitware), matcher.requestablePolicies(litwareUser, all));
      assertEquals(
          List.of(ALL_EXTERNAL_NO_APPROVAL),
          matcher.requestablePolicies(
              litwareUser, List.of(ALL_CONFIGURED_NO_APPROVAL, ALL_EXTERNAL_NO_APPROVAL)));
    }
  }

  @Nested
  @DisplayName("all users, and the organization approval would propose (R-POL-3)")
  class AllUsers {
    @Test
    void aTenantUserOfNoOrganizationWouldGetATenantSource() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.entraUser(OTHER_TENANT, Cloud.CHINA), ALL_EXTERNAL_NO_APPROVAL);
      assertTrue(decision.eligible());
      IdentitySource source = decision.proposal().orElseThrow().source();
      assertEquals(IdentitySourceKey.tenant(Cloud.CHINA, OTHER_TENANT), source.key());
      assertTrue(source instanceof EntraTenant);
      assertTrue(decision.has(ReasonCode.WOULD_PROPOSE_ORGANIZATION));
    }

    @Test
    void aFederatedUserOfNoOrganizationWouldGetAFederationSource() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.federatedUser(ROGUE_ISSUER, DomainName.of("tailspin.example")),
              ALL_EXTERNAL_NO_APPROVAL);
      Federation source = (Federation) decision.proposal().orElseThrow().source();
      assertEquals(ROGUE_ISSUER, source.issuerUri());
      assertEquals(DomainName.of("tailspin.example"), source.domainName());
    }

    @Test
    void aPasscodeUserOfNoOrganizationWouldGetAnEmailDomainSource() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.passcodeUser(email("jo@northwind.example"), true),
              ALL_EXTERNAL_NO_APPROVAL);
      assertEquals(
          EmailDomain.of(DomainName.of("northwind.example")),
          decision.proposal().orElseThrow().source());
      assertEquals("northwind.example", decision.proposal().orElseThrow().displayName());
    }

    @Test
    void aPersonalSocialAccountSharingATenantOrganizationsDomainWouldProposeThatDomain() {
      // The seed's last Note: a personal account whose address is in Contoso's domain.
      AccessDecision decision =
          matcher.evaluate(
              Requestor.socialUser(AccountProvider.GOOGLE, email("ana@contoso.com"), true),
              ALL_EXTERNAL_NO_APPROVAL);
      assertTrue(decision.eligible());
      assertTrue(decision.membership().isEmpty(), "not a member of Contoso");
      assertEquals(
          EmailDomain.of(DomainName.of("contoso.com")), decision.proposal().orElseThrow().source());
    }

    @Test
    void aSocialUserWithoutAVerifiedEmailGetsNoProposal() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.socialUser(AccountProvider.FACEBOOK, email("ana@contoso.com"), false),
              ALL_EXTERNAL_NO_APPROVAL);
      assertTrue(decision.eligible());
      assertTrue(decision.proposal().isEmpty());
      assertTrue(decision.has(ReasonCode.PROPOSAL_NEEDS_VERIFIED_EMAIL));
    }

    @Test
    @DisplayName(
        "a personal account with a verified email belongs to the email-domain organization of"
            + " its domain (R-MAT-1)")
    void aPersonalAccountBelongsToTheEmailDomainOrganizationOfItsVerifiedEmail() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.socialUser(AccountProvider.GOOGLE, email("pat@woodgrove.com"), true),
              ALL_EXTERNAL_NO_APPROVAL);
      assertEquals(WOODGROVE, decision.membership().orElseThrow().organization());
      assertTrue(decision.proposal().isEmpty());
    }

    @Test
    @DisplayName(
        "no organization is proposed for a domain a federation holds, and a personal account is"
            + " not its member (R-MAT-1, R-MAT-2)")
    void noOrganizationIsProposedForADomainAnotherOrganizationHolds() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.socialUser(AccountProvider.GOOGLE, email("pat@fabrikam.com"), true),
              ALL_EXTERNAL_NO_APPROVAL);
      assertTrue(decision.eligible());
      assertTrue(decision.membership().isEmpty());
      assertTrue(decision.proposal().isEmpty());
      assertTrue(decision.has(ReasonCode.PROPOSAL_KEY_HELD), decision::explanation);
    }

    @Test
    void aMicrosoftAccountUserMatchesTheSocialOrganization() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.socialUser(
                  AccountProvider.MICROSOFT_ACCOUNT, email("sam@outlook.com"), true),
              ALL_EXTERNAL_NO_APPROVAL);
      assertEquals(MICROSOFT_ACCOUNTS, decision.membership().orElseThrow().organization());
      assertTrue(decision.proposal().isEmpty());
    }

    @Test
    void aRequestorOfNoOrganizationIsRefusedByPoliciesForConnectedOrganizations() {
      Requestor stranger = Requestor.passcodeUser(email("jo@northwind.example"), true);
      assertTrue(
          matcher
              .evaluate(stranger, ALL_CONFIGURED_NO_APPROVAL)
              .has(ReasonCode.NOT_IN_ANY_ORGANIZATION));
      assertTrue(
          matcher.evaluate(stranger, specific(CONTOSO)).has(ReasonCode.NOT_IN_ANY_ORGANIZATION));
    }
  }

  @Nested
  @DisplayName("collaboration restrictions come first (R-MAT-3)")
  class Restrictions {
    @Test
    void aDenyListedDomainIsRefusedEvenWhenAnOrganizationMatches() {
      AccessRequestMatcher denying =
          AccessRequestMatcher.of(ALL, CollaborationRestrictions.deny(List.of("contoso.com")));
      AccessDecision decision =
          denying.evaluate(contosoUser("ana@contoso.com"), ALL_EXTERNAL_NO_APPROVAL);
      assertFalse(decision.eligible());
      assertEquals(
          List.of(ReasonCode.BLOCKED_BY_DENY_LIST),
          decision.reasons().stream().map(Reason::code).toList());
      assertTrue(
          decision.explanation().contains("contoso.com is on the deny list"),
          decision::explanation);
    }

    @Test
    void anAllowListMissIsRefusedAndAHitPasses() {
      AccessRequestMatcher allowing =
          AccessRequestMatcher.of(
              ALL, CollaborationRestrictions.allow(List.of("*.woodgrove.com", "woodgrove.com")));
      assertTrue(
          allowing
              .evaluate(
                  Requestor.passcodeUser(email("li@woodgrove.com"), true),
                  ALL_CONFIGURED_NO_APPROVAL)
              .eligible());
      AccessDecision miss =
          allowing.evaluate(contosoUser("ana@contoso.com"), ALL_CONFIGURED_NO_APPROVAL);
      assertTrue(miss.has(ReasonCode.BLOCKED_BY_ALLOW_LIST));
    }

    @Test
    void anUnverifiedEmailCannotPassAnAllowList() {
      AccessRequestMatcher allowing =
          AccessRequestMatcher.of(ALL, CollaborationRestrictions.allow(List.of("contoso.com")));
      Requestor unverified =
          Requestor.entraUser(CONTOSO_TENANT, Cloud.GLOBAL)
              .withUnverifiedEmail(email("ana@contoso.com"));
      assertTrue(
          allowing
              .evaluate(unverified, ALL_CONFIGURED_NO_APPROVAL)
              .has(ReasonCode.NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST));
    }

    @Test
    void aFederatedDomainIsCheckedAgainstTheList() {
      AccessRequestMatcher denying =
          AccessRequestMatcher.of(ALL, CollaborationRestrictions.deny(List.of("fabrikam.com")));
      assertTrue(
          denying
              .evaluate(
                  Requestor.federatedUser(FABRIKAM_ISSUER, DomainName.of("fabrikam.com")),
                  ALL_CONFIGURED_NO_APPROVAL)
              .has(ReasonCode.BLOCKED_BY_DENY_LIST));
    }
  }

  @Nested
  @DisplayName("directory users and policies (R-POL-1)")
  class DirectoryUsers {
    @Test
    void directoryPoliciesNeverAdmitAnExternalRequestor() {
      for (RequestorScope scope :
          List.of(
              RequestorScope.allDirectoryUsers(),
              RequestorScope.allMemberUsers(),
              RequestorScope.specificDirectoryUsers(List.of("erik-guest")))) {
        AccessDecision decision =
            matcher.evaluate(
                contosoUser("ana@contoso.com").withDirectoryId("erik-guest"),
                Policy.withoutApproval("directory", scope));
        assertFalse(decision.eligible());
        assertTrue(decision.has(ReasonCode.DIRECTORY_USERS_ONLY));
      }
    }

    @Test
    void externalPoliciesNeverAdmitADirectoryUser() {
      AccessDecision decision =
          matcher.evaluate(Requestor.directoryUser("u1", false), ALL_EXTERNAL_NO_APPROVAL);
      assertFalse(decision.eligible());
      assertTrue(decision.has(ReasonCode.NOT_AN_EXTERNAL_USER));
    }

    @Test
    void memberPoliciesAdmitMembersButNotGuests() {
      Policy members = Policy.withoutApproval("members", RequestorScope.allMemberUsers());
      assertTrue(matcher.evaluate(Requestor.directoryUser("u1", false), members).eligible());
      assertTrue(
          matcher
              .evaluate(Requestor.directoryUser("g1", true), members)
              .has(ReasonCode.NOT_IN_DIRECTORY_SCOPE));
      assertTrue(
          matcher
              .evaluate(
                  Requestor.directoryUser("g1", true),
                  Policy.withoutApproval("d", RequestorScope.allDirectoryUsers()))
              .eligible());
      Policy named =
          Policy.withoutApproval("named", RequestorScope.specificDirectoryUsers(List.of("u1")));
      assertTrue(matcher.evaluate(Requestor.directoryUser("u1", false), named).eligible());
      assertFalse(matcher.evaluate(Requestor.directoryUser("u2", false), named).eligible());
    }
  }
}
