package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.IdentitySource;
import dev.entente.model.OrganizationState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExamplesTest {
  @Test
  void theReadmeSampleBuildsAConfiguredOrganizationWithCanonicalDomains() {
    ConnectedOrganization contoso = QuickStart.contoso();
    assertEquals(OrganizationState.CONFIGURED, contoso.state());
    assertEquals("domain:contoso-partners.com", contoso.identitySources().get(1).key().toString());
  }

  @Test
  void theWalkthroughConnectsOneOrganizationOfEachKindAndShowsRefusals() {
    assertEquals(
        EnumSet.allOf(IdentitySource.Kind.class),
        Walkthrough.organizations().stream()
            .map(o -> o.identitySources().get(0).kind())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(IdentitySource.Kind.class))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Walkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("domainName: \"*.contoso.com\" is a wildcard"), printed);
    assertTrue(printed.contains("identitySources: \"[]\" is empty"), printed);
    assertTrue(printed.contains("key domain:woodgrove.com"), printed);
    assertTrue(printed.contains("equal to \"XN--BCHER-KVA.example.\": true"), printed);
  }

  @Test
  void theReadmeGateSampleDecidesAsItsCommentsSay() {
    java.util.List<dev.entente.access.AccessDecision> d = GateSample.decisions();
    assertEquals(dev.entente.access.ReasonCode.BLOCKED_BY_PARTNER_CONFIGURATION, d.get(0).reason());
    assertTrue(d.get(1).eligible());
    assertEquals(dev.entente.access.ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT, d.get(2).reason());
    assertTrue(
        d.get(2).explanation().contains("default configuration refuses"), d.get(2).explanation());
  }

  @Test
  void theReadmeFrontPageSampleAdmitsContosoAsItsCommentSays() {
    dev.entente.access.AccessDecision decision = FrontPageSample.decide();
    assertTrue(decision.eligible(), decision.explanation());
    assertEquals("Contoso", decision.membership().orElseThrow().organization().displayName());
    assertTrue(decision.explanation().contains("Contoso"), decision.explanation());
  }

  @Test
  void theReadmeMatcherSampleDecidesAsItsCommentsSay() {
    java.util.List<dev.entente.access.AccessDecision> decisions = MatcherSample.decisions();
    assertTrue(decisions.get(0).eligible());
    assertEquals(
        java.util.List.of(
            dev.entente.access.Principal.user("5f3e0c1a-8a0b-4c52-9d4e-0e6f5b8c7a21")),
        decisions.get(0).approvalStages().get(0).approvers());
    assertEquals("northwind.example", decisions.get(1).proposal().orElseThrow().displayName());
    assertTrue(decisions.get(1).explanation().contains("(R-POL-3)"));
  }

  @Test
  void theReadmeManagementSampleLeavesContosoAndAProposedNorthwind() {
    java.util.List<dev.entente.model.ConnectedOrganization> orgs = ManagementSample.manage();
    assertEquals(dev.entente.model.Version.of(3), orgs.get(0).version());
    assertEquals("Supplier since 2019", orgs.get(0).description().orElseThrow());
    assertEquals(OrganizationState.PROPOSED, orgs.get(1).state());
    assertEquals("northwind.example", orgs.get(1).displayName());
  }

  @Test
  void theEmbeddedEntenteUsesTheProductsStore() {
    SynchronizedMapStore store = new SynchronizedMapStore();
    Entente entente = EmbeddingSample.embedded(store);
    ConnectedOrganization created =
        entente
            .organizations()
            .create(
                OrganizationDraft.named("Fabrikam")
                    .addIdentitySources(EmailDomain.of(DomainName.of("fabrikam.example")))
                    .build(),
                Actor.administrator("admin@host.example"));
    assertEquals(Optional.of(created), store.get(created.id()));
  }

  @Test
  void aContosoUserIsDecidedOnInstanceBWithWhatAnAdministratorCreatedOnInstanceA()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    dev.entente.access.AccessDecision onB =
        TwoInstancesSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(onB.eligible(), printed);
    assertEquals("Contoso", onB.membership().orElseThrow().organization().displayName(), printed);
    assertTrue(printed.contains("B caught up: true"), printed);
  }

  @Test
  void theWalkthroughDecidesTheSeedsStory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Walkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8)).decide();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("The domain blocked.example is on the deny list"), printed);
    assertTrue(
        printed.contains(
            "approval would propose: \"northwind.example\" with domain:northwind.example"),
        printed);
    assertTrue(printed.contains("eve@woodgrove.com was not verified"), printed);
    assertTrue(
        printed.contains(
            "contoso.com belongs to Contoso's tenant: ask the requestor to sign in with their"
                + " Contoso account instead"),
        printed);
    assertEquals(9, printed.split("all three together: ").length - 1);
  }

  @Test
  void thePostgresSampleWritesOneChangeRecordPerChangeToARealDatabase() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    java.util.List<dev.entente.spi.ChangeRecord> log =
        PostgresSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(
        java.util.List.of(
            dev.entente.spi.AuditEvent.Kind.CREATED,
            dev.entente.spi.AuditEvent.Kind.CREATED,
            dev.entente.spi.AuditEvent.Kind.AUTO_PROPOSED),
        log.stream().map(dev.entente.spi.ChangeRecord::kind).toList());
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Approving Jo: northwind.example proposed"), printed);
  }
}
