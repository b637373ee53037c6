package dev.entente.spring;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.embedded.InMemorySyncLedger;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSync;
import dev.entente.errors.ValidationException;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.OrganizationStore;
import dev.entente.spi.SyncLedger;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The incremental sync of the tenant's connected organizations into the store (R-ENT-5), when
 * {@code entente.entra.sync.enabled=true}: with the PostgreSQL store, a {@code PostgresSyncLedger}
 * beside its tables and a store of the sync's own whose writes join the ledger's transactions (they
 * reach the replica through the change log, and the application's {@link AuditSink} and events as
 * every write does); else the application's {@link SyncLedger} bean, or one in memory for a single
 * instance. Rounds start with the application and stop before Entente does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.entente.entra.EntraSync")
@ConditionalOnBooleanProperty(name = "entente.entra.sync.enabled")
class EntraSyncConfiguration {
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(EntraSync.class)
  EntraSync ententeEntraSync(
      ObjectProvider<Entra> entra,
      EntenteProperties properties,
      Entente entente,
      ObjectProvider<SyncLedger> ledgers,
      @Qualifier("ententePostgresStore") ObjectProvider<OrganizationStore> postgres,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ApplicationEventPublisher events) {
    Entra connection = entra.getIfUnique();
    if (connection == null) {
      throw new InvalidConfigurationPropertyValueException(
          "entente.entra.sync.enabled",
          true,
          "the sync needs a tenant: set entente.entra.tenant-id and its credentials");
    }
    return build(
        connection,
        "entente.entra",
        properties.getEntra().getSync(),
        entente,
        ledgers.getIfUnique(),
        postgres.getIfUnique(),
        audit,
        guard,
        clock,
        events);
  }

  /**
   * The sync of {@code connection}'s tenant into its directory: with the PostgreSQL store, a ledger
   * beside its tables in that directory and a store of the sync's own whose writes join the
   * ledger's transactions; else {@code ledger}, or one in memory.
   */
  static EntraSync build(
      Entra connection,
      String prefix,
      EntenteProperties.Sync settings,
      Entente entente,
      @Nullable SyncLedger ledger,
      @Nullable OrganizationStore database,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ApplicationEventPublisher events) {
    // The connection's directory, named: the sync runs outside any request (R-DIR-1).
    ConnectedOrganizations organizations =
        entente.directory(connection.hostDirectory()).organizations();
    if (ledger == null && database != null) {
      PostgresSyncTarget target =
          PostgresSyncTarget.beside(database, connection.hostDirectory(), settings.getName());
      ledger = target.ledger();
      organizations =
          EntenteAutoConfiguration.withApplicationPorts(
                  Entente.builder().store(target.store()), audit, guard, clock, events)
              .build()
              .organizations();
    } else if (ledger == null) {
      ledger = InMemorySyncLedger.create(clock.getIfUnique(Clock::systemUTC));
    }
    EntraSync.Builder sync =
        EntraSync.builder(connection, organizations, ledger)
            .reconcileEvery(settings.getReconcileEvery());
    String holder = settings.getHolder();
    if (holder != null) {
      try {
        sync.holder(holder);
      } catch (ValidationException refused) {
        throw EntenteAutoConfiguration.invalid(prefix + ".sync.holder", holder, refused);
      }
    }
    return sync.build();
  }

  @Bean
  EntraSyncRunner ententeEntraSyncRunner(EntraSync sync, EntenteProperties properties) {
    return new EntraSyncRunner(sync, properties.getEntra().getSync().getInterval());
  }

  /** Starts the rounds with the application; stops them before Entente's own lifecycle stops. */
  static final class EntraSyncRunner implements SmartLifecycle {
    private final EntraSync sync;
    private final java.time.Duration interval;
    private volatile boolean running;

    EntraSyncRunner(EntraSync sync, java.time.Duration interval) {
      this.sync = sync;
      this.interval = interval;
    }

    @Override
    public void start() {
      sync.start(interval);
      running = true;
    }

    @Override
    public void stop() {
      sync.close();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /** Above Entente's phase: started after it, stopped before it. */
    @Override
    public int getPhase() {
      return EntenteLifecycle.PHASE + 1;
    }
  }
}
