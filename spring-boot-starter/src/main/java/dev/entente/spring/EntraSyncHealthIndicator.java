package dev.entente.spring;

import dev.entente.entra.EntraSync;
import dev.entente.entra.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the Entra sync (R-ENT-5): the last round, its age, and whether the audit log can be
 * read. UNKNOWN before the first round; DOWN when the last round failed or no round ended for three
 * intervals (and a minute); UP otherwise, a standby instance (another holds the lease) too. It is
 * not part of readiness: a stale sync does not stop decisions.
 */
public final class EntraSyncHealthIndicator extends AbstractHealthIndicator {
  private final EntraSync sync;
  private final Duration interval;
  private final Clock clock;

  /**
   * The indicator.
   *
   * @param sync the sync
   * @param interval the time between its rounds
   * @param clock the clock its rounds' ages are judged by
   */
  public EntraSyncHealthIndicator(EntraSync sync, Duration interval, Clock clock) {
    super("Entente's Entra sync could not be described");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    health.withDetail("holder", sync.holder());
    health.withDetail("auditLogReadable", sync.auditLogReadable());
    Optional<String> failure = sync.lastFailure();
    Optional<SyncReport> last = sync.lastRound();
    if (last.isEmpty()) {
      failure.ifPresentOrElse(
          f -> health.down().withDetail("lastFailure", f), () -> health.unknown());
      return;
    }
    SyncReport round = last.get();
    Duration age = Duration.between(round.startedAt(), clock.instant());
    health
        .withDetail("lastRound", round.round().name())
        .withDetail("lastRoundAt", round.startedAt().toString())
        .withDetail("lastRoundAge", age.toString());
    if (round.round() == SyncReport.Round.NOT_HOLDER) {
      health.withDetail("role", "standby: another instance holds the lease");
    }
    if (failure.isPresent()) {
      health.down().withDetail("lastFailure", failure.get());
    } else if (age.compareTo(interval.multipliedBy(3).plusMinutes(1)) > 0) {
      health.down().withDetail("stale", "no round ended for " + age);
    } else {
      health.up();
    }
  }
}
