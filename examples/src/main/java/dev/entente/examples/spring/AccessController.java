package dev.entente.examples.spring;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.spi.AuditEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sample's HTTP interface: Entente's beans, injected as any others. */
// sample begins
@RestController
public class AccessController {
  private static final Logger LOG = LoggerFactory.getLogger(AccessController.class);
  private static final Policy PARTNERS =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());

  private final ConnectedOrganizations organizations; // auto-configured by the starter
  private final AccessRequestMatcher matcher; // reads the live replica, in memory

  public AccessController(ConnectedOrganizations organizations, AccessRequestMatcher matcher) {
    this.organizations = organizations;
    this.matcher = matcher;
  }

  @PostMapping("/organizations")
  public String add(@RequestParam("domain") String domain) {
    ConnectedOrganization org =
        organizations.create(
            OrganizationDraft.named(domain)
                .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                .build(),
            Actor.administrator("admin@host.example"));
    return org.id().toString();
  }

  @GetMapping("/access")
  public Map<String, Object> access(@RequestParam("email") String email) {
    AccessDecision decision =
        matcher.evaluate(Requestor.passcodeUser(EmailAddress.of(email), true), PARTNERS);
    return Map.of(
        "eligible", decision.eligible(),
        "reason", decision.reason().name(), // also counted in entente.decisions
        "explanation", decision.explanation());
  }

  @EventListener // every committed change, after its commit
  public void audited(AuditEvent event) {
    LOG.info("audit: {}", event.summary());
  }
}
// sample ends
