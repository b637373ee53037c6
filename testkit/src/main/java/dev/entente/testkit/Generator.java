package dev.entente.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Makes values from the numbers a {@link RandomGenerator} draws: the kit's one abstraction of a
 * generator, and all it asks of a property-testing library.
 *
 * <p>Every generator of {@link EntenteGenerators} is one, as a method reference ({@code
 * EntenteGenerators::organization}), and so is any lambda of a {@code RandomGenerator}. A generator
 * is deterministic: the same numbers make the same value. That is what makes the rest work:
 *
 * <ul>
 *   <li><b>Seeds.</b> {@link #sample(long)} makes the value of a seed again, and {@link Property}
 *       reports the seed of a failing run, so a failure found once is found again.
 *   <li><b>Size.</b> There is no size parameter. A generator draws each of its sizes (how many
 *       identity sources, labels, sponsors) as a bounded number whose smallest value is the
 *       smallest size, and takes the sizes a test names as arguments ({@code organizations(random,
 *       count)}).
 *   <li><b>Shrinking.</b> Without a shrinker per type: {@link Property} records the numbers a
 *       failing value was made from, then makes it again from fewer and smaller numbers while it
 *       still fails — each bounded draw moves towards its origin, which this kit's generators treat
 *       as the simplest choice (the first kind, the fewest items, ASCII before Unicode). The same
 *       works through any library that can hand a generator its own {@code RandomGenerator}, as the
 *       QuickTheories adapter in {@code entente-testkit-quicktheories} does.
 * </ul>
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Generator<T> {
  /** How many draws {@link #filter(Predicate)} makes before it gives up. */
  int FILTER_TRIES = 1_000;

  /**
   * {@return a value made from numbers drawn from {@code random}}
   *
   * @param random the source of randomness
   */
  T next(RandomGenerator random);

  /**
   * {@return the value this generator makes from {@code seed}: the same seed, the same value}
   *
   * @param seed the seed of a {@link SplittableRandom}
   */
  default T sample(long seed) {
    return next(new SplittableRandom(seed));
  }

  /**
   * {@return a generator of {@code f} of this generator's values}
   *
   * @param <R> the type of the new values
   * @param f the function
   */
  default <R> Generator<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return random -> f.apply(next(random));
  }

  /**
   * {@return a generator that makes a value, then a generator from it, and a value of that}
   *
   * @param <R> the type of the new values
   * @param f the generator for each value
   */
  default <R> Generator<R> flatMap(Function<? super T, ? extends Generator<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return random -> f.apply(next(random)).next(random);
  }

  /**
   * {@return a generator of this generator's values that {@code keep} accepts, drawing again until
   * one is; a filter that accepts none in {@value #FILTER_TRIES} draws fails with an {@link
   * IllegalStateException}, since a generator that rarely meets its filter should be written to
   * make such values directly}
   *
   * @param keep which values to keep
   */
  default Generator<T> filter(Predicate<? super T> keep) {
    Objects.requireNonNull(keep, "keep");
    return random -> {
      for (int i = 0; i < FILTER_TRIES; i++) {
        T value = next(random);
        if (keep.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException(
          "the filter accepted none of " + FILTER_TRIES + " values; make such values directly");
    };
  }

  /**
   * {@return a generator of lists of {@code min} to {@code max} of this generator's values; the
   * length shrinks towards {@code min}}
   *
   * @param min the fewest values, 0 or more
   * @param max the most values, at least {@code min}
   * @throws IllegalArgumentException when {@code min} is negative or {@code max} less than it
   */
  default Generator<List<T>> list(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "list(min, max) takes 0 <= min <= max; got min " + min + ", max " + max);
    }
    return random -> {
      int length = random.nextInt(min, max + 1);
      List<T> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        out.add(next(random));
      }
      return List.copyOf(out);
    };
  }

  /**
   * {@return a generator of one of {@code values}; the first shrinks best}
   *
   * @param <T> the type of the values
   * @param values the values, at least one, none null
   * @throws IllegalArgumentException when there are none
   */
  @SafeVarargs
  static <T> Generator<T> oneOf(T... values) {
    List<T> choices = new ArrayList<>(values.length);
    for (T value : values) {
      choices.add(Objects.requireNonNull(value, "a value of oneOf"));
    }
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("oneOf takes at least one value");
    }
    return random -> choices.get(random.nextInt(choices.size()));
  }

  /**
   * {@return a generator of ints from {@code origin} (inclusive) to {@code bound} (exclusive); they
   * shrink towards {@code origin}}
   *
   * @param origin the least value
   * @param bound one more than the greatest value
   * @throws IllegalArgumentException when {@code bound} is not greater than {@code origin}
   */
  static Generator<Integer> ints(int origin, int bound) {
    if (bound <= origin) {
      throw new IllegalArgumentException(
          "ints(origin, bound) takes origin < bound; got " + origin + ", " + bound);
    }
    return random -> random.nextInt(origin, bound);
  }
}
