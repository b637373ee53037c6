package dev.entente.testkit.quicktheories;

import java.util.random.RandomGenerator;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * A {@link RandomGenerator} that draws every number from a QuickTheories {@link RandomnessSource},
 * so that QuickTheories can shrink what a plain generator function made: it replays the draws with
 * smaller numbers. Bounded draws shrink towards their origin, which the generators of this kit
 * treat as the simplest choice.
 */
final class ShrinkingRandom implements RandomGenerator {
  private final RandomnessSource source;

  ShrinkingRandom(RandomnessSource source) {
    this.source = source;
  }

  @Override
  public long nextLong() {
    return source.next(Constraint.none().withShrinkPoint(0));
  }

  @Override
  public int nextInt() {
    return (int)
        source.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE).withShrinkPoint(0));
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
    return (int) source.next(Constraint.between(origin, bound - 1L).withShrinkPoint(origin));
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
    return source.next(Constraint.between(origin, bound - 1).withShrinkPoint(origin));
  }

  @Override
  public boolean nextBoolean() {
    return source.next(Constraint.between(0, 1).withShrinkPoint(0)) == 1;
  }

  @Override
  public double nextDouble() {
    return source.next(Constraint.between(0, (1L << 53) - 1).withShrinkPoint(0)) * 0x1.0p-53;
  }
}
