package dev.entente.spring;

import dev.entente.access.AccessDecision;
import dev.entente.access.ReasonCode;
import dev.entente.live.LiveIndex;
import dev.entente.observe.EntenteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
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
 *   <li>{@code entente.replica.lag}, {@code entente.replica.applied.sequence}, {@code
 *       entente.replica.organizations} — gauges of the live replica, when there is one;
 *   <li>{@code entente.replica.propagation} — a timer of the delay from a change's commit to its
 *       application by this instance's replica.
 * </ul>
 *
 * <p>A decision costs one lock-free increment: a decision counter's series is registered the first
 * time its outcome and reason occur, and counts are kept in adders the registry reads.
 */
public final class EntenteMetrics implements EntenteListener, MeterBinder {
  private static final ReasonCode[] CODES = ReasonCode.values();

  private final Supplier<@Nullable LiveIndex> live;

  /** Refused decisions at a reason's ordinal, eligible ones after them; null until first seen. */
  private final AtomicReferenceArray<@Nullable LongAdder> decisions =
      new AtomicReferenceArray<>(2 * CODES.length);

  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final List<Timer> propagation = new CopyOnWriteArrayList<>();

  /**
   * Meters of the replica {@code live} gives, if any.
   *
   * @param live the live replica, or null; asked when bound to a registry
   */
  public EntenteMetrics(Supplier<@Nullable LiveIndex> live) {
    this.live = live;
  }

  @Override
  @SuppressWarnings("EnumOrdinal") // an index into this class's own table of every code
  public void decided(AccessDecision decision) {
    int i = (decision.eligible() ? CODES.length : 0) + decision.reason().ordinal();
    LongAdder count = decisions.get(i);
    (count != null ? count : firstOf(i)).increment();
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
        register(registry, i, count);
      }
    }
    propagation.add(
        Timer.builder("entente.replica.propagation")
            .description("From a change's commit to its application by this instance's replica")
            .register(registry));
    LiveIndex index = live.get();
    if (index != null) {
      Gauge.builder("entente.replica.lag", index, EntenteMetrics::lag)
          .description(
              "Committed changes the replica has not applied yet; NaN when the store is"
                  + " unreachable")
          .baseUnit("changes")
          .register(registry);
      Gauge.builder("entente.replica.applied.sequence", index, LiveIndex::appliedSequence)
          .description("The sequence of the last change the replica applied")
          .register(registry);
      Gauge.builder("entente.replica.organizations", index, LiveIndex::size)
          .description("Organizations the replica holds")
          .register(registry);
    }
  }

  /** The counter of decisions at {@code i}, registered with every registry the first time. */
  private synchronized LongAdder firstOf(int i) {
    LongAdder count = decisions.get(i);
    if (count == null) {
      count = new LongAdder();
      for (MeterRegistry registry : registries) {
        register(registry, i, count);
      }
      decisions.set(i, count);
    }
    return count;
  }

  private static void register(MeterRegistry registry, int i, LongAdder count) {
    FunctionCounter.builder("entente.decisions", count, LongAdder::sum)
        .description("Access decisions, by outcome and deciding reason")
        .tag("outcome", i >= CODES.length ? "eligible" : "refused")
        .tag("reason", CODES[i % CODES.length].name())
        .register(registry);
  }

  private static double lag(LiveIndex index) {
    try {
      return index.lag();
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
