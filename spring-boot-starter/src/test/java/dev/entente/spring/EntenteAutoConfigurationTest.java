package dev.entente.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationDraft;
import dev.entente.access.AccessDecision;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.EmailAddress;
import dev.entente.access.Policy;
import dev.entente.access.ReasonCode;
import dev.entente.access.Requestor;
import dev.entente.access.RequestorScope;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.entra.EntraDirectory;
import dev.entente.entra.fake.FakeEntra;
import dev.entente.errors.OrganizationInUseException;
import dev.entente.errors.ValidationException;
import dev.entente.live.LiveDirectories;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.HostDirectory;
import dev.entente.model.Version;
import dev.entente.observe.EntenteListener;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.spi.AuditEvent;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.DomainResolution;
import dev.entente.spi.OrganizationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration, with {@link ApplicationContextRunner} (R-EMB-1). */
@DisplayName(
    "The Spring Boot auto-configuration backs off, wires and refuses as documented (R-EMB-1)")
class EntenteAutoConfigurationTest {
  static final Actor ADMIN = Actor.administrator("admin@host.example");
  static final Policy CONFIGURED =
      Policy.withoutApproval("partners", RequestorScope.allConfiguredConnectedOrganizations());
  static final Requestor ANA = Requestor.passcodeUser(EmailAddress.of("ana@contoso.com"), true);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  EntenteMetricsAutoConfiguration.class,
                  EntentePostgresAutoConfiguration.class,
                  EntenteAutoConfiguration.class,
                  EntenteActuatorAutoConfiguration.class));

  private static ApplicationContextRunner withDatabase(ApplicationContextRunner runner) {
    return runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + TestDatabase.url(TestDatabase.fresh()),
            "spring.datasource.username=postgres");
  }

  static ConnectedOrganization contoso(ConnectedOrganizations organizations) {
    return organizations.create(
        OrganizationDraft.named("Contoso")
            .addIdentitySources(EmailDomain.of(DomainName.of("contoso.com")))
            .build(),
        ADMIN);
  }

  /** Every message of the start-up failure's chain, for asserting what it names. */
  static String failure(Throwable startup) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = startup; t != null; t = t.getCause()) {
      out.append(t).append('\n');
    }
    return out.toString();
  }

  @Nested
  @DisplayName("the store")
  class Store {
    @Test
    @DisplayName("without a DataSource, the embedded defaults: the in-memory store, no replica")
    void withoutADataSourceTheEmbeddedDefaults() {
      runner.run(
          context -> {
            assertInstanceOf(
                InMemoryOrganizationStore.class, context.getBean(OrganizationStore.class));
            assertTrue(context.getBeansOfType(LiveDirectories.class).isEmpty());
            contoso(context.getBean(ConnectedOrganizations.class));
            assertTrue(
                context.getBean(AccessRequestMatcher.class).evaluate(ANA, CONFIGURED).eligible());
            assertSame(
                context.getBean(Entente.class).organizations(),
                context.getBean(ConnectedOrganizations.class));
          });
    }

    @Test
    @DisplayName(
        "with a DataSource, the PostgreSQL store migrated at start-up and a live replica the"
            + " matcher reads, closed with the context")
    void withADataSourceThePostgresStoreAndAReplica() throws Exception {
      LiveDirectories[] live = new LiveDirectories[1];
      withDatabase(runner)
          .run(
              context -> {
                PostgresOrganizationStore store = context.getBean(PostgresOrganizationStore.class);
                assertEquals("entente", store.schema().name());
                live[0] = context.getBean(LiveDirectories.class);
                ConnectedOrganization org = contoso(context.getBean(ConnectedOrganizations.class));
                assertEquals(org, store.get(org.id()).orElseThrow(), "durable in PostgreSQL");
                assertEquals(
                    org,
                    live[0].index(HostDirectory.DEFAULT).byId(org.id()),
                    "and in the replica at once");
                assertTrue(
                    context
                        .getBean(AccessRequestMatcher.class)
                        .evaluate(ANA, CONFIGURED)
                        .eligible());
              });
      TestDatabase.await("the replica's thread to stop", () -> live[0].stopped());
    }

    @Test
    @DisplayName(
        "entente.postgres.schema names the schema; migrate=false leaves the database alone")
    void schemaAndMigrate() {
      String db = TestDatabase.fresh();
      ApplicationContextRunner base =
          runner
              .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
              .withPropertyValues(
                  "spring.datasource.url=" + TestDatabase.url(db),
                  "spring.datasource.username=postgres");
      base.withPropertyValues("entente.postgres.migrate=false", "entente.replica.enabled=false")
          .run(
              context -> {
                assertTrue(context.getBeansOfType(LiveDirectories.class).isEmpty());
                assertEquals(
                    0,
                    TestDatabase.first(
                        TestDatabase.direct(db),
                        "SELECT count(*) FROM information_schema.schemata"
                            + " WHERE schema_name = 'entente'"),
                    "no schema made");
              });
      base.withPropertyValues("entente.postgres.schema=tenant_a")
          .run(
              context -> {
                assertEquals(
                    "tenant_a", context.getBean(PostgresOrganizationStore.class).schema().name());
                contoso(context.getBean(ConnectedOrganizations.class));
                assertEquals(
                    1,
                    TestDatabase.first(
                        TestDatabase.direct(db), "SELECT count(*) FROM tenant_a.organization"));
              });
    }

    @Test
    @DisplayName("entente.postgres.enabled=false keeps the in-memory store beside a DataSource")
    void postgresCanBeTurnedOff() {
      withDatabase(runner)
          .withPropertyValues("entente.postgres.enabled=false")
          .run(
              context ->
                  assertInstanceOf(
                      InMemoryOrganizationStore.class, context.getBean(OrganizationStore.class)));
    }

    @Test
    @DisplayName(
        "entente.replica.enabled=false: decisions read the PostgreSQL store itself, no replica")
    void theReplicaCanBeTurnedOff() {
      withDatabase(runner)
          .withPropertyValues("entente.replica.enabled=false")
          .run(
              context -> {
                assertTrue(context.getBeansOfType(LiveDirectories.class).isEmpty());
                contoso(context.getBean(ConnectedOrganizations.class));
                assertTrue(
                    context
                        .getBean(AccessRequestMatcher.class)
                        .evaluate(ANA, CONFIGURED)
                        .eligible());
              });
    }
  }

  @Nested
  @DisplayName("one bean a role (R-EMB-2)")
  class OneBeanARole {
    /** Every port and role an application injects resolves to exactly one bean. */
    private void everyRoleResolves(
        org.springframework.context.ApplicationContext context, boolean database) {
      for (Class<?> role :
          List.of(
              OrganizationStore.class,
              Entente.class,
              ConnectedOrganizations.class,
              AccessRequestMatcher.class,
              CollaborationRestrictions.class,
              dev.entente.spi.OrganizationIndex.class,
              dev.entente.spi.HostTransactions.class)) {
        assertNotNull(context.getBean(role), role.getSimpleName() + " injects");
      }
      assertSame(
          context.getBean(dev.entente.spi.OrganizationIndex.class),
          context.getBean(OrganizationStore.class),
          "the index decisions read: the replica's view, or the in-memory store");
      if (database) {
        assertNotNull(context.getBean(PostgresOrganizationStore.class));
        assertNotNull(context.getBean(LiveDirectories.class));
        assertInstanceOf(
            ReplicaStores.class,
            context.getBean(OrganizationStore.class),
            "the OrganizationStore an application injects is the replica's view");
        assertSame(
            context.getBean(PostgresOrganizationStore.class),
            context.getBean("ententePostgresStore"),
            "the database store is reachable by its name");
      } else {
        assertTrue(context.getBeansOfType(PostgresOrganizationStore.class).isEmpty());
        assertTrue(context.getBeansOfType(LiveDirectories.class).isEmpty());
      }
    }

    @Test
    @DisplayName("without a database, every port type injects one bean")
    void withoutADatabase() {
      runner
          .withUserConfiguration(InjectsEveryPort.class)
          .run(
              context -> {
                assertNull(context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                everyRoleResolves(context, false);
              });
    }

    @Test
    @DisplayName(
        "with a database, every port type injects one bean, and the injected OrganizationStore reads"
            + " its own writes")
    void withADatabase() {
      withDatabase(runner)
          .withUserConfiguration(InjectsEveryPort.class)
          .run(
              context -> {
                assertNull(context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                everyRoleResolves(context, true);
                InjectsEveryPort app = context.getBean(InjectsEveryPort.class);
                ConnectedOrganization org =
                    app.store.create(
                        contoso(Entente.inMemory().organizations()).toBuilder()
                            .id(dev.entente.model.OrganizationId.random())
                            .build());
                assertEquals(
                    org,
                    context
                        .getBean(LiveDirectories.class)
                        .index(HostDirectory.DEFAULT)
                        .byId(org.id()));
              });
    }

    @Test
    @DisplayName("a DataSource marked @EntenteDataSource is the store's, beside the application's")
    void itsOwnDataSource() {
      javax.sql.DataSource ententes = TestDatabase.direct(TestDatabase.fresh());
      withDatabase(runner)
          .withBean(
              "ententeOwnDataSource",
              javax.sql.DataSource.class,
              () -> ententes,
              bd ->
                  ((org.springframework.beans.factory.support.AbstractBeanDefinition) bd)
                      .addQualifier(
                          new org.springframework.beans.factory.support.AutowireCandidateQualifier(
                              EntenteDataSource.class)))
          .run(
              context -> {
                assertNull(context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                ConnectedOrganization org = contoso(context.getBean(ConnectedOrganizations.class));
                assertEquals(
                    1,
                    TestDatabase.first(ententes, "SELECT count(*) FROM entente.organization"),
                    "written in Entente's own database");
                assertEquals(
                    org,
                    context
                        .getBean(LiveDirectories.class)
                        .index(HostDirectory.DEFAULT)
                        .byId(org.id()));
              });
    }
  }

  /** An application bean that injects every port. */
  @Configuration(proxyBeanMethods = false)
  static class InjectsEveryPort {
    final OrganizationStore store;

    InjectsEveryPort(
        OrganizationStore store,
        ConnectedOrganizations organizations,
        AccessRequestMatcher matcher,
        Entente entente,
        dev.entente.spi.HostTransactions transactions) {
      this.store = store;
    }
  }

  @Nested
  @DisplayName("Spring Boot lines (R-EMB-2)")
  class Lines {
    @Test
    @DisplayName("the line it runs on is supported")
    void thisLineIsSupported() {
      SupportedSpringBoot.check(org.springframework.boot.SpringBootVersion.getVersion());
    }

    @Test
    @DisplayName(
        "another line is refused with a report naming the version found and the ones supported")
    void anotherLineIsRefused() {
      SupportedSpringBoot.UnsupportedSpringBootException refused =
          assertThrows(
              SupportedSpringBoot.UnsupportedSpringBootException.class,
              () -> SupportedSpringBoot.check("3.5.16"));
      String report = new SupportedSpringBoot.Analyzer().analyze(refused).getDescription();
      assertTrue(report.contains("3.5.16"), report);
      assertTrue(report.contains("4.0.x"), report);
    }
  }

  @Nested
  @DisplayName("the application's own beans win")
  class BacksOff {
    @Test
    @DisplayName("an OrganizationStore of the application's is used, even beside a DataSource")
    void theApplicationsStore() {
      withDatabase(runner)
          .withBean("myStore", OrganizationStore.class, InMemoryOrganizationStore::new)
          .run(
              context -> {
                assertTrue(context.getBeansOfType(PostgresOrganizationStore.class).isEmpty());
                assertTrue(context.getBeansOfType(LiveDirectories.class).isEmpty());
                ConnectedOrganization org = contoso(context.getBean(ConnectedOrganizations.class));
                assertTrue(
                    context.getBean("myStore", OrganizationStore.class).get(org.id()).isPresent());
              });
    }

    @Test
    @DisplayName("Entente, the matcher and the restrictions of the application's are kept")
    void theApplicationsEntenteMatcherAndRestrictions() {
      Entente mine = Entente.inMemory();
      CollaborationRestrictions deny = CollaborationRestrictions.deny(List.of("contoso.com"));
      runner
          .withBean(Entente.class, () -> mine)
          .withBean(CollaborationRestrictions.class, () -> deny)
          .run(
              context -> {
                assertSame(mine, context.getBean(Entente.class));
                assertSame(mine.organizations(), context.getBean(ConnectedOrganizations.class));
                assertSame(deny, context.getBean(CollaborationRestrictions.class));
              });
      runner
          .withBean(CollaborationRestrictions.class, () -> deny)
          .run(
              context ->
                  assertEquals(
                      ReasonCode.BLOCKED_BY_DENY_LIST,
                      context
                          .getBean(AccessRequestMatcher.class)
                          .evaluate(ANA, CONFIGURED)
                          .reason(),
                      "the application's restrictions decide"));
    }

    @Test
    @DisplayName(
        "the application's DirectoryLookup, DeleteGuard, AuditSink and listeners are used; audit"
            + " events are also published as application events")
    void theApplicationsPorts() {
      List<AuditEvent> recorded = Collections.synchronizedList(new ArrayList<>());
      List<AuditEvent> published = Collections.synchronizedList(new ArrayList<>());
      List<AccessDecision> told = Collections.synchronizedList(new ArrayList<>());
      runner
          .withUserConfiguration(Ports.class)
          .withBean(AuditSink.class, () -> recorded::add)
          .withBean(
              "auditListener",
              ApplicationListener.class,
              () ->
                  (ApplicationListener<PayloadApplicationEvent<AuditEvent>>)
                      e -> published.add(e.getPayload()))
          .withBean(
              EntenteListener.class,
              () ->
                  new EntenteListener() {
                    @Override
                    public void decided(AccessDecision decision) {
                      told.add(decision);
                    }
                  })
          .run(
              context -> {
                ConnectedOrganizations organizations =
                    context.getBean(ConnectedOrganizations.class);
                assertEquals(
                    "Fabrikam",
                    organizations.preview(DomainName.of("fabrikam.com")).source().displayName(),
                    "the application's lookup names the tenant");
                ConnectedOrganization org = contoso(organizations);
                assertThrows(
                    OrganizationInUseException.class,
                    () -> organizations.delete(org.id(), org.version(), ADMIN),
                    "the application's guard refuses");
                assertEquals(1, recorded.size());
                assertEquals(recorded, published);
                AccessDecision decision =
                    context.getBean(AccessRequestMatcher.class).evaluate(ANA, CONFIGURED);
                assertTrue(told.contains(decision));
              });
    }
  }

  /** A lookup that knows one tenant, and a guard that refuses every delete. */
  @Configuration(proxyBeanMethods = false)
  static class Ports {
    @Bean
    DirectoryLookup lookup() {
      return new DirectoryLookup() {
        @Override
        public DomainResolution resolve(DomainName domain) {
          return domain.equals(DomainName.of("fabrikam.com"))
              ? new DomainResolution.Tenant(
                  dev.entente.model.TenantId.of("4f9a6d12-0b3c-4e6f-8a1d-2c3b4a5d6e7f"),
                  Cloud.GLOBAL,
                  "Fabrikam",
                  java.util.Set.of(domain))
              : new DomainResolution.Unknown(domain);
        }

        @Override
        public Optional<String> tenantName(Cloud cloud, dev.entente.model.TenantId tenantId) {
          return Optional.empty();
        }
      };
    }

    @Bean
    DeleteGuard guard() {
      return org -> List.of("access package 7");
    }
  }

  @Nested
  @DisplayName("a bad property fails the start, naming it")
  class BadProperties {
    private void refused(String property, String named, String... more) {
      String[] all = new String[more.length + 1];
      all[0] = property;
      System.arraycopy(more, 0, all, 1, more.length);
      runner
          .withPropertyValues(all)
          .run(
              context -> {
                Throwable startup = context.getStartupFailure();
                assertNotNull(startup, property + " must fail the start");
                String message = failure(startup);
                assertTrue(message.contains(named), named + " in:\n" + message);
              });
    }

    /**
     * {@code property=value} fails the start as Spring Boot fails a binding: its report names the
     * property as written, the value as written, and the reason says what is accepted, in the
     * library's words (R-EMB-2).
     */
    private void refusedAtBinding(String property, String value, String accepted) {
      runner
          .withPropertyValues(property + "=" + value)
          .run(
              context -> {
                Throwable startup = context.getStartupFailure();
                assertNotNull(startup, property + " must fail the start");
                org.springframework.boot.context.properties.bind.BindException bind =
                    findCause(
                        startup,
                        org.springframework.boot.context.properties.bind.BindException.class);
                assertNotNull(bind, "a binding failure: " + failure(startup));
                assertNotNull(bind.getProperty());
                assertEquals(
                    property, bind.getProperty().getName().toString(), "the property as written");
                assertNotNull(bind.getProperty());
                assertEquals(value, String.valueOf(bind.getProperty().getValue()), "as written");
                Throwable root = bind;
                while (root.getCause() != null) {
                  root = root.getCause();
                }
                assertTrue(root.getMessage().contains(accepted), root.getMessage());
                assertFalse(
                    root.getMessage().contains("pollInterval")
                        || root.getMessage().contains("writeTimeout"),
                    "no Java field name: " + root.getMessage());
              });
    }

    private <T extends Throwable> T findCause(Throwable t, Class<T> type) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (type.isInstance(c)) {
          return type.cast(c);
        }
      }
      return null;
    }

    @Test
    @DisplayName("the sync's interval and reconcile period out of range, in their words (R-ENT-5)")
    void syncPeriods() {
      refusedAtBinding("entente.entra.sync.interval", "5s", "10 seconds to 1 day");
      refusedAtBinding("entente.entra.sync.reconcile-every", "8d", "10 minutes to 7 days");
    }

    @Test
    @DisplayName("the gate's refresh out of range, in its words (R-XTA-3)")
    void gateRefresh() {
      refusedAtBinding("entente.entra.gate.refresh", "10s", "1 minute to 1 day");
      refusedAtBinding("entente.directories.a.gate.refresh", "2d", "1 minute to 1 day");
    }

    @Test
    @DisplayName("the sync without a tenant fails the start, naming what to set (R-ENT-5)")
    void syncWithoutATenant() {
      refused("entente.entra.sync.enabled=true", "entente.entra.tenant-id");
    }

    @Test
    @DisplayName(
        "the gate without a tenant fails the start, naming what to set, rather than decide without"
            + " it (R-XTA-2)")
    void gateWithoutATenant() {
      refused("entente.entra.gate.enabled=true", "entente.entra.tenant-id");
    }

    @Test
    @DisplayName("a poll interval out of range, in the property's own name and words")
    void pollInterval() {
      refusedAtBinding("entente.replica.poll-interval", "0s", "10 milliseconds to 1 hour");
      refusedAtBinding("entente.replica.poll-interval", "2h", "10 milliseconds to 1 hour");
    }

    @Test
    @DisplayName("a write timeout that is not whole seconds, with the rule stated")
    void writeTimeout() {
      refusedAtBinding("entente.postgres.write-timeout", "1500ms", "whole seconds");
      refusedAtBinding("entente.postgres.write-timeout", "2h", "whole seconds from 1 second");
    }

    @Test
    @DisplayName("a value that is no duration")
    void notADuration() {
      refused("entente.replica.poll-interval=soon", "entente.replica.poll-interval");
    }

    @Test
    @DisplayName("a misspelt property")
    void misspelt() {
      refused("entente.replica.pol-interval=1s", "entente.replica");
    }

    @Test
    @DisplayName("a negative max lag, a negative write wait")
    void negatives() {
      refusedAtBinding("entente.health.max-lag", "-1", "0 or more");
      refusedAtBinding("entente.shutdown.write-wait", "-1s", "zero or more");
    }

    @Test
    @DisplayName("an allow list with a deny list, or an entry that is no domain (R-MAT-3)")
    void restrictions() {
      refused(
          "entente.restrictions.allow=contoso.com",
          "entente.restrictions.allow is set together with entente.restrictions.deny",
          "entente.restrictions.deny=fabrikam.com");
      refusedAtBinding("entente.restrictions.deny", "not a domain", "accepted:");
    }

    @Test
    @DisplayName("a tenant id that is no GUID, a secret without a client id")
    void entra() {
      refusedAtBinding("entente.entra.tenant-id", "contoso", "accepted:");
      refused(
          "entente.entra.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
          "entente.entra.client-id is missing",
          "entente.entra.client-secret=s3cret");
    }

    @Test
    @DisplayName("a schema name PostgreSQL reserves")
    void schema() {
      withDatabase(runner)
          .withPropertyValues("entente.postgres.schema=pg_entente")
          .run(
              context -> {
                String message = failure(context.getStartupFailure());
                assertTrue(message.contains("entente.postgres.schema"), message);
                assertTrue(message.contains("system schema"), message);
              });
    }
  }

  @Nested
  @DisplayName("the host directory of each call (R-DIR-1)")
  class Directories {
    @Test
    @DisplayName(
        "the application's own DirectoryResolver bean replaces the starter's: the injected beans"
            + " act where it says, and a call where it names none fails, writing nothing")
    void theApplicationsOwnResolver() {
      ThreadLocal<HostDirectory> current = new ThreadLocal<>();
      runner
          .withBean(
              DirectoryResolver.class, () -> () -> java.util.Optional.ofNullable(current.get()))
          .run(
              context -> {
                ConnectedOrganizations organizations =
                    context.getBean(ConnectedOrganizations.class);
                current.set(HostDirectory.of("customer-a"));
                contoso(organizations);
                assertTrue(
                    context
                        .getBean(AccessRequestMatcher.class)
                        .evaluate(ANA, CONFIGURED)
                        .eligible());
                current.set(HostDirectory.of("customer-b"));
                assertFalse(
                    context
                        .getBean(AccessRequestMatcher.class)
                        .evaluate(ANA, CONFIGURED)
                        .eligible());
                assertEquals(0, organizations.all().count());
                current.remove();
                ValidationException none =
                    assertThrows(ValidationException.class, () -> contoso(organizations));
                assertEquals("directory", none.field());
                Entente entente = context.getBean(Entente.class);
                assertEquals(
                    1,
                    entente
                        .directory(HostDirectory.of("customer-a"))
                        .organizations()
                        .all()
                        .count());
                assertEquals(
                    0,
                    entente
                        .directory(HostDirectory.of("customer-b"))
                        .organizations()
                        .all()
                        .count());
              });
    }

    @Test
    @DisplayName("a resolver the application cannot run fails the start, naming the property")
    void aResolverWithoutItsClassesFailsTheStart() {
      runner
          .withPropertyValues("entente.directory.resolver=claim")
          .withClassLoader(
              new org.springframework.boot.test.context.FilteredClassLoader(
                  "org.springframework.security"))
          .run(
              context -> {
                Throwable failure = context.getStartupFailure();
                assertNotNull(failure);
                assertTrue(
                    failure(failure).contains("entente.directory.resolver"), failure(failure));
              });
    }
  }

  @Nested
  @DisplayName("discovery through Entra")
  class Discovery {
    @Test
    @DisplayName("with entente.entra.* set, the DirectoryLookup is Entra's discovery (R-ENT-3)")
    void entraDiscoveryWhenConfigured() {
      try (FakeEntra fake = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a001";
        fake.addApplication(client, "a-secret")
            .addTenant(
                Cloud.GLOBAL,
                "2d0a1c3e-5b4f-4e6a-8d7c-9f0e1a2b3c4d",
                "Woodgrove Bank",
                "woodgrove.onmicrosoft.com",
                "woodgrovebank.com");
        runner
            .withPropertyValues(
                "entente.entra.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "entente.entra.client-id=" + client,
                "entente.entra.client-secret=a-secret",
                "entente.entra.graph-root=" + fake.graphRoot(),
                "entente.entra.login-root=" + fake.loginRoot(Cloud.GLOBAL))
            .run(
                context -> {
                  assertInstanceOf(EntraDirectory.class, context.getBean(DirectoryLookup.class));
                  assertEquals(
                      "Woodgrove Bank",
                      context
                          .getBean(ConnectedOrganizations.class)
                          .preview(DomainName.of("woodgrovebank.com"))
                          .source()
                          .displayName());
                });
      }
    }

    @Test
    @DisplayName(
        "entente.directories.<id>.* gives each host directory its own connection to Entra: its"
            + " discovery finds its own host's federations, never another's (R-DIR-1, R-ENT-3)")
    void aConnectionPerDirectory() {
      try (FakeEntra a = FakeEntra.start();
          FakeEntra b = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a001";
        a.addApplication(client, "a-secret")
            .addFederation(
                "Fabrikam IdP", "https://sts.fabrikam.com/adfs/services/trust", "fabrikam.com");
        b.addApplication(client, "b-secret")
            .addTenant(
                Cloud.GLOBAL,
                "2d0a1c3e-5b4f-4e6a-8d7c-9f0e1a2b3c4d",
                "Fabrikam",
                "fabrikam.onmicrosoft.com",
                "fabrikam.com");
        runner
            .withPropertyValues(
                "entente.directories.customer-a.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "entente.directories.customer-a.client-id=" + client,
                "entente.directories.customer-a.client-secret=a-secret",
                "entente.directories.customer-a.graph-root=" + a.graphRoot(),
                "entente.directories.customer-a.login-root=" + a.loginRoot(Cloud.GLOBAL),
                "entente.directories.customer-b.tenant-id=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                "entente.directories.customer-b.client-id=" + client,
                "entente.directories.customer-b.client-secret=b-secret",
                "entente.directories.customer-b.graph-root=" + b.graphRoot(),
                "entente.directories.customer-b.login-root=" + b.loginRoot(Cloud.GLOBAL))
            .run(
                context -> {
                  assertNull(
                      context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                  Entente entente = context.getBean(Entente.class);
                  HostDirectory customerA = HostDirectory.of("customer-a");
                  EntraConnections connections = context.getBean(EntraConnections.class);
                  assertEquals(
                      customerA, connections.connection(customerA).orElseThrow().hostDirectory());
                  DomainName fabrikam = DomainName.of("fabrikam.com");
                  assertEquals(
                      dev.entente.model.IdentitySource.Kind.FEDERATION,
                      entente
                          .directory(customerA)
                          .organizations()
                          .preview(fabrikam)
                          .source()
                          .kind(),
                      "A's own federation");
                  assertEquals(
                      dev.entente.model.IdentitySource.Kind.ENTRA_TENANT,
                      entente
                          .directory(HostDirectory.of("customer-b"))
                          .organizations()
                          .preview(fabrikam)
                          .source()
                          .kind(),
                      "B never sees A's federation: the tenant that verified the domain");
                  assertEquals(
                      dev.entente.model.IdentitySource.Kind.EMAIL_DOMAIN,
                      entente
                          .directory(HostDirectory.DEFAULT)
                          .organizations()
                          .preview(fabrikam)
                          .source()
                          .kind(),
                      "the default directory has no connection, and takes none of theirs");
                });
      }
    }

    @Test
    @DisplayName(
        "entente.directories.<id>.gate.enabled pulls each directory's invitation gate from its own"
            + " tenant: its decisions judge its cross-tenant access settings, no other's; a"
            + " directory whose pull has not succeeded fails its decisions (R-XTA-2, R-DIR-1)")
    void anInvitationGatePerDirectory() {
      try (FakeEntra a = FakeEntra.start();
          FakeEntra b = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a001";
        String blockAll =
            "{\"b2bCollaborationInbound\":{\"usersAndGroups\":{\"accessType\":\"blocked\",\"targets\":"
                + "[{\"target\":\"AllUsers\",\"targetType\":\"user\"}]},\"applications\":"
                + "{\"accessType\":\"blocked\",\"targets\":[{\"target\":\"AllApplications\","
                + "\"targetType\":\"application\"}]}}}";
        a.addApplication(client, "a-secret").crossTenantAccess("{}", blockAll, List.of());
        b.addApplication(client, "b-secret").denyPolicies(true);
        runner
            .withPropertyValues(
                "entente.restrictions.deny=blocked.example",
                "entente.directories.customer-a.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "entente.directories.customer-a.client-id=" + client,
                "entente.directories.customer-a.client-secret=a-secret",
                "entente.directories.customer-a.graph-root=" + a.graphRoot(),
                "entente.directories.customer-a.login-root=" + a.loginRoot(Cloud.GLOBAL),
                "entente.directories.customer-a.gate.enabled=true",
                "entente.directories.customer-b.tenant-id=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                "entente.directories.customer-b.client-id=" + client,
                "entente.directories.customer-b.client-secret=b-secret",
                "entente.directories.customer-b.graph-root=" + b.graphRoot(),
                "entente.directories.customer-b.login-root=" + b.loginRoot(Cloud.GLOBAL),
                "entente.directories.customer-b.gate.enabled=true",
                "entente.directories.customer-b.gate.refresh=PT1M")
            .run(
                context -> {
                  assertNull(
                      context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                  Entente entente = context.getBean(Entente.class);
                  dev.entente.access.Policy anyone =
                      dev.entente.access.Policy.withoutApproval(
                          "anyone", dev.entente.access.RequestorScope.allExternalUsers());
                  dev.entente.access.Requestor ana =
                      dev.entente.access.Requestor.entraUser(
                          dev.entente.model.TenantId.of("9188040d-6c67-4c5b-b112-36a304b66dad"),
                          Cloud.GLOBAL);
                  HostDirectory customerA = HostDirectory.of("customer-a");
                  HostDirectory customerB = HostDirectory.of("customer-b");
                  assertEquals(
                      dev.entente.access.ReasonCode.BLOCKED_BY_CROSS_TENANT_DEFAULT,
                      entente.directory(customerA).matcher().evaluate(ana, anyone).reason(),
                      "A's tenant blocks everyone by default");
                  assertTrue(
                      entente
                          .directory(HostDirectory.DEFAULT)
                          .matcher()
                          .evaluate(ana, anyone)
                          .eligible(),
                      "the default directory has no gate of its own");
                  dev.entente.access.Requestor denied =
                      dev.entente.access.Requestor.passcodeUser(
                          dev.entente.access.EmailAddress.of("jo@blocked.example"), true);
                  assertEquals(
                      dev.entente.access.ReasonCode.BLOCKED_BY_DENY_LIST,
                      entente.directory(customerA).matcher().evaluate(denied, anyone).reason(),
                      "entente.restrictions is the domain list of a pulled gate");
                  dev.entente.errors.PortFailureException notYet =
                      org.junit.jupiter.api.Assertions.assertThrows(
                          dev.entente.errors.PortFailureException.class,
                          () -> entente.directory(customerB).matcher().evaluate(ana, anyone));
                  assertTrue(notYet.getMessage().contains("not been pulled"), notYet.getMessage());
                  EntraInvitationGatesHealthIndicator health =
                      context.getBean(EntraInvitationGatesHealthIndicator.class);
                  Health down = health.health(true);
                  assertEquals(
                      org.springframework.boot.health.contributor.Status.DOWN, down.getStatus());
                  assertTrue(
                      String.valueOf(down.getDetails()).contains("lastFailure"), down.toString());
                  b.denyPolicies(false);
                  EntraInvitationGates gates = context.getBean(EntraInvitationGates.class);
                  assertTrue(gates.pull(customerB));
                  assertEquals(
                      org.springframework.boot.health.contributor.Status.UP,
                      health.health(true).getStatus());
                  assertTrue(
                      entente.directory(customerB).matcher().evaluate(ana, anyone).eligible(),
                      "B's service default lets everyone in");
                });
      }
    }

    @Test
    @DisplayName(
        "entente.entra.client-certificate signs in with a PKCS #12 file; one that is not fails the"
            + " start naming the property, never the password")
    void aCertificateSignsIn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
      java.nio.file.Path p12 = dir.resolve("app.p12");
      Process keytool =
          new ProcessBuilder(
                  java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                      .toString(),
                  "-genkeypair",
                  "-alias",
                  "app",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=app",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  p12.toString(),
                  "-storepass",
                  "from-a-vault")
              .redirectErrorStream(true)
              .start();
      String output = new String(keytool.getInputStream().readAllBytes());
      assertEquals(0, keytool.waitFor(), output);
      java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(p12)) {
        store.load(in, "from-a-vault".toCharArray());
      }
      try (FakeEntra fake = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a002";
        fake.addApplication(
                client, (java.security.cert.X509Certificate) store.getCertificate("app"))
            .addTenant(
                Cloud.GLOBAL,
                "2d0a1c3e-5b4f-4e6a-8d7c-9f0e1a2b3c4d",
                "Woodgrove Bank",
                "woodgrove.onmicrosoft.com",
                "woodgrovebank.com");
        ApplicationContextRunner signedIn =
            runner.withPropertyValues(
                "entente.entra.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "entente.entra.client-id=" + client,
                "entente.entra.client-certificate=" + p12,
                "entente.entra.graph-root=" + fake.graphRoot(),
                "entente.entra.login-root=" + fake.loginRoot(Cloud.GLOBAL));
        signedIn
            .withPropertyValues("entente.entra.client-certificate-password=from-a-vault")
            .run(
                context ->
                    assertEquals(
                        "Woodgrove Bank",
                        context
                            .getBean(ConnectedOrganizations.class)
                            .preview(DomainName.of("woodgrovebank.com"))
                            .source()
                            .displayName()));
        signedIn
            .withPropertyValues("entente.entra.client-certificate-password=wrong-one")
            .run(
                context -> {
                  String message = failure(context.getStartupFailure());
                  assertTrue(message.contains("entente.entra.client-certificate"), message);
                  assertTrue(message.contains("cannot be read as PKCS #12"), message);
                  assertFalse(message.contains("wrong-one"), message);
                });
      }
    }

    @Test
    @DisplayName("without entente.entra.tenant-id, no Entra and no lookup bean")
    void noEntraWithoutATenant() {
      runner.run(context -> assertTrue(context.getBeansOfType(DirectoryLookup.class).isEmpty()));
    }

    @Test
    @DisplayName("a tenant without any credentials fails the start, naming what to set")
    void aTenantWithoutCredentials() {
      runner
          .withPropertyValues("entente.entra.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d")
          .run(
              context -> {
                String message = failure(context.getStartupFailure());
                assertTrue(message.contains("entente.entra.client-secret"), message);
              });
    }
  }

  @Nested
  @DisplayName("the Entra sync")
  class Sync {
    @Test
    @DisplayName(
        "with entente.entra.sync.enabled, the store follows the tenant and health tells the last"
            + " round (R-ENT-5)")
    void theStoreFollowsTheTenant() {
      try (FakeEntra fake = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a001";
        fake.addApplication(client, "a-secret");
        String contoso =
            fake.addOrganization(
                "{\"displayName\":\"Contoso\",\"identitySources\":[{\"@odata.type\":"
                    + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"contoso.com\","
                    + "\"displayName\":\"contoso.com\"}]}");
        List<dev.entente.spi.AuditEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        String db = TestDatabase.fresh();
        runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withBean(dev.entente.spi.AuditSink.class, () -> heard::add)
            .withPropertyValues(
                "spring.datasource.url=" + TestDatabase.url(db),
                "spring.datasource.username=postgres",
                "entente.entra.tenant-id=7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "entente.entra.client-id=" + client,
                "entente.entra.client-secret=a-secret",
                "entente.entra.graph-root=" + fake.graphRoot(),
                "entente.entra.login-root=" + fake.loginRoot(Cloud.GLOBAL),
                "entente.entra.sync.enabled=true",
                "entente.entra.sync.holder=app-1")
            .run(
                context -> {
                  assertNull(context.getStartupFailure());
                  ConnectedOrganizations organizations =
                      context.getBean(ConnectedOrganizations.class);
                  // The first round runs as the application starts, on the sync's thread.
                  TestDatabase.await(
                      "the first round's organization in the replica",
                      () -> organizations.all().count() == 1);
                  dev.entente.entra.EntraSync sync =
                      context.getBean(dev.entente.entra.EntraSync.class);
                  TestDatabase.await("the first round's end", () -> sync.lastRound().isPresent());
                  Health health = context.getBean(EntraSyncHealthIndicator.class).health(true);
                  assertEquals(Status.UP, health.getStatus(), health.toString());
                  assertEquals("FULL", health.getDetails().get("lastRound"));
                  assertEquals("app-1", health.getDetails().get("holder"));
                  assertEquals(
                      1L,
                      TestDatabase.first(
                          TestDatabase.direct(db),
                          "SELECT count(*) FROM entente.sync_ledger"
                              + " WHERE name = 'entra' AND holder = 'app-1'"),
                      "the ledger is beside the PostgreSQL store");

                  fake.updateOrganization(contoso, "{\"displayName\":\"Contoso Ltd\"}");
                  assertEquals(
                      dev.entente.entra.SyncReport.Round.INCREMENTAL, sync.runOnce().round());
                  TestDatabase.await(
                      "the rename in the replica",
                      () ->
                          organizations.all().anyMatch(o -> o.displayName().equals("Contoso Ltd")));
                  assertTrue(
                      heard.stream()
                          .anyMatch(
                              e ->
                                  e.actor().equals(dev.entente.entra.EntraSync.SYNC)
                                      && e.kind() == dev.entente.spi.AuditEvent.Kind.UPDATED),
                      "the application's audit sink hears the sync's writes: " + heard);
                });
      }
    }

    @Test
    @DisplayName(
        "entente.directories.<id>.sync.enabled: each directory's tenant syncs into that directory"
            + " only, its ledger beside the store in it, and health tells each (R-DIR-1, R-ENT-5)")
    void eachDirectorySyncsItsOwnTenant() {
      try (FakeEntra a = FakeEntra.start();
          FakeEntra b = FakeEntra.start()) {
        String client = "00000000-0000-4000-8000-00000000a001";
        a.addApplication(client, "a-secret");
        b.addApplication(client, "b-secret");
        a.addOrganization(
            "{\"displayName\":\"Contoso\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"contoso.com\","
                + "\"displayName\":\"contoso.com\"}]}");
        b.addOrganization(
            "{\"displayName\":\"Fabrikam\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"fabrikam.com\","
                + "\"displayName\":\"fabrikam.com\"}]}");
        String db = TestDatabase.fresh();
        List<String> properties = new java.util.ArrayList<>();
        properties.add("spring.datasource.url=" + TestDatabase.url(db));
        properties.add("spring.datasource.username=postgres");
        for (Object[] d :
            new Object[][] {
              {"customer-a", "7c1e0b2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d", "a-secret", a},
              {"customer-b", "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", "b-secret", b}
            }) {
          String p = "entente.directories." + d[0];
          FakeEntra fake = (FakeEntra) d[3];
          properties.addAll(
              List.of(
                  p + ".tenant-id=" + d[1],
                  p + ".client-id=" + client,
                  p + ".client-secret=" + d[2],
                  p + ".graph-root=" + fake.graphRoot(),
                  p + ".login-root=" + fake.loginRoot(Cloud.GLOBAL),
                  p + ".sync.enabled=true"));
        }
        runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues(properties.toArray(String[]::new))
            .run(
                context -> {
                  assertNull(
                      context.getStartupFailure(), () -> failure(context.getStartupFailure()));
                  Entente entente = context.getBean(Entente.class);
                  ConnectedOrganizations inA =
                      entente.directory(HostDirectory.of("customer-a")).organizations();
                  ConnectedOrganizations inB =
                      entente.directory(HostDirectory.of("customer-b")).organizations();
                  TestDatabase.await(
                      "each directory's first round",
                      () -> inA.all().count() == 1 && inB.all().count() == 1);
                  assertEquals("Contoso", inA.all().findFirst().orElseThrow().displayName());
                  assertEquals("Fabrikam", inB.all().findFirst().orElseThrow().displayName());
                  assertEquals(
                      0,
                      entente.directory(HostDirectory.DEFAULT).organizations().all().count(),
                      "the default directory has no tenant, and gets none of theirs");
                  assertEquals(
                      2L,
                      TestDatabase.first(
                          TestDatabase.direct(db),
                          "SELECT count(DISTINCT host_directory) FROM entente.sync_ledger"),
                      "a ledger a directory");
                  EntraDirectorySyncs syncs = context.getBean(EntraDirectorySyncs.class);
                  TestDatabase.await(
                      "both rounds' ends",
                      () ->
                          syncs.syncs().values().stream().allMatch(y -> y.lastRound().isPresent()));
                  Health health =
                      context.getBean(EntraDirectorySyncsHealthIndicator.class).health(true);
                  assertEquals(Status.UP, health.getStatus(), health.toString());
                  assertTrue(
                      health.getDetails().toString().contains("customer-a")
                          && health.getDetails().toString().contains("customer-b"),
                      health.toString());
                  assertTrue(
                      context.getBeansOfType(dev.entente.entra.EntraSync.class).isEmpty(),
                      "no sync of entente.entra.*, which is not set");
                });
      }
    }
  }

  @Nested
  @DisplayName("health, info and metrics")
  class Actuator {
    @Test
    @DisplayName("the in-memory store is UP, and says so")
    void inMemoryIsUp() {
      runner.run(
          context -> {
            Health health = context.getBean(EntenteHealthIndicator.class).health(true);
            assertEquals(Status.UP, health.getStatus());
            assertEquals("in-memory", health.getDetails().get("store"));
          });
    }

    @Test
    @DisplayName(
        "with a replica: UP within max-lag, OUT_OF_SERVICE beyond it, DOWN once stopped"
            + " (R-EMB-1, R-IDX-2)")
    void replicaLag() {
      String db = TestDatabase.fresh();
      runner
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=" + TestDatabase.url(db),
              "spring.datasource.username=postgres",
              "entente.replica.listen=false", // no signal: only a poll, an hour away
              "entente.replica.poll-interval=1h",
              "entente.health.max-lag=1")
          .run(
              context -> {
                EntenteHealthIndicator indicator = context.getBean(EntenteHealthIndicator.class);
                assertEquals(Status.UP, indicator.health(true).getStatus());
                // Another instance writes twice: this replica has not applied either.
                ConnectedOrganizations other =
                    Entente.builder()
                        .store(PostgresOrganizationStore.of(TestDatabase.direct(db)))
                        .build()
                        .organizations();
                for (String domain : List.of("contoso.com", "fabrikam.com")) {
                  other.create(
                      OrganizationDraft.named(domain)
                          .addIdentitySources(EmailDomain.of(DomainName.of(domain)))
                          .build(),
                      ADMIN);
                }
                Health behind = indicator.health(true);
                assertEquals(Status.OUT_OF_SERVICE, behind.getStatus());
                assertEquals(2L, behind.getDetails().get("lag"));
                LiveDirectories live = context.getBean(LiveDirectories.class);
                live.catchUp(HostDirectory.DEFAULT);
                assertEquals(Status.UP, indicator.health(true).getStatus());
                live.close();
                TestDatabase.await("the replica to stop", live::stopped);
                assertEquals(Status.DOWN, indicator.health(true).getStatus());
              });
    }

    @Test
    @DisplayName(
        "metrics: decisions by outcome and reason, failed writes by operation and kind (R-EMB-1)")
    void metrics() {
      runner
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .run(
              context -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                context.getBean(EntenteMetrics.class).bindTo(registry); // Boot's metrics do this
                ConnectedOrganization org = contoso(context.getBean(ConnectedOrganizations.class));
                AccessRequestMatcher matcher = context.getBean(AccessRequestMatcher.class);
                matcher.evaluate(ANA, CONFIGURED);
                matcher.evaluate(ANA, CONFIGURED);
                matcher.evaluate(
                    Requestor.passcodeUser(EmailAddress.of("li@woodgrove.com"), true), CONFIGURED);
                assertThrows(
                    RuntimeException.class,
                    () ->
                        context
                            .getBean(ConnectedOrganizations.class)
                            .delete(org.id(), Version.of(5), ADMIN));
                assertEquals(
                    2.0,
                    registry
                        .get("entente.decisions")
                        .tag("outcome", "eligible")
                        .tag("reason", "MEMBER_OF_ORGANIZATION")
                        .functionCounter()
                        .count());
                assertEquals(
                    1.0,
                    registry
                        .get("entente.decisions")
                        .tag("outcome", "refused")
                        .tag("reason", "NOT_IN_ANY_ORGANIZATION")
                        .functionCounter()
                        .count());
                assertEquals(
                    1.0,
                    registry
                        .get("entente.writes.failed")
                        .tag("operation", "delete")
                        .tag("kind", "StaleVersion")
                        .counter()
                        .count());
              });
    }
  }
}
