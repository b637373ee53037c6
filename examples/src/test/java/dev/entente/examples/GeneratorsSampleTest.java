package dev.entente.examples;

import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's property-test sample runs (R-SRC-3)")
class GeneratorsSampleTest {
  @Test
  void everyGeneratedDomainNameIsTheSameNameWhenSpelledInUnicode() {
    // README sample begins
    qt().forAll(EntenteGenerators.gen(EntenteGenerators::domainName))
        .check(d -> DomainName.of(d.unicode()).equals(d));
    // README sample ends
  }
}
