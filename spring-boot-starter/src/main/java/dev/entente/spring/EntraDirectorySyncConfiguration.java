package dev.entente.spring;

import dev.entente.Entente;
import dev.entente.entra.Entra;
import dev.entente.entra.EntraSync;
import dev.entente.errors.ValidationException;
import dev.entente.model.HostDirectory;
import dev.entente.spi.AuditSink;
import dev.entente.spi.DeleteGuard;
import dev.entente.spi.OrganizationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * One Entra sync per host directory that turns its own on ({@code
 * entente.directories.<id>.sync.enabled=true}), each of that directory's tenant into that directory
 * (R-DIR-1, R-ENT-5), its ledger beside the PostgreSQL store in that directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.entente.entra.EntraSync")
@Conditional(OnDirectorySyncs.class)
class EntraDirectorySyncConfiguration {
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  EntraDirectorySyncs ententeEntraDirectorySyncs(
      EntraConnections connections,
      EntenteProperties properties,
      Entente entente,
      @Qualifier("ententePostgresStore") ObjectProvider<OrganizationStore> postgres,
      ObjectProvider<AuditSink> audit,
      ObjectProvider<DeleteGuard> guard,
      ObjectProvider<Clock> clock,
      ApplicationEventPublisher events) {
    Map<HostDirectory, EntraSync> syncs = new LinkedHashMap<>();
    Map<HostDirectory, Duration> intervals = new LinkedHashMap<>();
    try {
      properties
          .getDirectories()
          .forEach(
              (id, settings) -> {
                if (!settings.getSync().isEnabled()) {
                  return;
                }
                String prefix = "entente.directories." + id;
                HostDirectory directory;
                try {
                  directory = HostDirectory.of(id);
                } catch (ValidationException e) {
                  throw EntenteAutoConfiguration.invalid(prefix, id, e);
                }
                Entra connection =
                    connections
                        .connection(directory)
                        .orElseThrow(
                            () ->
                                new InvalidConfigurationPropertyValueException(
                                    prefix + ".sync.enabled",
                                    true,
                                    "the sync needs the directory's tenant: set "
                                        + prefix
                                        + ".tenant-id and its credentials"));
                syncs.put(
                    directory,
                    EntraSyncConfiguration.build(
                        connection,
                        prefix,
                        settings.getSync(),
                        entente,
                        null,
                        postgres.getIfUnique(),
                        audit,
                        guard,
                        clock,
                        events));
                intervals.put(directory, settings.getSync().getInterval());
              });
    } catch (RuntimeException e) {
      syncs.values().forEach(EntraSync::close); // none left running on a failed start
      throw e;
    }
    return new EntraDirectorySyncs(syncs, intervals);
  }
}
