package dev.entente.spring;

import dev.entente.live.LiveIndex;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops Entente with the application, after the web server has finished its requests (a lower phase
 * than the web server's) and before the pool closes (beans are destroyed after every lifecycle
 * stopped): it refuses new writes, waits for the writes in flight, then closes the live replica,
 * which returns its listening connection and stops its thread.
 */
final class EntenteLifecycle implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteLifecycle.class);

  /**
   * Below the web server's start-stop phase ({@code SmartLifecycle.DEFAULT_PHASE - 2048}): started
   * before requests arrive, stopped after the last one finished.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final WriteGate gate;
  private final @Nullable LiveIndex live;
  private final Duration writeWait;
  private volatile boolean running;

  /**
   * Stops writes through {@code gate}, then the replica.
   *
   * @param gate the store Entente writes through
   * @param live the replica decisions read, if any
   * @param writeWait how long stopping waits for writes in flight
   */
  EntenteLifecycle(WriteGate gate, @Nullable LiveIndex live, Duration writeWait) {
    this.gate = gate;
    this.live = live;
    this.writeWait = writeWait;
  }

  /** {@return the replica decisions read, if any} */
  @Nullable LiveIndex live() {
    return live;
  }

  /** {@return the store Entente writes through, which this stops} */
  WriteGate gate() {
    return gate;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    try {
      if (!gate.close(writeWait)) {
        LOG.warn(
            "Entente stopped with {} writes still running after {}; they may fail as the pool"
                + " closes",
            gate.inFlight(),
            writeWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (live != null) {
        live.close();
      }
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
