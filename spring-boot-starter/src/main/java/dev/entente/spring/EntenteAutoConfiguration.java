package dev.entente.spring;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.InvitationGate;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.Slf4jAuditSink;
import dev.entente.entra.AccessTokens;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraDirectory;
import dev.entente.errors.ValidationException;
import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.HostTransactions;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Entente for a Spring Boot application (R-EMB-1). Every bean backs off when the application
 * defines its own of that type.
 *
 * <ul>
 *   <li>With one {@code DataSource} and {@code entente-postgres} on the class path: the PostgreSQL
 *       store ({@code entente.postgres.*}; its schema migrated at start-up unless {@code
 *       entente.postgres.migrate=false}) and {@link LiveDirectories} replicas ({@code
 *       entente.replica.*}), started with the context and closed before the pool. Otherwise the
 *       in-memory store.
 *   <li>The application's {@link DirectoryLookup}; else, with {@code entente-entra} on the class
 *       path and {@code entente.entra.tenant-id} set, discovery through Entra; else none.
 *   <li>Audit events published as application events ({@code @EventListener void on(AuditEvent
 *       e)}), and recorded by the application's {@link AuditSink}, or logged through SLF4J when
 *       there is none.
 *   <li>The application's {@link DeleteGuard} and {@link Clock} when it defines them; every {@link
 *       EntenteListener} bean told of decisions, failed writes and applied changes.
 *   <li>Collaboration restrictions from {@code entente.restrictions.allow} or {@code .deny}.
 * </ul>
 *
 * <p>Beans, one a role (R-EMB-2): {@link Entente}, its {@link ConnectedOrganizations} and {@link
 * AccessRequestMatcher}; the {@link OrganizationStore} (with a database, the replica's view, which
 * reads its own writes; the database store is reachable as {@code PostgresOrganizationStore}); the
 * {@link LiveDirectories} when there are; {@link HostTransactions} over Spring's transactions,
 * which the PostgreSQL store joins (R-LOG-4).
 */
@AutoConfiguration(after = EntentePostgresAutoConfiguration.class)
@EnableConfigurationProperties(EntenteProperties.class)
@Import({
  EntenteAutoConfiguration.EmbeddedStore.class,
  EntenteAutoConfiguration.Transactions.class,
  EntenteAutoConfiguration.EntraDiscovery.class,
  EntraSyncConfiguration.class,
  EntraDirectorySyncConfiguration.class
})
@Conditional(SupportedSpringBoot.class)
public class EntenteAutoConfiguration {
  /** Made by Spring. */
  public EntenteAutoConfiguration() {}

  /** The in-memory store, when no other is configured. */
  @Configuration(proxyBeanMethods = false)
  static class EmbeddedStore {
    @Bean
    @ConditionalOnMissingBean(OrganizationStore.class)
    InMemoryOrganizationStore ententeInMemoryStore() {
      return new InMemoryOrganizationStore();
    }
  }

  /**
   * Spring's transactions as the host's (R-LOG-4), which the PostgreSQL store joins, unless {@code
   * entente.transactions.join=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.transaction.support.TransactionSynchronizationManager",
        "org.springframework.jdbc.datasource.ConnectionHolder"
      })
  @ConditionalOnBooleanProperty(name = "entente.transactions.join", matchIfMissing = true)
  static class Transactions {
    @Bean
    @ConditionalOnMissingBean(HostTransactions.class)
    SpringTransactions ententeHostTransactions() {
      return new SpringTransactions();
    }
  }

  /** Discovery through Entra (R-ENT-3), when the connection is on the class path and configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.entente.entra.Entra")
  @ConditionalOnProperty(prefix = "entente.entra", name = "tenant-id")
  static class EntraDiscovery {
    @Bean
    @ConditionalOnMissingBean(AccessTokens.class)
    AccessTokens ententeAccessTokens(EntenteProperties properties) {
      return EntraConnections.tokens("entente.entra", properties.getEntra());
    }

    @Bean
    @ConditionalOnMissingBean(Entra.class)
    Entra ententeEntra(
        EntenteProperties properties, AccessTokens tokens, EntraConnections connections) {
      return EntraConnections.connection(
              "entente.entra", properties.getEntra(), tokens, connections.publicFacts())
          .hostDirectory(HostDirectory.DEFAULT)
          .build();
    }

    @Bean
    @ConditionalOnMissingBean(DirectoryLookup.class)
    EntraDirectory ententeDirectoryLookup(Entra entra, EntenteProperties properties) {
      return entra.directory(properties.getEntra().getDiscoveryTtl());
    }
  }

  /**
   * A connection to Entra for each directory {@code entente.directories.<id>.*} configures, each
   * with its tenant and credentials, sharing what discovery learns of the public world (R-DIR-1).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.entente.entra.Entra")
  static class EntraPerDirectory {
    @Bean
    @ConditionalOnMissingBean
    EntraConnections ententeEntraConnections(EntenteProperties properties) {
      return EntraConnections.of(properties.getDirectories());
    }

    /**
     * The invitation gate of each directory whose {@code gate.enabled} is set, pulled from its
     * tenant (docs/rules.md §12); the others are judged by {@code entente.restrictions}.
     */
    @Bean
    @ConditionalOnMissingBean(InvitationGates.class)
    EntraInvitationGates ententeInvitationGates(
        EntenteProperties properties,
        EntraConnections connections,
        ObjectProvider<Entra> home,
        CollaborationRestrictions restrictions) {
      return new EntraInvitationGates(
          EntraInvitationGates.sources(home.getIfUnique(), properties, connections), restrictions);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  CollaborationRestrictions ententeRestrictions(EntenteProperties properties) {
    return properties.getRestrictions().toRestrictions(); // checked at binding
  }

  /**
   * The application's store: the one {@link OrganizationStore} bean, or the {@code @Primary} one —
   * with a database, the replica's view ({@link EntentePostgresAutoConfiguration}).
   */
  static OrganizationStore storeOf(ObjectProvider<OrganizationStore> stores) {
    OrganizationStore store = stores.getIfUnique();
    if (store == null) {
      throw new IllegalStateException(
          "Entente needs one OrganizationStore bean, or one marked @Primary; found "
              + stores.orderedStream().toList());
    }
    return store;
  }

  @Bean
  @ConditionalOnMissingBean
  EntenteLifecycle ententeLifecycle(
      ObjectProvider<OrganizationStore> stores,
      ObjectProvider<LiveDirectories> live,
      EntenteProperties properties) {
    EntenteProperties.Directory directory = properties.getDirectory();
    return new EntenteLifecycle(
        new WriteGate(storeOf(stores)),
        live.getIfUnique(),
        properties.getShutdown().getWriteWait(),
        directory.getResolver() == EntenteProperties.Resolver.FIXED
            ? HostDirectory.of(directory.getFixed())
            : null);
  }

  /**
   * The directory of each call: {@code entente.directory.resolver} (fixed, header or claim), unless
   * the application has its own.
   */
  @Bean
  @ConditionalOnMissingBean
  DirectoryResolver ententeDirectoryResolver(
      EntenteProperties properties, org.springframework.core.io.ResourceLoader resources) {
    EntenteProperties.Directory d = properties.getDirectory();
    ClassLoader loader = resources.getClassLoader();
    return switch (d.getResolver()) {
      case FIXED -> DirectoryResolver.fixed(HostDirectory.of(d.getFixed()));
      case HEADER -> {
        require(
            loader,
            "entente.directory.resolver",
            "header",
            "a servlet web application (spring-web and the Servlet API)",
            "org.springframework.web.context.request.ServletRequestAttributes",
            "jakarta.servlet.http.HttpServletRequest");
        yield RequestDirectories.header(d.getHeader());
      }
      case CLAIM -> {
        require(
            loader,
            "entente.directory.resolver",
            "claim",
            "Spring Security's OAuth 2.0 support (spring-security-oauth2-core)",
            "org.springframework.security.core.context.SecurityContextHolder",
            "org.springframework.security.oauth2.core.ClaimAccessor");
        yield ClaimDirectories.claim(d.getClaim());
      }
    };
  }

  private static void require(
      @Nullable ClassLoader loader, String property, String value, String what, String... classes) {
    for (String name : classes) {
      if (!org.springframework.util.ClassUtils.isPresent(name, loader)) {
        throw new InvalidConfigurationPropertyValueException(
            property, value, "needs " + what + ", which the application lacks (" + name + ")");
      }
    }
  }

  /**
   * The application's {@code Entente}: every call acts in the directory the {@link
   * DirectoryResolver} names then (R-DIR-1), and {@code entente.directory(id)} names one. Its
   * organizations and matcher, and the beans made of them, do the same.
   */
  @Bean
  @ConditionalOnMissingBean
  Entente entente(
      EntenteLifecycle lifecycle,
      CollaborationRestrictions restrictions,
      DirectoryResolver resolver,
      ObjectProvider<DirectoryLookup> lookup,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ObjectProvider<EntenteListener> listeners,
      ObjectProvider<DirectoryLookups> perDirectory,
      ObjectProvider<InvitationGates> gates,
      ApplicationEventPublisher events) {
    // The gate is the store of every directory, and their index: the replicas' when there are.
    Entente.Builder builder =
        withApplicationPorts(Entente.builder().store(lifecycle.gate()), audit, guard, clock, events)
            .listener(Listeners.of(listeners.orderedStream().toList()));
    // A directory's invitation gate is its own when it has one (pulled from its tenant, or the
    // application's InvitationGates), else entente.restrictions alone.
    InvitationGates own = gates.getIfUnique();
    if (own == null) {
      builder.restrictions(restrictions);
    } else {
      InvitationGate restrictionsOnly = InvitationGate.of(restrictions);
      builder.gates(d -> own.gate(d).orElse(restrictionsOnly));
    }
    // A directory's lookup is its own connection's; the application's (or entente.entra.*) is the
    // default directory's only: another directory's federations are never the default's.
    DirectoryLookup home = lookup.getIfUnique();
    DirectoryLookups configured = perDirectory.getIfUnique(() -> d -> Optional.empty());
    DirectoryLookup none = dev.entente.embedded.StaticDirectoryLookup.empty();
    builder.directoryLookups(
        d ->
            configured
                .lookup(d)
                .orElse(home != null && d.equals(HostDirectory.DEFAULT) ? home : none));
    return builder
        .build()
        .routed(
            () ->
                resolver
                    .resolve()
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                resolver
                                    + " names no host directory here; outside a request, name"
                                    + " it: entente.directory(HostDirectory.of(id))")));
  }

  /**
   * {@code builder} with the application's ports every Entente the starter builds writes through:
   * its audit sink (else SLF4J), then its events; its delete guard and clock, when it has them.
   */
  static Entente.Builder withApplicationPorts(
      Entente.Builder builder,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ApplicationEventPublisher events) {
    builder.auditSink(publishing(audit.getIfUnique(Slf4jAuditSink::new), events));
    guard.ifUnique(builder::deleteGuard);
    clock.ifUnique(builder::clock);
    return builder;
  }

  @Bean
  @ConditionalOnMissingBean
  ConnectedOrganizations ententeOrganizations(Entente entente) {
    return entente.organizations();
  }

  @Bean
  @ConditionalOnMissingBean
  AccessRequestMatcher ententeMatcher(Entente entente) {
    return entente.matcher();
  }

  /** The sink that records with {@code sink}, then publishes the event to the application. */
  private static AuditSink publishing(AuditSink sink, ApplicationEventPublisher events) {
    return event -> {
      try {
        sink.record(event);
      } finally {
        events.publishEvent(event);
      }
    };
  }

  static InvalidConfigurationPropertyValueException invalid(
      String property, @Nullable Object value, ValidationException refused) {
    return new InvalidConfigurationPropertyValueException(
        property, value, refused.problem() + "; accepted: " + refused.accepted());
  }

  /** Several listeners told as one. */
  static final class Listeners implements EntenteListener {
    private final List<EntenteListener> all;

    private Listeners(List<EntenteListener> all) {
      this.all = all;
    }

    static EntenteListener of(List<EntenteListener> listeners) {
      return switch (listeners.size()) {
        case 0 -> EntenteListener.NONE;
        case 1 -> listeners.get(0);
        default -> new Listeners(List.copyOf(listeners));
      };
    }

    @Override
    public void decided(dev.entente.access.AccessDecision decision) {
      for (EntenteListener l : all) {
        l.decided(decision);
      }
    }

    @Override
    public void writeFailed(String operation, RuntimeException failure) {
      for (EntenteListener l : all) {
        l.writeFailed(operation, failure);
      }
    }

    @Override
    public void changeApplied(long sequence, java.time.Duration delay) {
      for (EntenteListener l : all) {
        l.changeApplied(sequence, delay);
      }
    }

    @Override
    public void decided(HostDirectory directory, dev.entente.access.AccessDecision decision) {
      for (EntenteListener l : all) {
        l.decided(directory, decision);
      }
    }

    @Override
    public void writeFailed(HostDirectory directory, String operation, RuntimeException failure) {
      for (EntenteListener l : all) {
        l.writeFailed(directory, operation, failure);
      }
    }

    @Override
    public void changeApplied(HostDirectory directory, long sequence, java.time.Duration delay) {
      for (EntenteListener l : all) {
        l.changeApplied(directory, sequence, delay);
      }
    }
  }
}
