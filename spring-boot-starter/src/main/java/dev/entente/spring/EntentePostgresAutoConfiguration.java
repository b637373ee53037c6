package dev.entente.spring;

import dev.entente.errors.ValidationException;
import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import dev.entente.observe.EntenteListener;
import dev.entente.postgres.PostgresChangeFeeds;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.HostTransactions;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;

/**
 * The PostgreSQL store on the {@code DataSource} marked {@link EntenteDataSource}, or else the
 * application's one {@code DataSource}; its schema migrated at start-up unless {@code
 * entente.postgres.migrate=false}; joining the application's transactions ({@link
 * SpringTransactions}, R-LOG-4); and its {@link LiveDirectories} replicas, started with the context
 * and closed before the pool ({@code entente.replica.*}), whose view of the default directory is
 * the application's {@code OrganizationStore} bean (R-EMB-2: one bean a role). Runs after Spring
 * Boot's {@code DataSource} auto-configuration and before {@link EntenteAutoConfiguration}, whose
 * in-memory store is the fallback when there is no data source.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
    },
    before = EntenteAutoConfiguration.class)
@ConditionalOnClass(PostgresOrganizationStore.class)
@ConditionalOnBooleanProperty(name = "entente.postgres.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EntenteProperties.class)
@Conditional({
  SupportedSpringBoot.class,
  EntentePostgresAutoConfiguration.OnEntenteDataSource.class
})
public class EntentePostgresAutoConfiguration {
  /** Made by Spring. */
  public EntentePostgresAutoConfiguration() {}

  /** A data source marked {@link EntenteDataSource}, or one data source to use. */
  static final class OnEntenteDataSource extends AnyNestedCondition {
    OnEntenteDataSource() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(annotation = EntenteDataSource.class)
    static final class Marked {}

    @ConditionalOnSingleCandidate(DataSource.class)
    static final class Single {}
  }

  /**
   * The database store. Reachable by its type or {@code @Qualifier("ententePostgresStore")}; the
   * {@code OrganizationStore} an application injects is the replica's view, which reads its own
   * writes.
   */
  @Bean
  @ConditionalOnMissingBean(OrganizationStore.class)
  PostgresOrganizationStore ententePostgresStore(
      @EntenteDataSource ObjectProvider<DataSource> own,
      ObjectProvider<DataSource> dataSources,
      EntenteProperties properties,
      ObjectProvider<HostTransactions> transactions) {
    DataSource dataSource = own.getIfAvailable(dataSources::getIfUnique);
    if (dataSource == null) {
      throw new IllegalStateException(
          "Entente found several DataSource beans and none marked @Primary or @EntenteDataSource");
    }
    EntenteProperties.Postgres p = properties.getPostgres();
    PostgresSchema schema;
    try {
      schema = PostgresSchema.named(p.getSchema());
    } catch (ValidationException e) {
      throw EntenteAutoConfiguration.invalid("entente.postgres.schema", p.getSchema(), e);
    }
    if (p.isMigrate()) {
      schema.migrateIn(dataSource);
    }
    return PostgresOrganizationStore.of(dataSource, schema)
        .withWriteTimeout(p.getWriteTimeout())
        .joining(transactions.getIfAvailable(HostTransactions::none));
  }

  /**
   * The replicas of the store's directories, each loaded at its first use and kept fresh from its
   * change log over one listening connection (R-DIR-3). Declared after the store: a condition sees
   * only the beans declared before it.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnBean(PostgresOrganizationStore.class)
  @ConditionalOnMissingBean(LiveDirectories.class)
  @ConditionalOnBooleanProperty(name = "entente.replica.enabled", matchIfMissing = true)
  LiveDirectories ententeReplicas(
      PostgresOrganizationStore store,
      EntenteProperties properties,
      ObjectProvider<EntenteListener> listeners,
      ObjectProvider<Clock> clock) {
    EntenteProperties.Replica r = properties.getReplica();
    return LiveDirectories.builder(PostgresChangeFeeds.of(store).withNotifications(r.isListen()))
        .pollInterval(r.getPollInterval())
        .maxOrganizations(r.getMaxOrganizations())
        .clock(clock.getIfUnique(Clock::systemUTC))
        .listener(EntenteAutoConfiguration.Listeners.of(listeners.orderedStream().toList()))
        .start();
  }

  /**
   * The store an application injects: the default directory's view of the replicas, which writes
   * through the database store and reads its own writes (R-IDX-2); any other directory's through it
   * ({@code OrganizationStores.inDirectory}).
   */
  @Bean
  @Primary
  @ConditionalOnBean(LiveDirectories.class)
  OrganizationStore ententeStore(LiveDirectories live, PostgresOrganizationStore store) {
    return new ReplicaStores(live, store, HostDirectory.DEFAULT);
  }
}
