package dev.entente.examples;

import static dev.entente.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The documentation's QuickTheories sample runs through the adapter (R-SRC-3)")
class QuickTheoriesSampleTest {
  @Test
  void everyGeneratedDomainNameIsTheSameNameWhenSpelledInUnicode() {
    // sample begins
    qt().forAll(gen(EntenteGenerators::domainName))
        .check(d -> DomainName.of(d.unicode()).equals(d));
    // sample ends
  }
}
