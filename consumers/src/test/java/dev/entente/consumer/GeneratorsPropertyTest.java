package dev.entente.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entente.model.DomainName;
import dev.entente.testkit.EntenteGenerators;
import dev.entente.testkit.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The testkit's generators drive a consumer's properties on plain JUnit")
class GeneratorsPropertyTest {
  @Test
  @DisplayName("every spelling of a generated domain name is that name (R-SRC-3)")
  void everySpellingOfAGeneratedDomainNameIsThatName() {
    Property.forAll(
            random -> {
              DomainName name = EntenteGenerators.domainName(random);
              return new String[] {name.ascii(), EntenteGenerators.spelling(random, name)};
            })
        .checkAssert(pair -> assertEquals(DomainName.of(pair[0]), DomainName.of(pair[1])));
  }

  @Test
  @DisplayName("a failure is shrunk and names the seed that finds it again")
  void aFailureIsShrunkAndNamesItsSeed() {
    Property.Falsified failure =
        assertThrows(
            Property.Falsified.class,
            () ->
                Property.forAll(EntenteGenerators::organization)
                    .seed(3)
                    .check(org -> org.identitySources().size() < 2));
    assertEquals(3, failure.seed());
    assertEquals(
        2, ((dev.entente.model.ConnectedOrganization) failure.smallest()).identitySources().size());
  }

  @Test
  @DisplayName("the kit brings no QuickTheories onto the consumer's class path")
  void theKitBringsNoQuickTheories() {
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("org.quicktheories.QuickTheory"));
  }
}
