package dev.entente.entra;

import java.time.Duration;

/**
 * How the connection waits before a retry: {@code Thread::sleep} unless set; a test on virtual time
 * advances its clock instead.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits.
   *
   * @param duration how long, never negative
   * @throws InterruptedException when interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
