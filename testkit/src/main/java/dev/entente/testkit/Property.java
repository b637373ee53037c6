package dev.entente.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;

/**
 * A property checked for many generated values, from plain JUnit (or anything that treats an {@link
 * AssertionError} as a failure) — no property-testing library needed:
 *
 * <pre>{@code
 * @Test
 * void everyOrganizationHasASource() {
 *   Property.forAll(EntenteGenerators::organization)
 *       .examples(500)
 *       .checkAssert(org -> assertFalse(org.identitySources().isEmpty()));
 * }
 * }</pre>
 *
 * <p><b>Seeds.</b> A run draws every example from one seed: the one given to {@link #seed(long)},
 * else the system property {@value #SEED_PROPERTY} (so a failure in CI is rerun with {@code
 * -Dentente.testkit.seed=…}, no code changed), else a new random one. A failure names the seed of
 * its run; the same seed makes the same examples in the same order.
 *
 * <p><b>Shrinking.</b> On the first failing example the runner keeps the numbers its value was made
 * from and makes it again from fewer and smaller numbers — dropping runs of draws, then lowering
 * each draw towards its origin — keeping each attempt that still fails, until none is simpler or
 * {@link #shrinkRuns(int)} attempts are spent. The failure reports the smallest value found and the
 * first, and carries the smallest value's own failure as its cause. See {@link Generator} for why
 * this needs no shrinker per type.
 *
 * <p>A value the generator cannot make (it throws) is the generator's fault: the run stops with
 * that exception as the cause, unshrunk. An assumption that does not hold for a value (JUnit's
 * {@code assumeTrue}) passes that example over.
 *
 * @param <T> the type of the values
 */
public final class Property<T> {
  /** The system property that sets the seed of every run that was not given one in code. */
  public static final String SEED_PROPERTY = "entente.testkit.seed";

  /** Examples a run checks unless {@link #examples(int)} says otherwise. */
  public static final int DEFAULT_EXAMPLES = 1_000;

  /** Attempts to shrink a failing value unless {@link #shrinkRuns(int)} says otherwise. */
  public static final int DEFAULT_SHRINK_RUNS = 1_000;

  private final Generator<? extends T> generator;
  private int examples = DEFAULT_EXAMPLES;
  private int shrinkRuns = DEFAULT_SHRINK_RUNS;
  private @Nullable Long seed;
  private @Nullable Duration timeBudget;

  private Property(Generator<? extends T> generator) {
    this.generator = generator;
  }

  /**
   * {@return a property over the values of {@code generator}}
   *
   * @param <T> the type of the values
   * @param generator the generator
   */
  public static <T> Property<T> forAll(Generator<? extends T> generator) {
    return new Property<>(Objects.requireNonNull(generator, "generator"));
  }

  /**
   * {@return this property, checking {@code count} examples}
   *
   * @param count how many examples, at least 1
   * @throws IllegalArgumentException when {@code count} is less than 1
   */
  public Property<T> examples(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("examples takes 1 or more; got " + count);
    }
    this.examples = count;
    return this;
  }

  /**
   * {@return this property, drawing its examples from {@code seed}: a failure's seed makes the same
   * examples again}
   *
   * @param seed the seed
   */
  public Property<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * {@return this property, spending at most {@code runs} attempts on shrinking a failing value; 0
   * reports the first failing value as it was}
   *
   * @param runs the attempts, 0 or more
   * @throws IllegalArgumentException when {@code runs} is negative
   */
  public Property<T> shrinkRuns(int runs) {
    if (runs < 0) {
      throw new IllegalArgumentException("shrinkRuns takes 0 or more; got " + runs);
    }
    this.shrinkRuns = runs;
    return this;
  }

  /**
   * {@return this property, starting no new example once {@code budget} has passed since the first:
   * a slow subject or a busy machine checks fewer examples, and never fails for it}
   *
   * @param budget the time, positive
   * @throws IllegalArgumentException when {@code budget} is not positive
   */
  public Property<T> timeBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("timeBudget takes a positive duration; got " + budget);
    }
    this.timeBudget = budget;
    return this;
  }

  /**
   * Checks that {@code property} holds for every example.
   *
   * @param property true when the property holds for the value
   * @throws Falsified when it does not hold for some example
   */
  public void check(Predicate<? super T> property) {
    Objects.requireNonNull(property, "property");
    checkAssert(
        value -> {
          if (!property.test(value)) {
            throw new AssertionError("the property is false");
          }
        });
  }

  /**
   * Runs {@code property} on every example; an {@link AssertionError} or a runtime exception it
   * throws is a failure.
   *
   * @param property the assertions
   * @throws Falsified when it throws for some example
   */
  public void checkAssert(Consumer<? super T> property) {
    Objects.requireNonNull(property, "property");
    long runSeed = seed != null ? seed : seedFromSystem();
    SplittableRandom run = new SplittableRandom(runSeed);
    long start = System.nanoTime();
    for (int example = 1; example <= examples; example++) {
      if (example > 1 && timeBudget != null && System.nanoTime() - start > timeBudget.toNanos()) {
        return;
      }
      Draws draws = Draws.fresh(new SplittableRandom(run.nextLong()));
      T value;
      try {
        value = generator.next(draws);
      } catch (RuntimeException e) {
        throw new AssertionError(
            "the generator failed on example " + example + " (seed " + runSeed + ")", e);
      }
      Throwable failure = failure(property, value);
      if (failure != null) {
        throw shrink(property, runSeed, example, draws.choices(), value, failure);
      }
    }
  }

  private static long seedFromSystem() {
    String given = System.getProperty(SEED_PROPERTY);
    if (given == null || given.isBlank()) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return Long.decode(given.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " takes a long (decimal, or hex after 0x); got \"" + given + "\"",
          e);
    }
  }

  private static <T> @Nullable Throwable failure(Consumer<? super T> property, T value) {
    try {
      property.accept(value);
      return null;
    } catch (TestAbortedException discarded) {
      return null; // an assumption that does not hold: the example does not count
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  /** A value made again from choices, and its failure (null when it holds or cannot be made). */
  @SuppressWarnings("ArrayRecordComponent") // private, and never compared or hashed
  private record Attempt<T>(long[] choices, @Nullable T value, @Nullable Throwable failure) {}

  private Attempt<T> attempt(Consumer<? super T> property, long[] choices) {
    Draws draws = Draws.replay(choices);
    T value;
    try {
      value = generator.next(draws);
    } catch (RuntimeException e) {
      return new Attempt<>(draws.choices(), null, null);
    }
    return new Attempt<>(draws.choices(), value, failure(property, value));
  }

  /**
   * Whether {@code a} is simpler than {@code b}: fewer choices, else smaller at the first change.
   */
  static boolean simpler(long[] a, long[] b) {
    if (a.length != b.length) {
      return a.length < b.length;
    }
    int at = Arrays.mismatch(a, b);
    return at >= 0 && Long.compareUnsigned(a[at], b[at]) < 0;
  }

  private Falsified shrink(
      Consumer<? super T> property,
      long runSeed,
      int example,
      long[] choices,
      T value,
      Throwable failure) {
    Shrinking<T> s = new Shrinking<>(choices, value, failure);
    boolean progress = true;
    while (progress && s.runs < shrinkRuns) {
      progress = false;
      for (int chunk = 8; chunk >= 1; chunk /= 2) {
        for (int from = s.choices.length - chunk; from >= 0 && s.runs < shrinkRuns; from--) {
          long[] shorter = new long[s.choices.length - chunk];
          System.arraycopy(s.choices, 0, shorter, 0, from);
          System.arraycopy(s.choices, from + chunk, shorter, from, shorter.length - from);
          if (s.offer(attempt(property, shorter))) {
            progress = true;
            from = Math.min(from, s.choices.length - chunk) + 1; // the same place again
          }
        }
      }
      for (int at = 0; at < s.choices.length && s.runs < shrinkRuns; at++) {
        progress |= lower(property, s, at);
      }
    }
    return new Falsified(runSeed, example, value, choices.length, s);
  }

  /** Lowers the choice at {@code at} to the smallest that still fails, by bisection. */
  private boolean lower(Consumer<? super T> property, Shrinking<T> s, int at) {
    if (s.choices[at] == 0) {
      return false;
    }
    long[] zero = s.choices.clone();
    zero[at] = 0;
    if (s.offer(attempt(property, zero))) {
      return true;
    }
    boolean lowered = false;
    long low = 0; // holds
    while (at < s.choices.length && s.runs < shrinkRuns) {
      long high = s.choices[at]; // fails
      if (Long.compareUnsigned(high, low) <= 0 || high - low == 1) {
        break;
      }
      long mid = low + ((high - low) >>> 1);
      long[] candidate = s.choices.clone();
      candidate[at] = mid;
      if (s.offer(attempt(property, candidate))) {
        lowered = true;
      } else {
        low = mid;
      }
    }
    return lowered;
  }

  /** The simplest failing value so far, and the work spent finding it. */
  private static final class Shrinking<T> {
    long[] choices;
    T value;
    Throwable failure;
    int runs;
    int steps;

    Shrinking(long[] choices, T value, Throwable failure) {
      this.choices = choices;
      this.value = value;
      this.failure = failure;
    }

    /** Keeps {@code attempt} when it fails and is simpler; says whether it did. */
    boolean offer(Attempt<T> attempt) {
      runs++;
      T made = attempt.value();
      Throwable failed = attempt.failure();
      if (made == null || failed == null || !simpler(attempt.choices(), choices)) {
        return false;
      }
      choices = attempt.choices();
      value = made;
      failure = failed;
      steps++;
      return true;
    }
  }

  /**
   * A property that does not hold: the seed that finds it again, the smallest failing value found
   * and the first one; its cause is the smallest value's failure.
   */
  public static final class Falsified extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** The seed of the run that failed. */
    private final long seed;

    /** Which example failed first, from 1. */
    private final int example;

    private final transient Object smallest;
    private final transient Object first;

    private Falsified(
        long seed, int example, Object first, int firstDraws, Shrinking<?> shrinking) {
      super(
          "falsified by example "
              + example
              + " (seed "
              + seed
              + "; run it again with -D"
              + SEED_PROPERTY
              + "="
              + seed
              + " or .seed("
              + seed
              + "L))\n  smallest failing value ("
              + shrinking.steps
              + " shrinking steps in "
              + shrinking.runs
              + " attempts, "
              + firstDraws
              + " draws down to "
              + shrinking.choices.length
              + "):\n    "
              + shrinking.value
              + "\n  first failing value:\n    "
              + first
              + "\n  failure of the smallest: "
              + shrinking.failure,
          shrinking.failure);
      this.seed = seed;
      this.example = example;
      this.smallest = shrinking.value;
      this.first = first;
    }

    /**
     * {@return the seed of the run: {@link Property#seed(long)} with it finds this failure again}
     */
    public long seed() {
      return seed;
    }

    /** {@return which example of the run failed first, from 1} */
    public int example() {
      return example;
    }

    /** {@return the smallest failing value shrinking found} */
    public Object smallest() {
      return smallest;
    }

    /** {@return the first failing value, as generated} */
    public Object first() {
      return first;
    }
  }
}
