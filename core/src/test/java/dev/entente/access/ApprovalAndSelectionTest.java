package dev.entente.access;

import static dev.entente.access.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.errors.ValidationException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Approvers (R-APR-1) and the choice among policies (R-POL-4)")
class ApprovalAndSelectionTest {
  final AccessRequestMatcher matcher = AccessRequestMatcher.of(ALL);
  static final Approver IT_ADMIN = Approver.user("it-admin");

  static Policy sponsorsApprove(String id, RequestorScope scope) {
    return Policy.withApproval(
        id,
        scope,
        ApprovalStage.of(List.of(Approver.internalSponsors()), List.of(IT_ADMIN)),
        ApprovalStage.of(List.of(Approver.externalSponsors()), List.of(IT_ADMIN)));
  }

  @Nested
  @DisplayName("sponsors as approvers (R-APR-1)")
  class Sponsors {
    @Test
    void theMatchedOrganizationsSponsorsApprove() {
      AccessDecision decision =
          matcher.evaluate(
              contosoUser("ana@contoso.com"),
              sponsorsApprove("p", RequestorScope.allConfiguredConnectedOrganizations()));
      assertTrue(decision.eligible(), decision::explanation);
      assertEquals(List.of(Principal.of(DANA)), decision.approvalStages().get(0).approvers());
      assertEquals(List.of(Principal.of(ERIK)), decision.approvalStages().get(1).approvers());
      assertFalse(decision.approvalStages().get(0).fallback());
    }

    @Test
    void withoutSponsorsTheFallbackApplies() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.passcodeUser(email("li@woodgrove.com"), true),
              sponsorsApprove("p", RequestorScope.allConfiguredConnectedOrganizations()));
      assertTrue(decision.eligible());
      assertEquals(
          List.of(((Approver.Fixed) IT_ADMIN).principal()),
          decision.approvalStages().get(0).approvers());
      assertTrue(decision.approvalStages().get(0).fallback());
      assertTrue(decision.has(ReasonCode.FALLBACK_APPROVERS_USED));
    }

    @Test
    void withoutAnOrganizationTheFallbackApplies() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.passcodeUser(email("jo@northwind.example"), true),
              sponsorsApprove("p", RequestorScope.allExternalUsers()));
      assertTrue(decision.eligible());
      assertTrue(decision.approvalStages().stream().allMatch(ResolvedStage::fallback));
    }

    @Test
    void theRequestorNeverApprovesTheirOwnRequest() {
      // Erik, Contoso's external sponsor, asks for access himself.
      AccessDecision decision =
          matcher.evaluate(
              contosoUser("erik@contoso.com").withDirectoryId(ERIK.id()),
              sponsorsApprove("p", RequestorScope.allConfiguredConnectedOrganizations()));
      assertTrue(decision.eligible());
      ResolvedStage external = decision.approvalStages().get(1);
      assertFalse(external.approvers().contains(Principal.of(ERIK)));
      assertTrue(external.fallback());
      assertTrue(decision.has(ReasonCode.REQUESTOR_NOT_APPROVER));
    }

    @Test
    void theRequestorIsLeftOutOfFixedApproversToo() {
      Policy policy =
          Policy.withApproval(
              "p",
              RequestorScope.allExternalUsers(),
              ApprovalStage.of(List.of(Approver.user("self"), Approver.user("boss")), List.of()));
      AccessDecision decision =
          matcher.evaluate(contosoUser("ana@contoso.com").withDirectoryId("self"), policy);
      assertEquals(List.of(Principal.user("boss")), decision.approvalStages().get(0).approvers());
    }

    @Test
    void aStageThatResolvesToNobodyCannotAdmit() {
      Policy policy =
          Policy.withApproval(
              "sponsors-only",
              RequestorScope.allConfiguredConnectedOrganizations(),
              ApprovalStage.of(Approver.internalSponsors()));
      AccessDecision decision =
          matcher.evaluate(Requestor.passcodeUser(email("li@woodgrove.com"), true), policy);
      assertFalse(decision.eligible());
      assertTrue(decision.has(ReasonCode.NO_APPROVER_AVAILABLE), decision::explanation);
    }
  }

  @Nested
  @DisplayName("several policies (R-POL-4)")
  class Selection {
    @Test
    void specificOrganizationsWinOverBroaderScopesWhateverTheOrder() {
      Policy forContoso = specific(CONTOSO);
      AccessDecision decision =
          matcher.evaluate(
              contosoUser("ana@contoso.com"),
              List.of(ALL_EXTERNAL_NO_APPROVAL, ALL_CONFIGURED_NO_APPROVAL, forContoso));
      assertEquals(forContoso, decision.chosenPolicy().orElseThrow());
      assertEquals(List.of(forContoso), decision.admittingPolicies());
      assertTrue(decision.has(ReasonCode.POLICY_CHOSEN));
    }

    @Test
    void withinACategoryEveryAdmittingPolicyIsReturnedInTheCallersOrder() {
      AccessDecision decision =
          matcher.evaluate(
              contosoUser("ana@contoso.com"),
              List.of(ALL_EXTERNAL_NO_APPROVAL, specific(WOODGROVE), ALL_CONFIGURED_NO_APPROVAL));
      assertEquals(
          List.of(ALL_EXTERNAL_NO_APPROVAL, ALL_CONFIGURED_NO_APPROVAL),
          decision.admittingPolicies());
      assertEquals(ALL_EXTERNAL_NO_APPROVAL, decision.chosenPolicy().orElseThrow());
    }

    @Test
    void whenNonAdmitsEveryRefusalIsGiven() {
      AccessDecision decision =
          matcher.evaluate(
              Requestor.passcodeUser(email("kim@litware.com"), true),
              List.of(ALL_CONFIGURED_NO_APPROVAL, specific(CONTOSO)));
      assertFalse(decision.eligible());
      assertTrue(decision.has(ReasonCode.ORGANIZATION_PROPOSED_NOT_IN_SCOPE));
      assertTrue(decision.has(ReasonCode.ORGANIZATION_NOT_IN_SCOPE));
      assertTrue(decision.chosenPolicy().isEmpty());
    }

    @Test
    void noPoliciesAdmitNobody() {
      assertTrue(
          matcher.evaluate(contosoUser("ana@contoso.com"), List.of()).has(ReasonCode.NO_POLICY));
    }
  }

  @Nested
  @DisplayName("refusals of bad policies")
  class BadPolicies {
    @Test
    void aPolicyRequiringApprovalNeedsAStageAndOneWithoutNeedsNone() {
      assertEquals(
          "stages",
          assertThrows(
                  ValidationException.class,
                  () -> Policy.builder().id("p").scope(RequestorScope.allExternalUsers()).build())
              .field());
      assertEquals(
          "stages",
          assertThrows(
                  ValidationException.class,
                  () ->
                      Policy.builder()
                          .id("p")
                          .scope(RequestorScope.allExternalUsers())
                          .approvalRequired(false)
                          .addStages(ApprovalStage.of(IT_ADMIN))
                          .build())
              .field());
    }

    @Test
    void moreThanThreeStagesAreRefused() {
      ApprovalStage s = ApprovalStage.of(IT_ADMIN);
      assertEquals(
          "stages",
          assertThrows(
                  ValidationException.class,
                  () -> Policy.withApproval("p", RequestorScope.allExternalUsers(), s, s, s, s))
              .field());
    }

    @Test
    void aStageWithoutApproversIsRefused() {
      assertEquals(
          "approvers", assertThrows(ValidationException.class, () -> ApprovalStage.of()).field());
    }

    @Test
    void aScopeNamingNoOrganizationsOrTooManyIsRefused() {
      assertEquals(
          "organizations",
          assertThrows(
                  ValidationException.class,
                  () -> RequestorScope.specificConnectedOrganizations(List.of()))
              .field());
    }

    @Test
    void aPolicyIdWithSpacesIsRefused() {
      assertEquals(
          "id",
          assertThrows(
                  ValidationException.class,
                  () -> Policy.withoutApproval("my policy", RequestorScope.allExternalUsers()))
              .field());
    }
  }
}
