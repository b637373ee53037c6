package dev.entente.embedded;

import dev.entente.spi.AuditEvent;
import dev.entente.spi.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditSink} (R-MGT-6): one INFO line per change on the logger {@value #LOGGER},
 * through SLF4J. Entente ships no SLF4J binding; the host's decides where it goes.
 */
public final class Slf4jAuditSink implements AuditSink {
  /** The logger name. */
  public static final String LOGGER = "dev.entente.audit";

  private final Logger log;

  /** A sink logging to {@value #LOGGER}; the logger is looked up here, not when the class loads. */
  public Slf4jAuditSink() {
    this.log = LoggerFactory.getLogger(LOGGER);
  }

  @Override
  public void record(AuditEvent event) {
    log.info("{}", event.summary());
  }
}
