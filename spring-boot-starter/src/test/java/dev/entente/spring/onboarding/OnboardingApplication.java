package dev.entente.spring.onboarding;

import dev.entente.ConnectedOrganizations;
import dev.entente.OrganizationDraft;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.OrganizationId;
import dev.entente.spi.AuditEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application a Spring user writes: an onboarding service that records a partner request with
 * {@code JdbcTemplate} and registers the partner through Entente in one {@code @Transactional}
 * method, then checks a quota; listeners of Entente's events; and a controller.
 */
@SpringBootApplication
public class OnboardingApplication {
  static final Actor ADMIN = Actor.administrator("onboarding@host.example");

  /** The quota check that fails after the partner was registered. */
  @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
  public static final class QuotaExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QuotaExceeded(String domain) {
      super("quota exceeded for " + domain);
    }
  }

  /** Onboards a partner in one transaction. */
  @Service
  public static class Onboarding {
    private final JdbcTemplate jdbc;
    private final ConnectedOrganizations organizations;

    Onboarding(JdbcTemplate jdbc, ConnectedOrganizations organizations) {
      this.jdbc = jdbc;
      this.organizations = organizations;
      jdbc.execute("CREATE TABLE IF NOT EXISTS partner_request (domain text)");
    }

    /**
     * The application's row, Entente's organization, then the quota check.
     *
     * @param domain the partner's domain
     * @param overQuota whether the quota check fails
     * @return the organization
     */
    @Transactional
    public ConnectedOrganization onboard(String domain, boolean overQuota) {
      jdbc.update("INSERT INTO partner_request VALUES (?)", domain);
      ConnectedOrganization org =
          organizations.create(
              OrganizationDraft.named(domain)
                  .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                  .build(),
              ADMIN);
      if (overQuota) {
        throw new QuotaExceeded(domain);
      }
      return org;
    }
  }

  /** Onboardings that use Spring's other propagations. */
  @Service
  public static class Propagations {
    private final ConnectedOrganizations organizations;
    private final org.springframework.transaction.support.TransactionTemplate nested;
    private final org.springframework.transaction.support.TransactionTemplate requiresNew;

    Propagations(
        ConnectedOrganizations organizations,
        org.springframework.transaction.PlatformTransactionManager transactions) {
      this.organizations = organizations;
      this.nested = new org.springframework.transaction.support.TransactionTemplate(transactions);
      nested.setPropagationBehavior(
          org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
      this.requiresNew =
          new org.springframework.transaction.support.TransactionTemplate(transactions);
      requiresNew.setPropagationBehavior(
          org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private ConnectedOrganization register(String domain) {
      return organizations.create(
          OrganizationDraft.named(domain)
              .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
              .build(),
          ADMIN);
    }

    /**
     * Registers {@code kept}, then {@code undone} in a nested transaction that rolls back to its
     * savepoint; the outer transaction commits.
     */
    @Transactional
    public void nestedRollsBack(String kept, String undone) {
      register(kept);
      try {
        nested.executeWithoutResult(
            status -> {
              register(undone);
              throw new QuotaExceeded(undone);
            });
      } catch (QuotaExceeded expected) {
        // the nested transaction rolled back to its savepoint; the outer one goes on
      }
    }

    /**
     * Registers {@code committed} in a new transaction that commits while this one is suspended,
     * then {@code rolledBack} in this one, which rolls back. (The other order waits: a suspended
     * transaction that wrote through Entente holds the change counter until it ends, README.)
     */
    @Transactional
    public void outerRollsBackInnerCommits(String rolledBack, String committed) {
      requiresNew.executeWithoutResult(status -> register(committed));
      register(rolledBack);
      throw new QuotaExceeded(rolledBack);
    }
  }

  /** What the application's listeners received. */
  @Component
  public static class Received {
    /** Events given to a {@code @TransactionalEventListener}. */
    public final List<AuditEvent> afterCommit = new CopyOnWriteArrayList<>();

    /** Events given to a plain {@code @EventListener}. */
    public final List<AuditEvent> plain = new CopyOnWriteArrayList<>();

    /**
     * For each event of a plain listener, whether its organization's committed state was visible
     * from a connection of its own (outside the application's pool) when the event arrived.
     */
    public final List<Boolean> committedWhenReceived = new CopyOnWriteArrayList<>();

    private final String url;

    Received(org.springframework.core.env.Environment environment) {
      this.url = environment.getRequiredProperty("spring.datasource.url");
    }

    @TransactionalEventListener
    void committed(AuditEvent event) {
      afterCommit.add(event);
    }

    @EventListener
    void any(AuditEvent event) throws java.sql.SQLException {
      plain.add(event);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
          java.sql.PreparedStatement s =
              c.prepareStatement("SELECT count(*) FROM entente.organization WHERE id = ?")) {
        s.setString(1, event.organizationId().toString());
        try (java.sql.ResultSet r = s.executeQuery()) {
          r.next();
          committedWhenReceived.add(
              (r.getLong(1) == 1) == (event.kind() != AuditEvent.Kind.DELETED));
        }
      }
    }
  }

  /** The application's HTTP face. */
  @RestController
  public static class Partners {
    private final Onboarding onboarding;
    private final ConnectedOrganizations organizations;

    Partners(Onboarding onboarding, ConnectedOrganizations organizations) {
      this.onboarding = onboarding;
      this.organizations = organizations;
    }

    @PostMapping("/partners")
    String onboard(
        @RequestParam("domain") String domain,
        @RequestParam(name = "over", defaultValue = "false") boolean over) {
      return onboarding.onboard(domain, over).id().toString();
    }

    @GetMapping("/partners/{id}")
    String get(@PathVariable("id") String id) {
      return organizations
          .get(OrganizationId.of(id))
          .orElseThrow(
              () -> new dev.entente.errors.OrganizationNotFoundException(OrganizationId.of(id)))
          .displayName();
    }
  }
}
