package dev.entente.testkit.quicktheories;

import static dev.entente.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.IdentitySource;
import dev.entente.testkit.EntenteGenerators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.DetatchedRandomnessSource;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

@DisplayName("The testkit's generators as QuickTheories Gens, shrinking included")
class QuickTheoriesGeneratorsTest {
  /**
   * A source that answers every draw with its origin (zero, or the least allowed value above it),
   * which is where ShrinkingRandom puts each draw's shrink point: where shrinking ends.
   */
  private final RandomnessSource simplest =
      new RandomnessSource() {
        @Override
        public long next(Constraint constraint) {
          for (long candidate = 0; candidate < 1_000; candidate++) {
            if (constraint.allowed(candidate)) {
              return candidate;
            }
          }
          for (long candidate : new long[] {Integer.MIN_VALUE, Long.MIN_VALUE}) {
            if (constraint.allowed(candidate)) {
              return candidate;
            }
          }
          throw new AssertionError("unexpected constraint");
        }

        @Override
        public DetatchedRandomnessSource detach() {
          throw new UnsupportedOperationException();
        }

        @Override
        public void registerFailedAssumption() {}
      };

  @Test
  void theDrawsShrinkTowardsTheSimplestOrganization() {
    ConnectedOrganization simplest = gen(EntenteGenerators::organization).generate(this.simplest);
    assertEquals(1, simplest.identitySources().size());
    assertTrue(simplest.internalSponsors().isEmpty() && simplest.externalSponsors().isEmpty());
    assertEquals(IdentitySource.Kind.ENTRA_TENANT, simplest.identitySources().get(0).kind());
    assertEquals("a.com", gen(EntenteGenerators::domainName).generate(this.simplest).ascii());
  }

  @Test
  void aFailingPropertyIsReportedWithItsSmallestFalsifyingValue() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                qt().withFixedSeed(11)
                    .forAll(gen(EntenteGenerators::organization))
                    .check(org -> org.identitySources().size() < 2));
    assertTrue(
        failure.getMessage().contains("Smallest found falsifying value"), failure.getMessage());
  }

  @Test
  @DisplayName("every spelling of a generated domain name is that name (R-SRC-3)")
  void everySpellingOfAGeneratedDomainNameIsThatName() {
    qt().withExamples(500)
        .forAll(
            gen(
                random -> {
                  DomainName name = EntenteGenerators.domainName(random);
                  return new String[] {name.ascii(), EntenteGenerators.spelling(random, name)};
                }))
        .checkAssert(pair -> assertEquals(DomainName.of(pair[0]), DomainName.of(pair[1])));
  }
}
