package dev.entente.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ProblemDetail;

/**
 * Entente's exceptions as problem details ({@link EntenteProblemDetails}) in a Spring MVC or
 * WebFlux application, unless {@code entente.web.problem-details=false} (R-EMB-2).
 */
@AutoConfiguration(after = EntenteAutoConfiguration.class)
@Conditional(SupportedSpringBoot.class)
@ConditionalOnWebApplication
@ConditionalOnClass(ProblemDetail.class)
@ConditionalOnBooleanProperty(name = "entente.web.problem-details", matchIfMissing = true)
public class EntenteWebAutoConfiguration {
  /** Made by Spring. */
  public EntenteWebAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  EntenteProblemDetails ententeProblemDetails() {
    return new EntenteProblemDetails();
  }
}
