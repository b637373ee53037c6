package dev.entente.spring;

import dev.entente.model.HostDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the invitation gates pulled from Entra ({@code ententeGates}): per directory, when
 * its gate was last pulled and why the last pull failed, if it did. DOWN while a directory has no
 * gate yet, since its decisions fail; UP when every directory has one, even if a later pull failed
 * (its decisions keep the gate pulled before, and the detail says so); UNKNOWN when no directory
 * pulls a gate.
 */
public final class EntraInvitationGatesHealthIndicator extends AbstractHealthIndicator {
  private final EntraInvitationGates gates;

  /**
   * The indicator.
   *
   * @param gates the pulled gates
   */
  public EntraInvitationGatesHealthIndicator(EntraInvitationGates gates) {
    super("Entente's invitation gates could not be described");
    this.gates = Objects.requireNonNull(gates, "gates");
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    Map<String, Object> each = new LinkedHashMap<>();
    boolean missing = false;
    for (HostDirectory d : gates.directories()) {
      Map<String, Object> details = new LinkedHashMap<>();
      gates.pulledAt(d).ifPresent(at -> details.put("pulledAt", at.toString()));
      gates.lastFailure(d).ifPresent(why -> details.put("lastFailure", why));
      missing |= gates.pulledAt(d).isEmpty();
      each.put(d.value(), details);
    }
    health.withDetail("directories", each);
    if (each.isEmpty()) {
      health.unknown(); // no directory pulls a gate
    } else if (missing) {
      health.down();
    } else {
      health.up();
    }
  }
}
