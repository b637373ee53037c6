package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Property: seeds that find a failure again, and shrinking without a shrinker per type")
class PropertyTest {
  @Test
  @DisplayName("one seed makes the same examples in the same order")
  void oneSeedMakesTheSameExamples() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    Property.forAll(Generator.ints(0, 1_000_000)).seed(42).examples(50).checkAssert(first::add);
    Property.forAll(Generator.ints(0, 1_000_000)).seed(42).examples(50).checkAssert(second::add);
    assertEquals(first, second);
    assertEquals(50, first.size());
    assertTrue(first.stream().distinct().count() > 40, "the examples differ: " + first);
  }

  @Test
  @DisplayName("a failing int shrinks to the boundary of the property")
  void aFailingIntShrinksToTheBoundary() {
    Property.Falsified failure =
        assertThrows(
            Property.Falsified.class,
            () -> Property.forAll(Generator.ints(0, 1_000_000)).seed(1).check(x -> x < 500));
    assertEquals(500, failure.smallest());
    assertTrue((Integer) failure.first() >= 500);
    assertTrue(failure.getMessage().contains("seed 1;"), failure.getMessage());
  }

  @Test
  @DisplayName("a failing list shrinks to its fewest and smallest elements")
  void aFailingListShrinksToItsFewestAndSmallestElements() {
    Property.Falsified failure =
        assertThrows(
            Property.Falsified.class,
            () ->
                Property.forAll(Generator.ints(0, 1_000).list(0, 20))
                    .seed(7)
                    .check(xs -> xs.stream().mapToInt(Integer::intValue).sum() < 100));
    assertEquals(List.of(100), failure.smallest());
  }

  @Test
  @DisplayName("the failure's seed, given again, fails on the same example with the same value")
  void theFailuresSeedFindsItAgain() {
    Property.Falsified once =
        assertThrows(
            Property.Falsified.class,
            () ->
                Property.forAll(EntenteGenerators::organization)
                    .check(o -> o.version().value() < 500));
    Property.Falsified again =
        assertThrows(
            Property.Falsified.class,
            () ->
                Property.forAll(EntenteGenerators::organization)
                    .seed(once.seed())
                    .check(o -> o.version().value() < 500));
    assertEquals(once.example(), again.example());
    assertEquals(once.first(), again.first());
    assertEquals(once.smallest(), again.smallest());
  }

  @Test
  @DisplayName("the system property sets the seed of a run given none in code")
  void theSystemPropertySetsTheSeed() {
    String before = System.getProperty(Property.SEED_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, "0x2A");
    try {
      Property.Falsified failure =
          assertThrows(
              Property.Falsified.class,
              () -> Property.forAll(Generator.ints(0, 100)).check(x -> x < 90));
      assertEquals(42, failure.seed());
      System.setProperty(Property.SEED_PROPERTY, "forty-two");
      IllegalArgumentException bad =
          assertThrows(
              IllegalArgumentException.class,
              () -> Property.forAll(Generator.ints(0, 100)).check(x -> true));
      assertTrue(bad.getMessage().contains("forty-two"), bad.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, before);
      }
    }
  }

  @Test
  @DisplayName("a generator that fails is reported as the generator's failure, unshrunk")
  void aFailingGeneratorIsReportedAsSuch() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                Property.forAll(
                        Generator.ints(0, 10)
                            .map(
                                x -> {
                                  if (x == 3) {
                                    throw new IllegalStateException("three");
                                  }
                                  return x;
                                }))
                    .seed(5)
                    .check(x -> true));
    assertFalse(failure instanceof Property.Falsified);
    assertTrue(failure.getMessage().startsWith("the generator failed"), failure.getMessage());
    assertEquals("three", failure.getCause().getMessage());
  }

  @Test
  @DisplayName("an assumption that does not hold passes its example over")
  void anAssumptionThatDoesNotHoldPassesItsExampleOver() {
    AtomicInteger even = new AtomicInteger();
    Property.forAll(Generator.ints(0, 100))
        .seed(3)
        .checkAssert(
            x -> {
              assumeTrue(x % 2 == 0);
              assertEquals(0, x % 2);
              even.incrementAndGet();
            });
    assertTrue(even.get() > 0 && even.get() < Property.DEFAULT_EXAMPLES, "even examples " + even);
  }

  @Test
  @DisplayName("a time budget checks fewer examples and never fails for it")
  void aTimeBudgetChecksFewerExamples() {
    AtomicInteger checked = new AtomicInteger();
    Property.forAll(Generator.ints(0, 10))
        .examples(1_000_000)
        .timeBudget(Duration.ofMillis(200))
        .checkAssert(
            x -> {
              checked.incrementAndGet();
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertTrue(checked.get() >= 1 && checked.get() < 1_000_000, "checked " + checked);
  }

  @Test
  @DisplayName("for all bounds, a draw stays within them, replayed or fresh, and 0 is the origin")
  void drawsStayWithinTheirBounds() {
    Property.forAll(
            r -> {
              long origin = r.nextLong();
              long bound = r.nextLong();
              return origin < bound ? new long[] {origin, bound} : new long[] {bound, origin + 1};
            })
        .examples(2_000)
        .check(
            b -> {
              if (b[0] >= b[1]) {
                return true;
              }
              Draws fresh = Draws.fresh(new SplittableRandom(b[0] ^ b[1]));
              long value = fresh.nextLong(b[0], b[1]);
              long replayed = Draws.replay(fresh.choices()).nextLong(b[0], b[1]);
              long origin = Draws.replay(new long[0]).nextLong(b[0], b[1]);
              return value >= b[0] && value < b[1] && replayed == value && origin == b[0];
            });
  }

  @Test
  @DisplayName("bad settings are refused naming what is accepted")
  void badSettingsAreRefused() {
    Property<Integer> p = Property.forAll(Generator.ints(0, 1));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> p.examples(0))
            .getMessage()
            .contains("1 or more"));
    assertThrows(IllegalArgumentException.class, () -> p.shrinkRuns(-1));
    assertThrows(IllegalArgumentException.class, () -> p.timeBudget(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Generator.ints(3, 3));
    assertThrows(IllegalArgumentException.class, () -> Generator.ints(0, 1).list(2, 1));
    assertThrows(IllegalArgumentException.class, () -> Generator.<String>oneOf());
  }
}
