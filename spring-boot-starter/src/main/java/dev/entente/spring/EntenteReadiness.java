package dev.entente.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Puts the {@code entente} health indicator in the readiness group by default (R-EMB-2), beside
 * Spring Boot's own {@code readinessState}: a replica that lags or lost its database turns {@code
 * /actuator/health/readiness} OUT_OF_SERVICE or DOWN (503), so Kubernetes stops routing to that
 * instance while {@code /actuator/health/liveness} stays UP. A default only: an application that
 * sets {@code management.endpoint.health.group.readiness.include} itself decides (add {@code
 * entente} there); {@code entente.health.readiness=false} turns it off; nothing is added when the
 * probes or the indicator are turned off, or there is no actuator.
 */
final class EntenteReadiness implements EnvironmentPostProcessor {
  static final String INCLUDE = "management.endpoint.health.group.readiness.include";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!ClassUtils.isPresent(
            "org.springframework.boot.health.contributor.HealthIndicator",
            EntenteReadiness.class.getClassLoader())
        || !environment.getProperty("entente.health.readiness", Boolean.class, true)
        || !environment.getProperty(
            "management.endpoint.health.probes.enabled", Boolean.class, true)
        || !environment.getProperty(
            "management.health.entente.enabled",
            Boolean.class,
            environment.getProperty("management.health.defaults.enabled", Boolean.class, true))
        || environment.containsProperty(INCLUDE)) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource("entente-readiness", Map.of(INCLUDE, "readinessState,entente")));
  }
}
