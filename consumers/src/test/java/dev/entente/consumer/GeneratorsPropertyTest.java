package dev.entente.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The testkit's generators drive a consumer's QuickTheories properties")
class GeneratorsPropertyTest {
  @Test
  @DisplayName("every spelling of a generated domain name is that name (R-SRC-3)")
  void everySpellingOfAGeneratedDomainNameIsThatName() {
    qt().forAll(
            EntenteGenerators.gen(
                random -> {
                  DomainName name = EntenteGenerators.domainName(random);
                  return new String[] {name.ascii(), EntenteGenerators.spelling(random, name)};
                }))
        .checkAssert(pair -> assertEquals(DomainName.of(pair[0]), DomainName.of(pair[1])));
  }
}
