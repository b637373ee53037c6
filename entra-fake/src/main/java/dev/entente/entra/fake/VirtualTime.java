package dev.entente.entra.fake;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when someone sleeps on it: give it to the {@link FakeEntra} and, as the
 * way to wait, to the client under test, and a run full of {@code Retry-After}s takes no real time
 * while every wait is still checked. Thread-safe.
 */
public final class VirtualTime extends Clock {
  private final Object lock = new Object();
  private Instant now;
  private Duration slept = Duration.ZERO;

  /**
   * A clock at {@code start}.
   *
   * @param start the time it starts at
   */
  public VirtualTime(Instant start) {
    this.now = requireNonNull(start, "start");
  }

  /**
   * Moves the clock on by {@code duration}, at once.
   *
   * @param duration how long to "sleep", not negative
   */
  public void sleep(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot sleep a negative duration: " + duration);
    }
    synchronized (lock) {
      now = now.plus(duration);
      slept = slept.plus(duration);
    }
  }

  /** {@return how long all sleeps together moved the clock} */
  public Duration slept() {
    synchronized (lock) {
      return slept;
    }
  }

  @Override
  public Instant instant() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a VirtualTime is in UTC");
  }
}
