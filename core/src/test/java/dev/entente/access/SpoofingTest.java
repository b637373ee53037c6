package dev.entente.access;

import static dev.entente.access.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.DomainName;
import dev.entente.model.IssuerUri;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "Spoofing: an email domain alone, another issuer or an unverified email never makes a member (R-MAT-1, R-MAT-2, R-REQ-1)")
class SpoofingTest {
  final AccessRequestMatcher matcher = AccessRequestMatcher.of(ALL);

  /** Spellings of contoso.com (Contoso is tenant-backed) and fabrikam.com (federation-backed). */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "contoso.com",
        "CONTOSO.COM",
        "Contoso.com.",
        "contoso。com",
        "contoso．com",
        "ｃｏｎｔｏｓｏ.com",
        "fabrikam.com",
        "FaBrIkAm.CoM.",
        "fabrikam｡com"
      })
  void anEmailInATenantOrFederatedDomainMakesNoMemberInAnySpelling(String domain) {
    EmailAddress email = EmailAddress.of("mallory@" + domain);
    List<Requestor> claims =
        List.of(
            Requestor.passcodeUser(email, true),
            Requestor.socialUser(AccountProvider.GOOGLE, email, true),
            Requestor.socialUser(AccountProvider.MICROSOFT_ACCOUNT, email, true),
            Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL).withVerifiedEmail(email),
            Requestor.entraUser(CONTOSO_TENANT, Cloud.CHINA).withVerifiedEmail(email));
    for (Requestor requestor : claims) {
      matcher
          .match(requestor)
          .membership()
          .ifPresent(
              m -> {
                assertFalse(
                    m.organization().equals(CONTOSO) || m.organization().equals(FABRIKAM),
                    requestor + " became a member of " + m.organization().displayName());
              });
      for (Policy policy : List.of(specific(CONTOSO, FABRIKAM), ALL_CONFIGURED_NO_APPROVAL)) {
        AccessDecision decision = matcher.evaluate(requestor, policy);
        decision
            .membership()
            .ifPresent(
                m ->
                    assertFalse(
                        m.organization().equals(CONTOSO) || m.organization().equals(FABRIKAM)));
      }
    }
  }

  @Test
  void aPasscodeForAFederatedDomainIsToldItMustUseTheIdentityProvider() {
    MatchResult result =
        matcher.match(Requestor.passcodeUser(EmailAddress.of("bo@FABRIKAM.com."), true));
    assertEquals(ReasonCode.DOMAIN_HELD_THROUGH_OTHER_SIGN_IN, result.reasons().get(0).code());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "https://idp.attacker.example/saml",
        "https://sts.fabrikam.com/adfs/services/trust/",
        "https://sts.fabrikam.com/ADFS/services/trust",
        "https://sts.fabrikam.com:8443/adfs/services/trust",
        "https://sts.fabrikam.com.evil.example/adfs/services/trust"
      })
  void aFederatedSignInWithTheRightDomainButAnotherIssuerMatchesNothing(String issuer) {
    for (String domain : List.of("fabrikam.com", "FABRIKAM.COM.", "fabrikam。com")) {
      MatchResult result =
          matcher.match(Requestor.federatedUser(IssuerUri.of(issuer), DomainName.of(domain)));
      assertTrue(result.membership().isEmpty(), issuer + " for " + domain);
      assertEquals(ReasonCode.ISSUER_MISMATCH, result.reasons().get(0).code());
    }
  }

  @Test
  void theSameIssuerSpelledWithAnotherCaseOfHostOrTheDefaultPortMatches() {
    Requestor bo =
        Requestor.federatedUser(
            IssuerUri.of("HTTPS://STS.FABRIKAM.COM:443/adfs/services/trust"),
            DomainName.of("fabrikam.com"));
    assertEquals(FABRIKAM, matcher.match(bo).membership().orElseThrow().organization());
  }

  @Test
  void anUnverifiedEmailMatchesNothingAndPassesNoList() {
    Requestor unverified = Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), false);
    assertTrue(matcher.match(unverified).membership().isEmpty());
    assertEquals(ReasonCode.EMAIL_NOT_VERIFIED, matcher.match(unverified).reasons().get(0).code());
    AccessRequestMatcher allowing =
        AccessRequestMatcher.of(ALL, CollaborationRestrictions.allow(List.of("woodgrove.com")));
    Requestor tenantUser =
        Requestor.entraUser(OTHER_TENANT, Cloud.GLOBAL)
            .withUnverifiedEmail(EmailAddress.of("li@woodgrove.com"));
    AccessDecision decision = allowing.evaluate(tenantUser, ALL_EXTERNAL_NO_APPROVAL);
    assertFalse(decision.eligible());
    assertTrue(decision.has(ReasonCode.NO_VERIFIED_DOMAIN_FOR_ALLOW_LIST));
    AccessDecision social =
        matcher.evaluate(
            Requestor.socialUser(
                AccountProvider.GOOGLE, EmailAddress.of("x@northwind.example"), false),
            ALL_EXTERNAL_NO_APPROVAL);
    assertTrue(social.proposal().isEmpty(), "an unverified email names no proposed organization");
  }
}
