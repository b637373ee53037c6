package dev.entente.spring;

import dev.entente.entra.EntraSync;
import dev.entente.model.HostDirectory;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/**
 * The Entra syncs of the host directories that turn theirs on ({@code
 * entente.directories.<id>.sync.enabled=true}), each of its directory's tenant into that directory
 * only (R-DIR-1, R-ENT-5): started with the application, after Entente, and stopped before it.
 * Health {@code ententeDirectorySyncs} tells each one's last round.
 */
public final class EntraDirectorySyncs implements SmartLifecycle, AutoCloseable {
  private final Map<HostDirectory, EntraSync> syncs;
  private final Map<HostDirectory, Duration> intervals;
  private volatile boolean running;

  EntraDirectorySyncs(Map<HostDirectory, EntraSync> syncs, Map<HostDirectory, Duration> intervals) {
    this.syncs = Collections.unmodifiableMap(new LinkedHashMap<>(syncs));
    this.intervals = Map.copyOf(intervals);
  }

  /** {@return each directory's sync, by directory} */
  public Map<HostDirectory, EntraSync> syncs() {
    return syncs;
  }

  /** {@return the time between the rounds of {@code directory}'s sync} */
  Duration interval(HostDirectory directory) {
    return intervals.getOrDefault(directory, Duration.ofMinutes(1));
  }

  @Override
  public void start() {
    syncs.forEach((directory, sync) -> sync.start(interval(directory)));
    running = true;
  }

  @Override
  public void stop() {
    close();
  }

  @Override
  public void close() {
    syncs.values().forEach(EntraSync::close);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Above Entente's phase: started after it, stopped before it. */
  @Override
  public int getPhase() {
    return EntenteLifecycle.PHASE + 1;
  }
}
