package dev.entente.spring;

import dev.entente.live.LiveIndex;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The actuator health of Entente ({@code /actuator/health/entente}, R-EMB-1). With a live replica:
 * DOWN when the database does not answer or the replica has stopped; OUT_OF_SERVICE when the
 * replica is more than {@code entente.health.max-lag} changes behind the store; UP otherwise. The
 * details say the store, the applied sequence, the lag and the threshold. Without a replica, UP
 * with the store's kind.
 */
public final class EntenteHealthIndicator extends AbstractHealthIndicator {
  private final String store;
  private final @Nullable LiveIndex live;
  private final long maxLag;

  /**
   * The indicator.
   *
   * @param store the kind of store Entente writes to: {@code postgres}, {@code in-memory}, or a
   *     class name
   * @param live the replica decisions read, if any
   * @param maxLag the largest lag that is UP
   */
  public EntenteHealthIndicator(String store, @Nullable LiveIndex live, long maxLag) {
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
    health.withDetail("appliedSequence", live.appliedSequence());
    health.withDetail("organizations", live.size());
    if (live.stopped()) {
      health.down().withDetail("replica", "stopped");
      return;
    }
    long lag = live.lag(); // asks the database: a failure is DOWN, with the exception
    health.withDetail("lag", lag).withDetail("maxLag", maxLag);
    if (lag > maxLag) {
      health.status(Status.OUT_OF_SERVICE);
    } else {
      health.up();
    }
  }
}
