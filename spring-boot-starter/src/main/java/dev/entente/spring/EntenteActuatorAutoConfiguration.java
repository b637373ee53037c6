package dev.entente.spring;

import dev.entente.spi.OrganizationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Entente's actuator parts, when the application has the actuator: the health indicator {@code
 * entente} ({@code management.health.entente.enabled}) and the info contributor ({@code
 * management.info.entente.enabled}).
 */
@AutoConfiguration(after = EntenteAutoConfiguration.class)
@ConditionalOnBean(EntenteLifecycle.class)
@Import({
  EntenteActuatorAutoConfiguration.HealthPart.class,
  EntenteActuatorAutoConfiguration.EntraSyncHealthPart.class,
  EntenteActuatorAutoConfiguration.InfoPart.class
})
@Conditional(SupportedSpringBoot.class)
public class EntenteActuatorAutoConfiguration {
  /** Made by Spring. */
  public EntenteActuatorAutoConfiguration() {}

  /** The health indicator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("entente")
  static class HealthPart {
    @Bean
    @ConditionalOnMissingBean(name = "ententeHealthIndicator")
    EntenteHealthIndicator ententeHealthIndicator(
        ObjectProvider<OrganizationStore> stores,
        EntenteLifecycle lifecycle,
        EntenteProperties properties) {
      return new EntenteHealthIndicator(
          StoreKind.of(stores), lifecycle.live(), properties.getHealth().getMaxLag());
    }
  }

  /** The Entra sync's health, when the sync runs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "dev.entente.entra.EntraSync"
      })
  @ConditionalOnBean(type = "dev.entente.entra.EntraSync")
  @ConditionalOnEnabledHealthIndicator("entente")
  static class EntraSyncHealthPart {
    @Bean
    @ConditionalOnMissingBean(name = "ententeEntraSyncHealthIndicator")
    EntraSyncHealthIndicator ententeEntraSyncHealthIndicator(
        dev.entente.entra.EntraSync sync,
        EntenteProperties properties,
        ObjectProvider<java.time.Clock> clock) {
      return new EntraSyncHealthIndicator(
          sync,
          properties.getEntra().getSync().getInterval(),
          clock.getIfUnique(java.time.Clock::systemUTC));
    }
  }

  /** The health of each directory's own Entra sync, when one runs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "dev.entente.entra.EntraSync"
      })
  @ConditionalOnBean(EntraDirectorySyncs.class)
  @ConditionalOnEnabledHealthIndicator("entente")
  static class DirectorySyncsHealthPart {
    @Bean
    @ConditionalOnMissingBean(name = "ententeDirectorySyncsHealthIndicator")
    EntraDirectorySyncsHealthIndicator ententeDirectorySyncsHealthIndicator(
        EntraDirectorySyncs syncs, ObjectProvider<java.time.Clock> clock) {
      return new EntraDirectorySyncsHealthIndicator(
          syncs, clock.getIfUnique(java.time.Clock::systemUTC));
    }
  }

  /** The health of the invitation gates pulled from Entra, when any directory pulls one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "dev.entente.entra.Entra"
      })
  @ConditionalOnBean(EntraInvitationGates.class)
  @ConditionalOnEnabledHealthIndicator("entente")
  static class GatesHealthPart {
    @Bean
    @ConditionalOnMissingBean(name = "ententeGatesHealthIndicator")
    EntraInvitationGatesHealthIndicator ententeGatesHealthIndicator(EntraInvitationGates gates) {
      return new EntraInvitationGatesHealthIndicator(gates);
    }
  }

  /** The info contributor. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(InfoContributor.class)
  @ConditionalOnBooleanProperty(name = "management.info.entente.enabled", matchIfMissing = true)
  static class InfoPart {
    @Bean
    @ConditionalOnMissingBean
    EntenteInfoContributor ententeInfoContributor(
        ObjectProvider<OrganizationStore> stores, EntenteLifecycle lifecycle) {
      return new EntenteInfoContributor(StoreKind.of(stores), lifecycle.live());
    }
  }
}
