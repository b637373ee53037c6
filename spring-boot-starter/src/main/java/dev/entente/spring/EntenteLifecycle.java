package dev.entente.spring;

import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops Entente with the application, after the web server has finished its requests (a lower phase
 * than the web server's) and before the pool closes (beans are destroyed after every lifecycle
 * stopped): it refuses new writes, waits for the writes in flight, then closes the live replicas,
 * which return their listening connection and stop their threads.
 */
final class EntenteLifecycle implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EntenteLifecycle.class);

  /**
   * Below the web server's start-stop phase ({@code SmartLifecycle.DEFAULT_PHASE - 2048}): started
   * before requests arrive, stopped after the last one finished.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final WriteGate gate;
  private final @Nullable LiveDirectories live;
  private final Duration writeWait;
  private volatile boolean running;

  /**
   * Stops writes through {@code gate}, then the replica.
   *
   * @param gate the store Entente writes through
   * @param live the replicas decisions read, if any
   * @param writeWait how long stopping waits for writes in flight
   */
  EntenteLifecycle(WriteGate gate, @Nullable LiveDirectories live, Duration writeWait) {
    this(gate, live, writeWait, null);
  }

  /**
   * Also loads {@code warm}'s replica as the application starts, when it is not null: the fixed
   * directory's, so that its first request reads memory at once and health reports its lag.
   */
  EntenteLifecycle(
      WriteGate gate,
      @Nullable LiveDirectories live,
      Duration writeWait,
      @Nullable HostDirectory warm) {
    this.gate = gate;
    this.live = live;
    this.writeWait = writeWait;
    this.warm = warm;
  }

  private final @Nullable HostDirectory warm;

  /** How long the start waits for the fixed directory's load, beyond the load's own timeout. */
  private static final Duration WARM_UP = Duration.ofMinutes(1);

  /** {@return the replicas decisions read, if any} */
  @Nullable LiveDirectories live() {
    return live;
  }

  /** {@return the store Entente writes through, which this stops} */
  WriteGate gate() {
    return gate;
  }

  @Override
  public void start() {
    LiveDirectories replicas = live;
    HostDirectory first = warm;
    if (replicas != null && first != null) {
      try {
        // Loads it (a sequence 0 is applied once loaded), or fails the start with the reason.
        replicas.awaitSequence(first, 0, WARM_UP);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
