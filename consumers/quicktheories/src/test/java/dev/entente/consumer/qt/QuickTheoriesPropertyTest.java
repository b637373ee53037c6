package dev.entente.consumer.qt;

import static dev.entente.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The testkit's generators drive a consumer's QuickTheories properties")
class QuickTheoriesPropertyTest {
  @Test
  @DisplayName("every spelling of a generated domain name is that name (R-SRC-3)")
  void everySpellingOfAGeneratedDomainNameIsThatName() {
    qt().forAll(
            gen(
                random -> {
                  DomainName name = EntenteGenerators.domainName(random);
                  return new String[] {name.ascii(), EntenteGenerators.spelling(random, name)};
                }))
        .checkAssert(pair -> assertEquals(DomainName.of(pair[0]), DomainName.of(pair[1])));
  }

  @Test
  @DisplayName("QuickTheories shrinks a failing organization through the adapter")
  void quickTheoriesShrinksThroughTheAdapter() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                qt().withFixedSeed(5)
                    .forAll(gen(EntenteGenerators::organization))
                    .check(org -> org.identitySources().size() < 2));
    assertTrue(
        failure.getMessage().contains("Smallest found falsifying value"), failure.getMessage());
  }
}
