package dev.entente.spring;

import dev.entente.access.AccessDecision;
import dev.entente.access.ReasonCode;
import dev.entente.live.LiveDirectories;
import dev.entente.model.HostDirectory;
import dev.entente.observe.EntenteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Entente's Micrometer meters, fed by {@link EntenteListener} (R-EMB-1):
 *
 * <ul>
 *   <li>{@code entente.decisions} — decisions, by {@code outcome} ({@code eligible}, {@code
 *       refused}) and {@code reason} (the {@link AccessDecision#reason() deciding reason code});
 *   <li>{@code entente.writes.failed} — failed writes, by {@code operation} ({@code create}, {@code
 *       update}, {@code delete} …) and {@code kind} ({@code StaleVersion}, {@code
 *       IdentitySourceConflict}, {@code Validation}, {@code PortFailure} …);
 *   <li>{@code entente.replica.lag} (the worst over the loaded directories), {@code
 *       entente.replica.directories} (how many are loaded), {@code entente.replica.organizations}
 *       (how many organizations they hold) — gauges of the live replicas, when there are;
 *   <li>{@code entente.replica.propagation} — a timer of the delay from a change's commit to its
 *       application by this instance's replica.
 * </ul>
 *
 * <p>A decision costs one lock-free increment: a decision counter's series is registered the first
 * time its outcome and reason occur, and counts are kept in adders the registry reads. No meter is
 * tagged with its host directory unless {@code entente.metrics.directory-tag=true}: then the
 * decisions counter carries the tag {@code directory}, one series per directory, outcome and reason
 * (R-DIR-1).
 */
public final class EntenteMetrics implements EntenteListener, MeterBinder {
  private static final ReasonCode[] CODES = ReasonCode.values();

  private final Supplier<@Nullable LiveDirectories> live;
  private final boolean directoryTag;

  /** With the directory tag: each directory's counters, as {@link #decisions} is. */
  private final ConcurrentHashMap<HostDirectory, AtomicReferenceArray<@Nullable LongAdder>>
      byDirectory = new ConcurrentHashMap<>();

  /** Refused decisions at a reason's ordinal, eligible ones after them; null until first seen. */
  private final AtomicReferenceArray<@Nullable LongAdder> decisions =
      new AtomicReferenceArray<>(2 * CODES.length);

  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final List<Timer> propagation = new CopyOnWriteArrayList<>();

  /**
   * Meters of the replicas {@code live} gives, if any.
   *
   * @param live the live replicas, or null; asked when bound to a registry
   * @param directoryTag whether the decisions counter carries the tag {@code directory}
   */
  public EntenteMetrics(Supplier<@Nullable LiveDirectories> live, boolean directoryTag) {
    this.live = live;
    this.directoryTag = directoryTag;
  }

  @Override
  public void decided(AccessDecision decision) {
    count(decisions, null, decision);
  }

  @Override
  public void decided(HostDirectory directory, AccessDecision decision) {
    if (!directoryTag) {
      count(decisions, null, decision);
      return;
    }
    AtomicReferenceArray<@Nullable LongAdder> counts = byDirectory.get(directory);
    if (counts == null) {
      counts =
          byDirectory.computeIfAbsent(directory, d -> new AtomicReferenceArray<>(2 * CODES.length));
    }
    count(counts, directory, decision);
  }

  @SuppressWarnings("EnumOrdinal") // an index into this class's own table of every code
  private void count(
      AtomicReferenceArray<@Nullable LongAdder> counts,
      @Nullable HostDirectory directory,
      AccessDecision decision) {
    int i = (decision.eligible() ? CODES.length : 0) + decision.reason().ordinal();
    LongAdder count = counts.get(i);
    (count != null ? count : firstOf(counts, directory, i)).increment();
  }

  @Override
  public void writeFailed(String operation, RuntimeException failure) {
    for (MeterRegistry registry : registries) {
      Counter.builder("entente.writes.failed")
          .description("Writes of the management service that failed and changed nothing")
          .tag("operation", operation)
          .tag("kind", kind(failure))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void changeApplied(long sequence, Duration delay) {
    for (Timer timer : propagation) {
      timer.record(delay);
    }
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    registries.add(registry);
    for (int i = 0; i < decisions.length(); i++) {
      LongAdder count = decisions.get(i);
      if (count != null) {
        register(registry, null, i, count);
      }
    }
    byDirectory.forEach(
        (directory, counts) -> {
          for (int i = 0; i < counts.length(); i++) {
            LongAdder count = counts.get(i);
            if (count != null) {
              register(registry, directory, i, count);
            }
          }
        });
    propagation.add(
        Timer.builder("entente.replica.propagation")
            .description("From a change's commit to its application by this instance's replica")
            .register(registry));
    LiveDirectories replicas = live.get();
    if (replicas != null) {
      Gauge.builder("entente.replica.lag", replicas, EntenteMetrics::lag)
          .description(
              "Committed changes the most lagging loaded directory's replica has not applied yet;"
                  + " NaN when the store is unreachable")
          .baseUnit("changes")
          .register(registry);
      Gauge.builder("entente.replica.directories", replicas, r -> r.loadedDirectories().size())
          .description("Directories the replicas hold loaded")
          .register(registry);
      Gauge.builder("entente.replica.organizations", replicas, LiveDirectories::loadedOrganizations)
          .description("Organizations the replicas hold, over every loaded directory")
          .register(registry);
    }
  }

  /** The counter of decisions at {@code i}, registered with every registry the first time. */
  private synchronized LongAdder firstOf(
      AtomicReferenceArray<@Nullable LongAdder> counts, @Nullable HostDirectory directory, int i) {
    LongAdder count = counts.get(i);
    if (count == null) {
      count = new LongAdder();
      for (MeterRegistry registry : registries) {
        register(registry, directory, i, count);
      }
      counts.set(i, count);
    }
    return count;
  }

  private static void register(
      MeterRegistry registry, @Nullable HostDirectory directory, int i, LongAdder count) {
    FunctionCounter.Builder<LongAdder> counter =
        FunctionCounter.builder("entente.decisions", count, LongAdder::sum)
            .description("Access decisions, by outcome and deciding reason")
            .tag("outcome", i >= CODES.length ? "eligible" : "refused")
            .tag("reason", CODES[i % CODES.length].name());
    if (directory != null) {
      counter.tag("directory", directory.value());
    }
    counter.register(registry);
  }

  private static double lag(LiveDirectories replicas) {
    try {
      return replicas.worstLag();
    } catch (RuntimeException unreachable) {
      return Double.NaN;
    }
  }

  /** {@code StaleVersion} for a {@code StaleVersionException}, and so on. */
  static String kind(RuntimeException failure) {
    String name = failure.getClass().getSimpleName(); // empty for an anonymous class
    if (name.isEmpty()) {
      name = failure.getClass().getName();
    }
    String suffix = "Exception";
    return name.endsWith(suffix) && name.length() > suffix.length()
        ? name.substring(0, name.length() - suffix.length())
        : name;
  }
}
