package dev.entente.spring;

import dev.entente.access.CollaborationRestrictions;
import dev.entente.access.InvitationGate;
import dev.entente.entra.Entra;
import dev.entente.model.HostDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;

/**
 * Each configured directory's invitation gate, pulled from its Entra tenant when the application
 * starts and every {@code gate.refresh} after (docs/rules.md §12, R-XTA-3). A failed pull keeps the
 * gate pulled before and is logged at WARN; a directory whose first pull has not succeeded fails
 * its decisions, so that the gate is never skipped. A class of its own, so that the starter loads
 * {@code entente-entra} only when it is there.
 */
public final class EntraInvitationGates implements InvitationGates, SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EntraInvitationGates.class);

  /** What one directory pulls, and how often. */
  record Source(Entra connection, Duration refresh, boolean domainList) {}

  /** A gate and when it was pulled. */
  record Pulled(InvitationGate gate, Instant at) {}

  private final Map<HostDirectory, Source> sources;
  private final CollaborationRestrictions restrictions;
  private final Map<HostDirectory, Pulled> pulled = new ConcurrentHashMap<>();
  private final Map<HostDirectory, String> failures = new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService timer;
  private final java.util.List<java.util.concurrent.ScheduledFuture<?>> rounds =
      new java.util.ArrayList<>();

  EntraInvitationGates(Map<HostDirectory, Source> sources, CollaborationRestrictions restrictions) {
    this.sources = new LinkedHashMap<>(sources);
    this.restrictions = restrictions;
  }

  @Override
  public Optional<InvitationGate> gate(HostDirectory directory) {
    if (!sources.containsKey(directory)) {
      return Optional.empty();
    }
    Pulled p = pulled.get(directory);
    if (p == null) {
      throw new IllegalStateException(
          "the invitation gate of directory "
              + directory
              + " has not been pulled from Entra yet"
              + Optional.ofNullable(failures.get(directory)).map(f -> " (" + f + ")").orElse("")
              + "; decisions there wait for it rather than skip it");
    }
    return Optional.of(p.gate());
  }

  /** {@return the directories whose gates are pulled, in configuration order} */
  public java.util.Set<HostDirectory> directories() {
    return java.util.Collections.unmodifiableSet(sources.keySet());
  }

  /**
   * {@return why {@code directory}'s last pull failed, when it did}
   *
   * @param directory the directory
   */
  public Optional<String> lastFailure(HostDirectory directory) {
    return Optional.ofNullable(failures.get(directory));
  }

  /**
   * {@return when {@code directory}'s gate was last pulled, if it was}
   *
   * @param directory the directory
   */
  public Optional<Instant> pulledAt(HostDirectory directory) {
    return Optional.ofNullable(pulled.get(directory)).map(Pulled::at);
  }

  /**
   * Pulls {@code directory}'s gate now.
   *
   * @param directory a directory whose gate is pulled
   * @return whether the pull succeeded
   */
  public boolean pull(HostDirectory directory) {
    Source source = sources.get(directory);
    if (source == null) {
      throw new IllegalArgumentException("no gate is pulled for directory " + directory);
    }
    try {
      InvitationGate gate =
          source.domainList()
              ? source.connection().pullInvitationGate()
              : InvitationGate.of(restrictions, source.connection().pullCrossTenantAccess());
      pulled.put(directory, new Pulled(gate, Instant.now()));
      failures.remove(directory);
      return true;
    } catch (RuntimeException e) {
      failures.put(directory, String.valueOf(e.getMessage()));
      LOG.warn(
          "Pulling the invitation gate of directory {} failed; {}",
          directory,
          pulled.containsKey(directory)
              ? "decisions keep the gate pulled before"
              : "its decisions fail until a pull succeeds",
          e);
      return false;
    }
  }

  @Override
  public synchronized void start() {
    if (timer != null || sources.isEmpty()) {
      return;
    }
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "entente-gate-pull");
              thread.setDaemon(true);
              return thread;
            });
    sources.forEach(
        (directory, source) -> {
          pull(directory); // the first pull before the application serves
          long every = source.refresh().toMillis();
          // pull() catches what a pull throws, so the schedule never ends of itself
          rounds.add(
              t.scheduleWithFixedDelay(() -> pull(directory), every, every, TimeUnit.MILLISECONDS));
        });
    timer = t;
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      rounds.forEach(r -> r.cancel(true));
      rounds.clear();
      t.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  /**
   * What each directory whose {@code gate.enabled} is set pulls from: the default directory's
   * connection ({@code entente.entra.*}) or its own ({@code entente.directories.<id>.*}). A gate
   * enabled without a connection fails the start, naming what to set: never skipped in silence.
   */
  static Map<HostDirectory, Source> sources(
      @Nullable Entra home, EntenteProperties properties, EntraConnections connections) {
    Map<HostDirectory, Source> out = new LinkedHashMap<>();
    EntenteProperties.Gate gate = properties.getEntra().getGate();
    if (gate.isEnabled()) {
      out.put(HostDirectory.DEFAULT, source(home, "entente.entra", gate));
    }
    properties
        .getDirectories()
        .forEach(
            (id, settings) -> {
              HostDirectory d = HostDirectory.of(id); // checked by EntraConnections.of
              if (settings.getGate().isEnabled()) {
                out.put(
                    d,
                    source(
                        connections.connection(d).orElse(null),
                        "entente.directories." + id,
                        settings.getGate()));
              }
            });
    return out;
  }

  private static Source source(
      @Nullable Entra connection, String prefix, EntenteProperties.Gate gate) {
    if (connection == null) {
      throw new InvalidConfigurationPropertyValueException(
          prefix + ".gate.enabled",
          true,
          "the gate is pulled from the directory's tenant: set "
              + prefix
              + ".tenant-id and its credentials");
    }
    return new Source(connection, gate.getRefresh(), gate.isDomainList());
  }
}
