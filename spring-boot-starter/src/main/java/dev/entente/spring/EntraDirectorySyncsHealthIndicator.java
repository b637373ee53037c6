package dev.entente.spring;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of each host directory's own Entra sync ({@code ententeDirectorySyncs}): per
 * directory, what {@link EntraSyncHealthIndicator} says of its sync; DOWN when any is DOWN, UP when
 * the others are UP, UNKNOWN before any round ended. Not part of readiness, as a stale sync does
 * not stop decisions.
 */
public final class EntraDirectorySyncsHealthIndicator extends AbstractHealthIndicator {
  private final EntraDirectorySyncs syncs;
  private final Clock clock;

  /**
   * The indicator.
   *
   * @param syncs the directories' syncs
   * @param clock the clock their rounds' ages are judged by
   */
  public EntraDirectorySyncsHealthIndicator(EntraDirectorySyncs syncs, Clock clock) {
    super("Entente's directory syncs could not be described");
    this.syncs = Objects.requireNonNull(syncs, "syncs");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    Map<String, Object> each = new LinkedHashMap<>();
    boolean down = false;
    boolean up = false;
    for (var entry : syncs.syncs().entrySet()) {
      Health one =
          Objects.requireNonNull(
              new EntraSyncHealthIndicator(entry.getValue(), syncs.interval(entry.getKey()), clock)
                  .health(true),
              "a health indicator's health");
      down |= Status.DOWN.equals(one.getStatus());
      up |= Status.UP.equals(one.getStatus());
      Map<String, Object> details = new LinkedHashMap<>(one.getDetails());
      details.put("status", one.getStatus().getCode());
      each.put(entry.getKey().value(), details);
    }
    health.withDetail("directories", each);
    if (down) {
      health.down();
    } else if (up) {
      health.up();
    } else {
      health.unknown();
    }
  }
}
