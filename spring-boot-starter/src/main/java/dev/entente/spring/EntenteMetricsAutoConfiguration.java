package dev.entente.spring;

import dev.entente.live.LiveDirectories;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Entente's Micrometer meters ({@link EntenteMetrics}), when the application has Micrometer; they
 * are bound to its registry by Spring Boot. Turn them off with {@code
 * management.metrics.enable.entente=false}.
 */
@AutoConfiguration(before = EntenteAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(EntenteProperties.class)
@Conditional(SupportedSpringBoot.class)
public class EntenteMetricsAutoConfiguration {
  /** Made by Spring. */
  public EntenteMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  EntenteMetrics ententeMetrics(
      ObjectProvider<LiveDirectories> live, EntenteProperties properties) {
    return new EntenteMetrics(live::getIfUnique, properties.getMetrics().isDirectoryTag());
  }
}
