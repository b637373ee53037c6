package dev.entente.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a directory turns its own Entra sync on: {@code
 * entente.directories.<id>.sync.enabled=true}.
 */
final class OnDirectorySyncs extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, EntenteProperties.Entra> directories =
        Binder.get(context.getEnvironment())
            .bind(
                "entente.directories", Bindable.mapOf(String.class, EntenteProperties.Entra.class))
            .orElse(Map.of());
    for (Map.Entry<String, EntenteProperties.Entra> e : directories.entrySet()) {
      if (e.getValue().getSync().isEnabled()) {
        return ConditionOutcome.match("directory " + e.getKey() + " syncs with Entra");
      }
    }
    return ConditionOutcome.noMatch("no entente.directories.<id>.sync.enabled");
  }
}
