package dev.entente.spring;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.access.AccessRequestMatcher;
import dev.entente.access.CollaborationRestrictions;
import dev.entente.embedded.InMemoryOrganizationStore;
import dev.entente.embedded.Slf4jAuditSink;
import dev.entente.entra.AccessTokens;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraDirectory;
import dev.entente.entra.MsalAccessTokens;
import dev.entente.errors.ValidationException;
import dev.entente.live.LiveIndex;
import dev.entente.model.TenantId;
import dev.entente.observe.EntenteListener;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.DirectoryLookup;
import dev.entente.spi.HostTransactions;
import dev.entente.spi.OrganizationIndex;
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
 *       entente.postgres.migrate=false}) and a {@link LiveIndex} replica ({@code
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
 * {@link LiveIndex} when there is one; {@link HostTransactions} over Spring's transactions, which
 * the PostgreSQL store joins (R-LOG-4).
 */
@AutoConfiguration(after = EntentePostgresAutoConfiguration.class)
@EnableConfigurationProperties(EntenteProperties.class)
@Import({
  EntenteAutoConfiguration.EmbeddedStore.class,
  EntenteAutoConfiguration.Transactions.class,
  EntenteAutoConfiguration.EntraDiscovery.class,
  EntraSyncConfiguration.class
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
      EntenteProperties.Entra e = properties.getEntra();
      if (e.isManagedIdentity()) {
        return MsalAccessTokens.managedIdentity(Optional.ofNullable(e.getClientId()));
      }
      String secret = e.getClientSecret();
      String client = e.getClientId();
      java.nio.file.Path certificate = e.getClientCertificate();
      TenantId tenant = TenantId.of(String.valueOf(e.getTenantId())); // checked at binding
      String loginRoot = e.getLoginRoot();
      if (certificate != null && client != null) {
        String password = e.getClientCertificatePassword();
        try {
          return MsalAccessTokens.withPkcs12(
              e.getCloud(),
              tenant,
              client,
              certificate,
              password == null ? new char[0] : password.toCharArray(),
              loginRoot);
        } catch (ValidationException refused) {
          throw invalid(
              refused.field().equals("certificate")
                  ? "entente.entra.client-certificate"
                  : "entente.entra.login-root",
              refused.field().equals("certificate") ? certificate : loginRoot,
              refused);
        }
      }
      if (secret == null || client == null) {
        throw new InvalidConfigurationPropertyValueException(
            "entente.entra.client-secret",
            null,
            "Entra needs credentials: set entente.entra.client-id and entente.entra.client-secret"
                + " or entente.entra.client-certificate, or entente.entra.managed-identity=true, or"
                + " define an AccessTokens bean");
      }
      try {
        return loginRoot == null
            ? MsalAccessTokens.withSecret(e.getCloud(), tenant, client, secret)
            : MsalAccessTokens.withSecret(e.getCloud(), tenant, client, secret, loginRoot);
      } catch (ValidationException refused) {
        throw invalid("entente.entra.login-root", loginRoot, refused);
      }
    }

    @Bean
    @ConditionalOnMissingBean(Entra.class)
    Entra ententeEntra(EntenteProperties properties, AccessTokens tokens) {
      EntenteProperties.Entra e = properties.getEntra();
      Entra.Builder builder = Entra.builder(e.getCloud(), tokens);
      String graphRoot = e.getGraphRoot();
      if (graphRoot != null) {
        try {
          builder.graphRoot(graphRoot);
        } catch (ValidationException refused) {
          throw invalid("entente.entra.graph-root", graphRoot, refused);
        }
      }
      String loginRoot = e.getLoginRoot();
      if (loginRoot != null) {
        try {
          builder.loginRoot(e.getCloud(), loginRoot);
        } catch (ValidationException refused) {
          throw invalid("entente.entra.login-root", loginRoot, refused);
        }
      }
      return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(DirectoryLookup.class)
    EntraDirectory ententeDirectoryLookup(Entra entra, EntenteProperties properties) {
      return entra.directory(properties.getEntra().getDiscoveryTtl());
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
      ObjectProvider<LiveIndex> live,
      EntenteProperties properties) {
    return new EntenteLifecycle(
        new WriteGate(storeOf(stores)),
        live.getIfUnique(),
        properties.getShutdown().getWriteWait());
  }

  @Bean
  @ConditionalOnMissingBean
  Entente entente(
      EntenteLifecycle lifecycle,
      CollaborationRestrictions restrictions,
      ObjectProvider<DirectoryLookup> lookup,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ObjectProvider<EntenteListener> listeners,
      ApplicationEventPublisher events) {
    WriteGate gate = lifecycle.gate();
    Entente.Builder builder =
        withApplicationPorts(
                Entente.builder().store(gate).restrictions(restrictions),
                audit,
                guard,
                clock,
                events)
            .listener(Listeners.of(listeners.orderedStream().toList()));
    LiveIndex live = lifecycle.live();
    if (live != null) {
      builder.index(live); // decisions read the replica's memory
    } else if (gate.store() instanceof OrganizationIndex index) {
      builder.index(index); // a store that is its own index (the in-memory one)
    }
    lookup.ifUnique(builder::directoryLookup);
    return builder.build();
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
  }
}
