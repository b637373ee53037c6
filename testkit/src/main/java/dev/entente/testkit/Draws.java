package dev.entente.testkit;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A {@link RandomGenerator} that writes down every number a generator draws from it, as a
 * <em>choice</em>: an unsigned offset from the draw's origin (for a bounded draw) or the draw
 * zigzag-encoded (0, -1, 1, -2 … for an unbounded one), so that a smaller choice is always a
 * simpler value. Drawn fresh, the choices come from a seeded source; replayed, they come from a
 * list, and every draw past its end chooses 0 — the origin. {@link Property} shrinks a failing
 * value by replaying shorter and smaller lists of choices.
 */
final class Draws implements RandomGenerator {
  private final RandomGenerator fresh;
  private final long[] replayed;
  private final boolean replaying;
  private long[] choices = new long[16];
  private int count;

  private Draws(RandomGenerator fresh, long[] replayed, boolean replaying) {
    this.fresh = fresh;
    this.replayed = replayed;
    this.replaying = replaying;
  }

  /** Draws from {@code source}, writing each choice down. */
  static Draws fresh(RandomGenerator source) {
    return new Draws(source, new long[0], false);
  }

  /** Replays {@code choices}, then chooses 0. */
  static Draws replay(long[] choices) {
    return new Draws(RandomGenerator.of("L64X128MixRandom"), choices.clone(), true);
  }

  /** The choices made so far. */
  long[] choices() {
    return Arrays.copyOf(choices, count);
  }

  /**
   * One choice among {@code span} values (an unsigned span; 0 stands for all 2^64), written down.
   */
  private long choose(long span) {
    long choice;
    if (replaying) {
      choice = count < replayed.length ? replayed[count] : 0;
      if (span != 0 && Long.compareUnsigned(choice, span) >= 0) {
        choice = Long.remainderUnsigned(choice, span);
      }
    } else if (span == 0) {
      choice = fresh.nextLong();
    } else if (span > 0) {
      choice = fresh.nextLong(span);
    } else {
      do {
        choice = fresh.nextLong();
      } while (Long.compareUnsigned(choice, span) >= 0);
    }
    if (count == choices.length) {
      choices = Arrays.copyOf(choices, count * 2);
    }
    choices[count++] = choice;
    return choice;
  }

  private static long zigzag(long choice) {
    return (choice >>> 1) ^ -(choice & 1);
  }

  @Override
  public long nextLong() {
    // Zigzag is a bijection, so a uniform choice is a uniform value, and 0 is the simplest.
    return zigzag(choose(0));
  }

  @Override
  public int nextInt() {
    return (int) nextLong();
  }

  @Override
  public boolean nextBoolean() {
    return choose(2) == 1;
  }

  @Override
  public double nextDouble() {
    return choose(1L << 53) * 0x1.0p-53;
  }

  @Override
  public int nextInt(int bound) {
    return nextInt(0, bound);
  }

  @Override
  public int nextInt(int origin, int bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("bound must be greater than origin");
    }
    return (int) (origin + choose((long) bound - origin));
  }

  @Override
  public long nextLong(long bound) {
    return nextLong(0, bound);
  }

  @Override
  public long nextLong(long origin, long bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("bound must be greater than origin");
    }
    // bound - origin as an unsigned span: exact even when it overflows a signed long.
    return origin + choose(bound - origin);
  }
}
