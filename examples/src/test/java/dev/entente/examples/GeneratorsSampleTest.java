package dev.entente.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The documentation's property-test sample runs on plain JUnit (R-SRC-3)")
class GeneratorsSampleTest {
  @Test
  void everySpellingOfAGeneratedDomainNameIsThatName() {
    // sample begins
    Property.forAll(
            random -> {
              DomainName name = EntenteGenerators.domainName(random);
              return new String[] {name.ascii(), EntenteGenerators.spelling(random, name)};
            })
        .examples(500)
        .checkAssert(pair -> assertEquals(DomainName.of(pair[0]), DomainName.of(pair[1])));
    // sample ends
  }
}
