package dev.entente.spring;

import dev.entente.live.LiveDirectories;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The actuator health of Entente ({@code /actuator/health/entente}, R-EMB-1). With live replicas:
 * DOWN when the database does not answer or the replicas have stopped; OUT_OF_SERVICE when the
 * replica of any loaded directory is more than {@code entente.health.max-lag} changes behind the
 * store; UP otherwise. The details say the store, how many directories are loaded with how many
 * organizations, the worst lag over them (R-DIR-3) and the threshold. Without replicas, UP with the
 * store's kind.
 */
public final class EntenteHealthIndicator extends AbstractHealthIndicator {
  private final String store;
  private final @Nullable LiveDirectories live;
  private final long maxLag;

  /**
   * The indicator.
   *
   * @param store the kind of store Entente writes to: {@code postgres}, {@code in-memory}, or a
   *     class name
   * @param live the replicas decisions read, if any
   * @param maxLag the largest lag that is UP
   */
  public EntenteHealthIndicator(String store, @Nullable LiveDirectories live, long maxLag) {
    super("Entente's store could not be reached");
    this.store = java.util.Objects.requireNonNull(store, "store");
    this.live = live;
    this.maxLag = maxLag;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    health.withDetail("store", store);
    if (live == null) {
      health.up();
      return;
    }
    health.withDetail("loadedDirectories", live.loadedDirectories().size());
    health.withDetail("organizations", live.loadedOrganizations());
    if (live.stopped()) {
      health.down().withDetail("replica", "stopped");
      return;
    }
    // The worst over the loaded directories, in one query: a failure is DOWN, with the exception.
    long lag = live.worstLag();
    health.withDetail("lag", lag).withDetail("maxLag", maxLag);
    if (lag > maxLag) {
      health.status(Status.OUT_OF_SERVICE);
    } else {
      health.up();
    }
  }
}
