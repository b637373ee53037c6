package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ApprovalOutcome;
import dev.entente.Entente;
import dev.entente.access.AccessDecision;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.Version;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Approval, for all generated organizations and requestors (R-MAT-1, R-POL-3)")
class ApprovalPropertyTest {
  private static final Policy ANYONE =
      Policy.withoutApproval("anyone", RequestorScope.allExternalUsers());

  record Case(List<ConnectedOrganization> organizations, Requestor requestor) {}

  static Case world(RandomGenerator random) {
    List<ConnectedOrganization> orgs =
        EntenteGenerators.organizations(random, random.nextInt(0, 8));
    return new Case(orgs, EntenteGenerators.requestor(random, orgs));
  }

  @Test
  @DisplayName(
      "whatever approval creates or returns, the requestor matches it afterwards and a policy"
          + " naming it admits them (R-MAT-1, R-POL-3)")
  void aRequestorBelongsToTheOrganizationTheirApprovalCreatedOrReturned() {
    AtomicInteger approved = new AtomicInteger();
    Property.forAll(ApprovalPropertyTest::world)
        .examples(400)
        .checkAssert(
            c -> {
              InMemoryOrganizationStore store = new InMemoryOrganizationStore();
              c.organizations()
                  .forEach(o -> store.create(o.toBuilder().version(Version.initial()).build()));
              Entente entente = Entente.builder().store(store).auditSink(event -> {}).build();
              AccessDecision decision = entente.matcher().evaluate(c.requestor(), ANYONE);
              if (decision.proposal().isEmpty()) {
                return; // a member already, or nothing to propose: no approval creates anything
              }
              approved.incrementAndGet();
              ApprovalOutcome outcome = entente.organizations().approve(decision);
              ConnectedOrganization o = outcome.organization().orElseThrow();
              assertTrue(outcome.created(), "a proposal on an unchanged store is created");
              assertEquals(
                  o,
                  entente.matcher().match(c.requestor()).membership().orElseThrow().organization(),
                  "the requestor matches the organization approval made for them");
              Policy naming =
                  Policy.withoutApproval(
                      "named", RequestorScope.specificConnectedOrganizations(List.of(o.id())));
              assertTrue(
                  entente.matcher().evaluate(c.requestor(), naming).eligible(),
                  "a policy naming the new organization admits the requestor");
              assertEquals(
                  o,
                  entente.organizations().approve(decision).organization().orElseThrow(),
                  "approving the same decision again returns the same organization");
            });
    assertTrue(approved.get() >= 100, "proposals approved: " + approved.get() + " of 400");
  }
}
