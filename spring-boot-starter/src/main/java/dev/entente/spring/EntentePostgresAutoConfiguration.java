package dev.entente.spring;

import dev.entente.errors.ValidationException;
import dev.entente.live.LiveIndex;
import dev.entente.observe.EntenteListener;
import dev.entente.postgres.PostgresChangeFeed;
import dev.entente.postgres.PostgresOrganizationStore;
import dev.entente.postgres.PostgresSchema;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The PostgreSQL store on the application's one {@code DataSource}, its schema migrated at start-up
 * unless {@code entente.postgres.migrate=false}, and its {@link LiveIndex} replica, started with
 * the context and closed before the pool ({@code entente.replica.*}). Runs before {@link
 * EntenteAutoConfiguration}, whose in-memory store is the fallback.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    before = EntenteAutoConfiguration.class)
@ConditionalOnClass(PostgresOrganizationStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "entente.postgres.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EntenteProperties.class)
public class EntentePostgresAutoConfiguration {
  /** Made by Spring. */
  public EntentePostgresAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(OrganizationStore.class)
  PostgresOrganizationStore ententePostgresStore(
      DataSource dataSource, EntenteProperties properties) {
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
    return PostgresOrganizationStore.of(dataSource, schema).withWriteTimeout(p.getWriteTimeout());
  }

  /** Declared after the store: a condition sees only the beans declared before it. */
  @Bean(destroyMethod = "close")
  @ConditionalOnBean(PostgresOrganizationStore.class)
  @ConditionalOnMissingBean(LiveIndex.class)
  @ConditionalOnBooleanProperty(name = "entente.replica.enabled", matchIfMissing = true)
  LiveIndex ententeLiveIndex(
      PostgresOrganizationStore store,
      EntenteProperties properties,
      ObjectProvider<EntenteListener> listeners,
      ObjectProvider<Clock> clock) {
    EntenteProperties.Replica r = properties.getReplica();
    return LiveIndex.builder(PostgresChangeFeed.of(store).withNotifications(r.isListen()))
        .pollInterval(r.getPollInterval())
        .clock(clock.getIfUnique(Clock::systemUTC))
        .listener(EntenteAutoConfiguration.Listeners.of(listeners.orderedStream().toList()))
        .start();
  }
}
