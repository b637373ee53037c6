package dev.entente.spi;

/**
 * Receives one {@link AuditEvent} for every successful change (R-MGT-6). Entente's default logs
 * through SLF4J. Called after the write, on the writing thread; an exception from the sink is
 * logged and does not undo the change.
 */
@FunctionalInterface
public interface AuditSink {
  /**
   * Records one event.
   *
   * @param event the event
   */
  void record(AuditEvent event);
}
